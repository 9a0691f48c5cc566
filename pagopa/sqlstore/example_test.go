package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

// A Store in a SQLite file: issue a notice number from the ente's IUV
// sequence, store its position, and receive its receipt twice, as the
// Nodo may deliver it.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pagokit-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "pagokit.db")))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)

	store, err := sqlstore.New(db, sqlstore.SQLite, sqlstore.WithTablePrefix("pagokit_"))
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}

	// The ente's notice numbers (aux digit 3, segregation code 02).
	gen := &notice.Generator{
		AuxDigit:        3,
		SegregationCode: "02",
		Sequence:        pagopa.Sequence{Store: store, Organization: "77777777777", Series: "02"},
	}
	n, err := gen.Next(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("notice number:", n)

	p := &pagopa.Position{
		Organization: "77777777777", IUPD: "TARI-2026-000001", Status: pagopa.Valid,
		Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi",
		CompanyName: "Comune di Prova",
		Options: []pagopa.Option{{
			IUV: n.IUV(), Amount: 12050, Description: "TARI 2026", Status: pagopa.OptionUnpaid,
			DueDate: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
			Transfers: []pagopa.Transfer{{ID: 1, Amount: 12050, IBAN: "IT60X0542811101000000123456",
				Remittance: "TARI 2026", Category: "9/0101108TS/"}},
		}},
	}
	if err := store.CreatePosition(ctx, p); err != nil {
		log.Fatal(err)
	}

	for range 2 {
		r := &pagopa.Receipt{
			Organization: "77777777777", ReceiptID: "c3f1e9d2a4b84c6f9e0d1a2b3c4d5e6f", Outcome: "OK",
			IUV: n.IUV(), NoticeNumber: n.String(), Amount: 12050,
			PaymentDateTime: time.Date(2026, 3, 20, 10, 15, 30, 0, time.UTC),
			Raw:             []byte("<receipt>…</receipt>"),
		}
		stored, err := store.SaveReceipt(ctx, r)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("stored:", stored, "anomalies:", r.Anomalies)
	}

	paid, err := store.PositionByIUV(ctx, "77777777777", n.IUV())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(paid.IUPD, paid.Status, paid.Options[0].Status, paid.Options[0].ReceiptID)
	// Output:
	// notice number: 302000000000000184
	// stored: true anomalies: []
	// stored: false anomalies: []
	// TARI-2026-000001 PAID PO_PAID c3f1e9d2a4b84c6f9e0d1a2b3c4d5e6f
}

// The @e.bollo records of a Store in a SQLite file: the stamp asked for
// in a paGetPaymentV2 answer, and the IUBD of the MBD that pays for it,
// which a second receipt cannot use again.
func ExampleStore_IUBDs() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pagokit-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "pagokit.db")))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	store, err := sqlstore.New(db, sqlstore.SQLite)
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}

	err = store.SaveStampRequest(ctx, &pagopa.StampRequest{
		Organization: "77777777777", NoticeNumber: "302000000000000184", TransferID: 1,
		IUV: "02000000000000184", Amount: 1600, Type: "01", Province: "RM",
		HashDocument: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
		RequestedAt:  time.Date(2026, 3, 20, 10, 15, 30, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	reqs, err := store.StampRequests(ctx, "77777777777", "302000000000000184", 1)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range reqs {
		fmt.Println("requested:", r.Amount, r.Type, r.Province, r.HashDocument)
	}

	iubds := store.IUBDs()
	fmt.Println("first use:", iubds.Use(ctx, "01240002186093", "c3f1e9d2a4b84c6f9e0d1a2b3c4d5e6f"))
	err = iubds.Use(ctx, "01240002186093", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")
	var used *bollo.UsedError
	if errors.As(err, &used) {
		fmt.Println("second use refused, first used by", used.ReceiptID)
	}
	// Output:
	// requested: 1600 01 RM 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
	// first use: <nil>
	// second use refused, first used by c3f1e9d2a4b84c6f9e0d1a2b3c4d5e6f
}
