package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/pagopa"
)

// ecPositions writes synthetic debt positions of an ente, with notice
// numbers of its station, for trying out or load-testing an endpoint.
func ecPositions(e env, args []string) error {
	fs := flag.NewFlagSet("ec positions", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "ec.json naming the broker, the station and the ente")
	pa := fs.String("pa", "", "fiscal code of the ente (default: the first ente of the configuration)")
	count := fs.Int("count", 100, "number of positions")
	first := fs.Uint64("first", 1, "IUV base of the first position; the others follow")
	amount := fs.Int64("amount-cents", 13650, "amount of each position, in euro cents")
	iban := fs.String("iban", "IT60X0542811101000000123456", "IBAN credited")
	due := fs.String("due", "", "due date, YYYY-MM-DD (default: a year from today)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "config"); err != nil {
		return err
	}
	if *count < 1 || *count > 10_000_000 {
		return fmt.Errorf("ec positions: --count %d is not between 1 and 10,000,000", *count)
	}
	if *amount < 1 {
		return fmt.Errorf("ec positions: --amount-cents %d is not positive", *amount)
	}
	cfg, err := readConfig(*cfgPath)
	if err != nil {
		return err
	}
	org := *pa
	if org == "" && len(cfg.Stations) > 0 && len(cfg.Stations[0].Enti) > 0 {
		org = cfg.Stations[0].Enti[0].FiscalCode
	}
	ente, station := cfg.Ente(org)
	if ente == nil {
		return fmt.Errorf("ec positions: ente %q is not in %s", org, *cfgPath)
	}
	dueDate := time.Now().UTC().AddDate(1, 0, 0).Truncate(24 * time.Hour).Add(24*time.Hour - time.Second)
	if *due != "" {
		d, err := time.Parse(time.DateOnly, *due)
		if err != nil {
			return fmt.Errorf("ec positions: --due %q is not YYYY-MM-DD", *due)
		}
		dueDate = d.Add(24*time.Hour - time.Second)
	}
	gen := &notice.Generator{AuxDigit: station.AuxDigit, ApplicationCode: station.ApplicationCode,
		SegregationCode: station.SegregationCode, Sequence: notice.NewMemorySequence(*first - 1)}
	company := ente.CompanyName
	if company == "" {
		company = org
	}
	ps := make([]pagopa.Position, 0, *count)
	for i := range *count {
		n, err := gen.Next(context.Background())
		if err != nil {
			return fmt.Errorf("ec positions: position %d: %w", i+1, err)
		}
		desc := fmt.Sprintf("Posizione di prova %d", i+1)
		p := pagopa.Position{IUPD: fmt.Sprintf("LOAD-%s", n.IUV()), Organization: org,
			Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi",
			CompanyName: company, OfficeName: ente.OfficeName,
			Options: []pagopa.Option{{IUV: n.IUV(), Amount: *amount, Description: desc, DueDate: dueDate,
				Transfers: []pagopa.Transfer{{ID: 1, Amount: *amount, Remittance: desc, Category: "9/0101108TS/", IBAN: *iban}}}}}
		if err := p.Validate(); err != nil {
			return fmt.Errorf("ec positions: %w", err)
		}
		ps = append(ps, p)
	}
	enc := json.NewEncoder(e.stdout)
	return enc.Encode(ps)
}
