package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

// ecLoad sends paVerifyPaymentNotice at a constant rate to an endpoint
// and prints throughput and latency percentiles.
func ecLoad(e env, args []string) error {
	fs := flag.NewFlagSet("ec load", flag.ContinueOnError)
	endpoint := fs.String("endpoint", "", "URL of the paForNode endpoint")
	cfgPath := fs.String("config", "", "ec.json naming the broker, the station and the ente")
	positions := fs.String("positions", "", "JSON array of debt positions whose notices are verified")
	rate := fs.Int("rate", 1000, "requests started per second")
	conns := fs.Int("connections", 64, "HTTP connections")
	duration := fs.Duration("duration", 10*time.Second, "length of the run")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "endpoint", "config", "positions"); err != nil {
		return err
	}
	cfg, err := readConfig(*cfgPath)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(*positions)
	if err != nil {
		return err
	}
	var ps []pagopa.Position
	if err := json.Unmarshal(data, &ps); err != nil {
		return fmt.Errorf("%s: %w", *positions, err)
	}
	var notices []string
	org := ""
	var station *pagopa.Station
	for _, p := range ps {
		if org == "" {
			org = p.Organization
			_, station = cfg.Ente(org)
		}
		if p.Organization != org || station == nil {
			continue
		}
		for _, o := range p.Options {
			if n, err := station.NoticeNumber(o.IUV); err == nil {
				notices = append(notices, n.String())
			}
		}
	}
	if len(notices) == 0 {
		return fmt.Errorf("ec load: no notice of a configured ente in %s", *positions)
	}
	nodo := &pagopatest.Nodo{URL: *endpoint, BrokerID: cfg.BrokerID, StationID: station.ID}
	res, err := nodo.Load(context.Background(), pagopatest.LoadOptions{
		FiscalCode: org, Notices: notices, Rate: *rate, Connections: *conns, Duration: *duration})
	if err != nil {
		return err
	}
	if *asJSON {
		first := ""
		if res.FirstError != nil {
			first = res.FirstError.Error()
		}
		return writeJSON(e, map[string]any{
			"requests": res.Requests, "ok": res.OK, "ko": res.Faults, "errors": res.Errors,
			"elapsed_ms": res.Elapsed.Milliseconds(), "throughput": res.Throughput(),
			"p50_ms": ms(res.P50), "p90_ms": ms(res.P90), "p99_ms": ms(res.P99), "max_ms": ms(res.Max),
			"first_error": first,
		})
	}
	fmt.Fprintln(e.stdout, res)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
