package sqlstore_test

import (
	"context"
	"testing"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

// TestSQLitePositionCache reads a position through one replica, changes
// it through another and reads it again: the first replica's cache of
// decoded positions must not hide the change, nor leak its copies.
func TestSQLitePositionCache(t *testing.T) {
	ctx := context.Background()
	where := sqliteBackend.fresh(t)
	s1 := newStore(t, sqliteBackend.open(t, where), sqlstore.SQLite)
	s2 := newStore(t, sqliteBackend.open(t, where), sqlstore.SQLite)
	p := &pagopa.Position{IUPD: "P1", Organization: "77777777777", Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U",
		FullName: "Mario Rossi", CompanyName: "Comune di Esempio", Status: pagopa.Valid,
		Options: []pagopa.Option{{IUV: "02000000000000184", Amount: 100, Description: "a",
			Transfers: []pagopa.Transfer{{ID: 1, Amount: 100, Remittance: "r", Category: "c", IBAN: "IT60X0542811101000000123456"}}}}}
	if err := s1.CreatePosition(ctx, p); err != nil {
		t.Fatal(err)
	}
	first, err := s1.PositionByIUV(ctx, "77777777777", "02000000000000184")
	if err != nil {
		t.Fatal(err)
	}
	first.Options[0].Description = "changed by the caller"
	again, _ := s1.PositionByIUV(ctx, "77777777777", "02000000000000184")
	if again.Options[0].Description != "a" {
		t.Errorf("a caller's change leaked into the cache: %q", again.Options[0].Description)
	}
	if _, err := s2.UpdatePosition(ctx, "77777777777", "P1", func(p *pagopa.Position) error {
		p.Options[0].Description = "b"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, read := range []func() (*pagopa.Position, error){
		func() (*pagopa.Position, error) { return s1.PositionByIUV(ctx, "77777777777", "02000000000000184") },
		func() (*pagopa.Position, error) { return s1.Position(ctx, "77777777777", "P1") },
	} {
		got, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if got.Options[0].Description != "b" {
			t.Errorf("replica 1 reads %q after replica 2 wrote \"b\"", got.Options[0].Description)
		}
	}
	if _, err := sqlstore.New(nil, sqlstore.SQLite); err == nil {
		t.Error("New(nil) succeeded")
	}
	if _, err := sqlstore.New(sqliteBackend.open(t, where), sqlstore.SQLite, sqlstore.WithPositionCache(-1)); err == nil {
		t.Error("a negative cache size was accepted")
	}
}
