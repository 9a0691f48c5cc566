package pagopa

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testConfig is the ec.json of the examples: one broker, one station with
// aux digit 3 and segregation code 02, serving two enti.
const testConfigJSON = `{"idBrokerPA": "15376371009", "stations": [{"idStation": "15376371009_01", "auxDigit": 3,
 "segregationCode": "02", "primitiveVersion": 2, "enti": [
  {"idPA": "77777777777", "companyName": "Comune di Esempio", "officeName": "Ufficio Tributi"},
  {"idPA": "80016350821", "companyName": "Provincia di Esempio"}]}]}`

func testConfig(t testing.TB) Config {
	t.Helper()
	var c Config
	if err := json.Unmarshal([]byte(testConfigJSON), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConfigValidate(t *testing.T) {
	c := testConfig(t)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := testConfig(t)
	bad.BrokerID = ""
	bad.Stations[0].SegregationCode = "2"
	bad.Stations[0].PrimitiveVersion = 3
	bad.Stations[0].Enti[1].FiscalCode = "ABC"
	bad.Stations = append(bad.Stations, Station{ID: "15376371009_01", AuxDigit: 0, PrimitiveVersion: 1})
	err := bad.Validate()
	if !errors.Is(err, ErrConfig) {
		t.Fatalf("Validate = %v, want ErrConfig", err)
	}
	want := []Problem{
		{"idBrokerPA", ErrMissing},
		{"stations[0].segregationCode", ErrFormat},
		{"stations[0].primitiveVersion", ErrFormat},
		{"stations[0].enti[1].idPA", ErrFiscalCode},
		{"stations[1].idStation", ErrInconsistent},
		{"stations[1].applicationCode", ErrFormat},
		{"stations[1].enti", ErrCount},
	}
	var ve *ValidationError
	errors.As(err, &ve)
	if diff := cmp.Diff(want, problemsOf(t, ve), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestStationNoticeNumber(t *testing.T) {
	c := testConfig(t)
	s := c.Station("15376371009_01")
	n, err := s.NoticeNumber("02000000000000184")
	if err != nil || n.String() != "302000000000000184" {
		t.Errorf("NoticeNumber = %v, %v; want 302000000000000184", n, err)
	}
	// Segregation code 01 is another station's; 85 is a wrong check digit.
	for _, iuv := range []string{"01000000000000144", "02000000000000185", "0200000000000018"} {
		if _, err := s.NoticeNumber(iuv); !errors.Is(err, ErrNoticeNumber) {
			t.Errorf("NoticeNumber(%s) = %v, want ErrNoticeNumber", iuv, err)
		}
	}
	if e, st := c.Ente("80016350821"); e == nil || st != s || e.CompanyName != "Provincia di Esempio" {
		t.Errorf("Ente = %v, %v", e, st)
	}
}

func TestCheckPosition(t *testing.T) {
	c := testConfig(t)
	p := testPosition(t)
	if err := c.CheckPosition(p); err != nil {
		t.Fatal(err)
	}
	p.Options[1].NAV = "302000000000000184"
	p.Options[2].IUV = "01000000000000144"
	want := []Problem{{"paymentOption[1].nav", ErrInconsistent}, {"paymentOption[2].iuv", ErrNoticeNumber}}
	if diff := cmp.Diff(want, problemsOf(t, c.CheckPosition(p)), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	p = testPosition(t)
	p.Organization = "12345678901"
	if diff := cmp.Diff([]Problem{{"organizationFiscalCode", ErrInconsistent}}, problemsOf(t, c.CheckPosition(p)), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
