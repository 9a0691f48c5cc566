package sqlstore_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

func TestSQLiteReplicas(t *testing.T)     { testReplicas(t, sqliteBackend) }
func TestPostgreSQLReplicas(t *testing.T) { postgresDSN(t); testReplicas(t, postgresBackend) }

// testReplicas runs two endpoints, each with its own Store over one
// database, as two replicas behind a load balancer: positions imported by
// both, the same receipt delivered to both at once, IUVs issued by both.
func testReplicas(t *testing.T, b backend) {
	ctx := context.Background()
	s1, s2 := b.shared(t)
	cfg := pagopa.Config{BrokerID: "15376371009", Stations: []pagopa.Station{{ID: "15376371009_01", AuxDigit: 3,
		SegregationCode: "02", PrimitiveVersion: 2, Enti: []pagopa.Ente{{FiscalCode: "77777777777", CompanyName: "Comune di Esempio"}}}}}
	positions := `[{"iupd": "TARI-1", "organizationFiscalCode": "77777777777", "type": "F", "fiscalCode": "RSSMRA80A01H501U",
	  "fullName": "Mario Rossi", "companyName": "Comune di Esempio", "switchToExpired": false,
	  "paymentOption": [{"iuv": "02000000000000184", "amount": 13650, "description": "TARI 2025", "isPartialPayment": false,
	    "dueDate": "2099-12-31T23:59:59Z", "transfer": [{"idTransfer": "1", "amount": 13650, "remittanceInformation": "TARI 2025",
	    "category": "0101101IM", "iban": "IT60X0542811101000000123456"}]}]}]`
	var urls []string
	for i, s := range []pagopa.Store{s1, s2} {
		rep, err := pagopa.ImportPositions(ctx, s, &cfg, strings.NewReader(positions), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if want := (pagopa.ImportReport{Created: 1 - i, Unchanged: i}); rep.Created != want.Created || rep.Unchanged != want.Unchanged || len(rep.Problems) != 0 {
			t.Fatalf("import on replica %d: %+v, want %+v", i+1, rep, want)
		}
		h, err := pagopa.NewHandler(cfg, s)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}

	nodo := &pagopatest.Nodo{URL: urls[0], BrokerID: "15376371009", StationID: "15376371009_01"}
	a, err := nodo.Activate(ctx, "77777777777", "302000000000000184", pagopatest.ActivateOptions{V2: true})
	if err != nil {
		t.Fatal(err)
	}
	opt := pagopatest.ReceiptOptions{PaymentDateTime: time.Now()}
	const n = 100
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replica := &pagopatest.Nodo{URL: urls[i%2], BrokerID: nodo.BrokerID, StationID: nodo.StationID}
			if _, err := replica.SendReceipt(ctx, a, opt); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("delivery: %v", err)
	}
	events, err := s1.Events(ctx, 0, 10*n)
	if err != nil {
		t.Fatal(err)
	}
	receipts := 0
	for _, e := range events {
		if e.Kind == pagopa.EventReceipt {
			receipts++
		}
	}
	if receipts != 1 {
		t.Errorf("%d receipts journaled, want 1", receipts)
	}
	p, err := s2.Position(ctx, "77777777777", "TARI-1")
	if err != nil || p.Status != pagopa.Paid {
		t.Errorf("position after the receipt: %v, %v", p, err)
	}

	// Both replicas issue notice numbers from the one sequence.
	seen := sync.Map{}
	var dup bytes.Buffer
	var mu sync.Mutex
	var wg2 sync.WaitGroup
	for i := range 100 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			s := []pagopa.Store{s1, s2}[i%2]
			g := &notice.Generator{AuxDigit: 3, SegregationCode: "02", Sequence: pagopa.Sequence{Store: s, Organization: "77777777777", Series: "02"}}
			num, err := g.Next(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			if _, loaded := seen.LoadOrStore(num.String(), true); loaded {
				mu.Lock()
				fmt.Fprintf(&dup, "%s ", num)
				mu.Unlock()
			}
		}()
	}
	wg2.Wait()
	if dup.Len() > 0 {
		t.Errorf("notice numbers issued twice: %s", dup.String())
	}
}
