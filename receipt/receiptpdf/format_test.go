package receiptpdf

import (
	"testing"
	"time"

	"github.com/pagokit/pagokit/receipt"
)

func TestItalianTime(t *testing.T) {
	// Summer time in 2024 ran from 31 March 01:00 UTC to 27 October
	// 01:00 UTC; in 2023 from 26 March to 29 October.
	for _, tc := range []struct {
		utc  time.Time
		want string
	}{
		{time.Date(2024, 9, 25, 9, 24, 1, 0, time.UTC), "2024-09-25 11:24:01 CEST"},
		{time.Date(2023, 1, 15, 10, 0, 0, 0, time.UTC), "2023-01-15 11:00:00 CET"},
		{time.Date(2024, 3, 31, 0, 59, 59, 0, time.UTC), "2024-03-31 01:59:59 CET"},
		{time.Date(2024, 3, 31, 1, 0, 0, 0, time.UTC), "2024-03-31 03:00:00 CEST"},
		{time.Date(2024, 10, 27, 0, 59, 59, 0, time.UTC), "2024-10-27 02:59:59 CEST"},
		{time.Date(2024, 10, 27, 1, 0, 0, 0, time.UTC), "2024-10-27 02:00:00 CET"},
		{time.Date(2023, 3, 26, 1, 0, 0, 0, time.UTC), "2023-03-26 03:00:00 CEST"},
		{time.Date(2023, 3, 25, 1, 0, 0, 0, time.UTC), "2023-03-25 02:00:00 CET"},
		{time.Date(2023, 12, 31, 23, 30, 0, 0, time.UTC), "2024-01-01 00:30:00 CET"},
		// A time given in another zone is the same instant.
		{time.Date(2024, 9, 25, 5, 24, 1, 0, time.FixedZone("EDT", -4*3600)), "2024-09-25 11:24:01 CEST"},
	} {
		if got := italianTime(tc.utc).Format("2006-01-02 15:04:05 MST"); got != tc.want {
			t.Errorf("italianTime(%v) = %s, want %s", tc.utc, got, tc.want)
		}
	}
}

func TestDateTimeAndDate(t *testing.T) {
	paid := time.Date(2024, 9, 25, 9, 24, 1, 0, time.UTC)
	d := receipt.Date{Year: 2024, Month: time.September, Day: 5}
	for _, tc := range []struct {
		s              *strs
		when, day, amt string
	}{
		{&it, "25/09/2024 11:24:01", "05/09/2024", "1.020,99 €"},
		{&en, "2024-09-25 11:24:01", "2024-09-05", "€1,020.99"},
	} {
		if got := tc.s.dateTime(paid); got != tc.when {
			t.Errorf("dateTime = %q, want %q", got, tc.when)
		}
		if got := tc.s.date(d); got != tc.day {
			t.Errorf("date = %q, want %q", got, tc.day)
		}
		if got := tc.s.amount(102099); got != tc.amt {
			t.Errorf("amount = %q, want %q", got, tc.amt)
		}
	}
	if got := it.amount(1600); got != "16,00 €" {
		t.Errorf("amount(1600) = %q", got)
	}
	if got := en.amount(5); got != "€0.05" {
		t.Errorf("amount(5) = %q", got)
	}
}

func TestGrouped(t *testing.T) {
	for in, want := range map[string]string{
		"348172725623804858":          "3481 7272 5623 8048 58",
		"IT60X0542811101000000123456": "IT60 X054 2811 1010 0000 0123 456",
		"1234":                        "1234",
		"12345":                       "1234 5",
		"":                            "",
		"RF18-539":                    "RF18-539", // not a single run of letters and digits
		" 302000000000000184 ":        "3020 0000 0000 0001 84",
	} {
		if got := grouped(in); got != want {
			t.Errorf("grouped(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"a b":               "a b",
		"  a\n\tb  \r\n c ": "a b c",
		"":                  "",
		"\n":                "",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddress(t *testing.T) {
	for _, tc := range []struct {
		sj   receipt.Subject
		want string
	}{
		{receipt.Subject{StreetName: "Via Roma", CivicNumber: "1", PostalCode: "00100", City: "Roma", StateProvinceRegion: "RM", Country: "IT"}, "Via Roma 1, 00100 Roma (RM), IT"},
		{receipt.Subject{City: "Berlin", Country: "DE"}, "Berlin, DE"},
		{receipt.Subject{StreetName: "Via  Po\n"}, "Via Po"},
		{receipt.Subject{StateProvinceRegion: "MI"}, "(MI)"},
		{receipt.Subject{}, ""},
	} {
		if got := address(&tc.sj); got != tc.want {
			t.Errorf("address(%+v) = %q, want %q", tc.sj, got, tc.want)
		}
	}
}

func TestOutcomeText(t *testing.T) {
	rt := func(outcome, code string) *receipt.Receipt {
		return &receipt.Receipt{Outcome: outcome, Legacy: &receipt.Legacy{OutcomeCode: code}}
	}
	for _, tc := range []struct {
		s    *strs
		rc   *receipt.Receipt
		want string
	}{
		{&it, &receipt.Receipt{Outcome: "OK"}, "Eseguito"},
		{&en, &receipt.Receipt{Outcome: "OK"}, "Successful"},
		{&it, &receipt.Receipt{Outcome: "KO"}, "Non eseguito"},
		{&en, &receipt.Receipt{Outcome: "PARTIAL"}, "Partially executed"},
		{&it, &receipt.Receipt{Outcome: "STRANO"}, "STRANO"},
		{&it, rt("OK", "0"), "Eseguito"},
		{&it, rt("PARTIAL", "2"), "Parzialmente eseguito"},
		{&it, rt("KO", "3"), "Non eseguito – decorrenza termini"},
		{&it, rt("PARTIAL", "4"), "Parzialmente eseguito – decorrenza termini parziale"},
		{&en, rt("KO", "3"), "Not executed – time limit expired"},
		{&it, rt("KO", "9"), "Non eseguito (9)"},
	} {
		if got := tc.s.outcomeText(tc.rc); got != tc.want {
			t.Errorf("outcomeText(%q, %+v) = %q, want %q", tc.rc.Outcome, tc.rc.Legacy, got, tc.want)
		}
	}
}
