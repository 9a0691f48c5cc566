package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

// ecPay plays the Nodo's verify → activate → send receipt sequence
// against an endpoint and prints each outcome.
func ecPay(e env, args []string) error {
	fs := flag.NewFlagSet("ec pay", flag.ContinueOnError)
	endpoint := fs.String("endpoint", "", "URL of the paForNode endpoint")
	pa := fs.String("pa", "", "fiscal code of the ente (idPA and qrCode fiscalCode)")
	nav := fs.String("notice", "", "notice number (18 digits)")
	v2 := fs.Bool("v2", false, "use paGetPaymentV2 and paSendRTV2")
	broker := fs.String("broker", "", "idBrokerPA (default: from --config, else --pa itself)")
	station := fs.String("station", "", "idStation (default: from --config, the station serving --pa, else <broker>_01)")
	cfgPath := fs.String("config", "", "ec.json naming the broker and stations")
	twice := fs.Bool("twice", false, "deliver the receipt a second time, as the Nodo's retries do")
	timeout := fs.Duration("timeout", 7*time.Second, "timeout of each call (receipts: twice as long)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "endpoint", "pa", "notice"); err != nil {
		return err
	}
	if *cfgPath != "" {
		cfg, err := readConfig(*cfgPath)
		if err != nil {
			return err
		}
		if *broker == "" {
			*broker = cfg.BrokerID
		}
		if *station == "" {
			if _, st := cfg.Ente(*pa); st != nil {
				*station = st.ID
			}
		}
	}
	// Without configuration, the ente is its own broker with its first
	// station, as pagoPA names them (77777777777 and 77777777777_01).
	if *broker == "" {
		*broker = *pa
	}
	if *station == "" {
		*station = *broker + "_01"
	}
	nodo := &pagopatest.Nodo{URL: *endpoint, BrokerID: *broker, StationID: *station,
		HTTPClient: &http.Client{}, Timeout: *timeout, ReceiptTimeout: 2 * *timeout}
	ctx := context.Background()

	var steps []payStep
	report := func(name string, err error, detail string) bool {
		s := payStep{Step: name, Outcome: "OK", Detail: detail}
		if err != nil {
			s.Outcome = "KO"
			var f *pagopatest.Fault
			if errors.As(err, &f) {
				s.Fault, s.Detail = f.Code, f.Description
			} else {
				s.Outcome, s.Detail = "ERROR", err.Error()
			}
		}
		steps = append(steps, s)
		if !*asJSON {
			line := fmt.Sprintf("%-9s %s", name, s.Outcome)
			if s.Fault != "" {
				line += " " + s.Fault
			}
			if s.Detail != "" {
				line += "  " + s.Detail
			}
			fmt.Fprintln(e.stdout, line)
		}
		return err == nil
	}
	finish := func() error {
		if *asJSON {
			if err := writeJSON(e, steps); err != nil {
				return err
			}
		}
		for _, s := range steps {
			if s.Outcome != "OK" {
				return errors.New("ec pay: the payment did not complete")
			}
		}
		return nil
	}

	v, err := nodo.Verify(ctx, *pa, *nav)
	detail := ""
	if err == nil {
		detail = fmt.Sprintf("%s EUR, due %s, %s", money.FormatItalian(v.Amount), dateOrNone(v.DueDate), v.Description)
	}
	if !report("verify", err, detail) {
		return finish()
	}
	a, err := nodo.Activate(ctx, *pa, *nav, pagopatest.ActivateOptions{V2: *v2, Amount: v.Amount})
	if err == nil {
		detail = fmt.Sprintf("IUV %s, %s EUR in %d transfer(s), token %s", a.IUV, money.FormatItalian(a.Amount), len(a.Transfers), a.Token)
	}
	if !report("activate", err, detail) {
		return finish()
	}
	opt := pagopatest.ReceiptOptions{PaymentDateTime: time.Now()}
	id, err := nodo.SendReceipt(ctx, a, opt)
	if !report("receipt", err, "receiptId "+id) {
		return finish()
	}
	if *twice {
		_, err := nodo.SendReceipt(ctx, a, opt)
		report("again", err, "receiptId "+id+" delivered again")
	}
	return finish()
}

type payStep struct {
	Step    string `json:"step"`
	Outcome string `json:"outcome"`
	Fault   string `json:"fault,omitempty"`
	Detail  string `json:"detail,omitempty"`
}

func dateOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format("02/01/2006")
}

// readConfig reads and validates an ec.json.
func readConfig(path string) (*pagopa.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cfg pagopa.Config
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &cfg, nil
}
