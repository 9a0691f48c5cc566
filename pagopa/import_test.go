package pagopa

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestImportPositions(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	p := testPosition(t)
	q := testPosition(t)
	q.IUPD = "TARI-2025-000487"
	q.Options = q.Options[:1]
	q.Options[0].IUV = "02000000000000487"
	bad := testPosition(t)
	bad.IUPD = "BAD"
	bad.Options = nil
	taken := testPosition(t) // another IUPD with an IUV already used
	taken.IUPD = "TAKEN"
	taken.Options = taken.Options[1:2]

	encode := func(ps ...*Position) string {
		b, err := json.Marshal(ps)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	store := NewMemoryStore()
	rep, err := ImportPositions(ctx, store, &cfg, strings.NewReader(encode(p, bad, q, taken)), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 2 || rep.Updated != 0 || len(rep.Problems) != 2 ||
		rep.Problems[0].Index != 1 || !errors.Is(rep.Problems[0].Err, ErrCount) ||
		rep.Problems[1].Index != 3 || !errors.Is(rep.Problems[1].Err, ErrExists) {
		t.Fatalf("first import: %+v", rep)
	}
	got, _ := store.Position(ctx, ente, p.IUPD)
	if got.Status != Valid {
		t.Errorf("imported position status %s, want VALID (published at import)", got.Status)
	}

	// The same file again changes nothing.
	rep, err = ImportPositions(ctx, store, &cfg, strings.NewReader(encode(p, q)), testNow)
	if err != nil || rep.Unchanged != 2 || rep.Created+rep.Updated != 0 {
		t.Errorf("second import: %+v, %v", rep, err)
	}

	// A changed description updates; a paid position is left alone.
	store.SaveReceipt(ctx, &Receipt{Organization: ente, ReceiptID: "t", Outcome: "OK", IUV: q.Options[0].IUV, Amount: q.Options[0].Amount})
	p.Options[0].Description = "TARI 2025 (rettifica)"
	q.Options[0].Description = "changed after payment"
	rep, err = ImportPositions(ctx, store, &cfg, strings.NewReader(encode(p, q)), testNow)
	if err != nil || rep.Updated != 1 || rep.Unchanged != 1 {
		t.Errorf("third import: %+v, %v", rep, err)
	}
	got, _ = store.Position(ctx, ente, p.IUPD)
	if got.Options[0].Description != "TARI 2025 (rettifica)" || got.Status != Valid {
		t.Errorf("updated position: %q, %s", got.Options[0].Description, got.Status)
	}
	got, _ = store.Position(ctx, ente, q.IUPD)
	if got.Options[0].Description == "changed after payment" || got.Status != Paid {
		t.Errorf("a paid position was changed: %q, %s", got.Options[0].Description, got.Status)
	}

	for _, in := range []string{`{}`, `[{"iupd": 1}]`, `[` + encode(p)[1:len(encode(p))-1]} {
		rep, err := ImportPositions(ctx, NewMemoryStore(), &cfg, strings.NewReader(in), testNow)
		if err == nil && len(rep.Problems) == 0 {
			t.Errorf("ImportPositions(%.30q) accepted bad input: %+v", in, rep)
		}
	}
}
