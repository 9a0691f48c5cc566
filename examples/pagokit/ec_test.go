package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/pagopa"
)

// serveEC starts `pagokit ec serve` in-process on a free port with a
// SQLite store and returns the endpoint URL and the server's log.
func serveEC(t *testing.T, extra ...string) (string, *syncBuffer) {
	t.Helper()
	ready := make(chan string, 1)
	stop := make(chan struct{})
	serveReady = func(addr string) { ready <- addr }
	serveStop = stop
	logs := &syncBuffer{}
	done := make(chan int, 1)
	db := "sqlite:" + filepath.Join(t.TempDir(), "ec.db")
	args := append([]string{"ec", "serve", "--addr", "127.0.0.1:0", "--config", "testdata/ec.json",
		"--positions", "testdata/positions.json", "--db", db}, extra...)
	go func() { done <- run(args, &bytes.Buffer{}, logs) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("ec serve exited with %d:\n%s", code, logs)
	}
	t.Cleanup(func() {
		close(stop)
		if code := <-done; code != 0 {
			t.Errorf("ec serve exited with %d:\n%s", code, logs)
		}
		serveReady, serveStop = nil, nil
	})
	return "http://" + addr + "/pagopa/paForNode", logs
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestECServePay(t *testing.T) {
	url, logs := serveEC(t)
	if !strings.Contains(logs.String(), `"created":2`) || !strings.Contains(logs.String(), `"refused":1`) {
		t.Errorf("positions not loaded as expected:\n%s", logs)
	}
	code, out, errOut := pagokit("ec", "pay", "--endpoint", url, "--pa", "01234567890", "--notice", "302000000000000184",
		"--config", "testdata/ec.json", "--v2", "--twice")
	if code != 0 {
		t.Fatalf("ec pay: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"verify    OK  136,50 EUR, due 31/12/2099", "activate  OK  IUV 02000000000000184", "receipt   OK", "again     OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("ec pay output lacks %q:\n%s", want, out)
		}
	}
	// Paid now.
	code, out, _ = pagokit("ec", "pay", "--endpoint", url, "--pa", "01234567890", "--notice", "302000000000000184",
		"--broker", "15376371009", "--station", "15376371009_01", "--json")
	if code != 1 {
		t.Errorf("paying twice: exit %d, want 1", code)
	}
	var steps []payStep
	if err := json.Unmarshal([]byte(out), &steps); err != nil {
		t.Fatalf("ec pay --json: %v\n%s", err, out)
	}
	if len(steps) != 1 || steps[0].Fault != "PAA_PAGAMENTO_DUPLICATO" {
		t.Errorf("steps %+v", steps)
	}
	// An unknown notice.
	if code, out, _ := pagokit("ec", "pay", "--endpoint", url, "--pa", "01234567890", "--notice", "302000000000000386",
		"--config", "testdata/ec.json"); code != 1 || !strings.Contains(out, "PAA_PAGAMENTO_SCONOSCIUTO") {
		t.Errorf("unknown notice: exit %d\n%s", code, out)
	}
	// Without --config or --broker: the ente as its own broker, station _01,
	// which this endpoint does not serve.
	if code, out, _ := pagokit("ec", "pay", "--endpoint", url, "--pa", "01234567890", "--notice", "302000000000000285"); code != 1 ||
		!strings.Contains(out, "PAA_ID_INTERMEDIARIO_ERRATO") {
		t.Errorf("default broker: exit %d\n%s", code, out)
	}
	// The audit log has the calls, without the debtor.
	if l := logs.String(); !strings.Contains(l, `"op":"paSendRTV2"`) || strings.Contains(l, "Mario Rossi") {
		t.Errorf("audit log:\n%s", l)
	}

	code, out, errOut = pagokit("ec", "load", "--endpoint", url, "--config", "testdata/ec.json", "--positions",
		"testdata/positions.json", "--rate", "200", "--duration", "500ms", "--json")
	if code != 0 {
		t.Fatalf("ec load: exit %d\n%s%s", code, out, errOut)
	}
	var res struct{ Requests, OK, KO, Errors int }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	// One notice is paid (KO) and one is not (OK), verified in turn.
	if res.Requests != 100 || res.OK != 50 || res.KO != 50 || res.Errors != 0 {
		t.Errorf("ec load: %+v", res)
	}
}

func TestECUsage(t *testing.T) {
	for _, args := range [][]string{
		{"ec", "serve"},
		{"ec", "serve", "--config", "testdata/ec.json", "--db", "mysql://x"},
		{"ec", "serve", "--config", "testdata/ec.json", "--tls-cert", "x.pem"},
		{"ec", "pay", "--endpoint", "http://127.0.0.1:1/", "--pa", "01234567890"},
		{"ec", "load", "--endpoint", "http://127.0.0.1:1/"},
	} {
		if code, _, errOut := pagokit(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)\n%s", args, code, errOut)
		}
	}
	if code, _, errOut := pagokit("ec", "serve", "--config", "testdata/missing.json"); code != 1 || !strings.Contains(errOut, "missing.json") {
		t.Errorf("missing config: exit %d\n%s", code, errOut)
	}
}

func TestECPositions(t *testing.T) {
	code, out, errOut := pagokit("ec", "positions", "--config", "testdata/ec.json", "--count", "3", "--first", "7",
		"--amount-cents", "1600", "--due", "2027-03-31")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var ps []pagopa.Position
	if err := json.Unmarshal([]byte(out), &ps); err != nil {
		t.Fatal(err)
	}
	// Aux digit 3, segregation code 02: IUV = "02" + 13-digit base +
	// (3 02 base) mod 93, computed by hand for bases 7, 8 and 9.
	want := []string{"02000000000000790", "02000000000000891", "02000000000000992"}
	if len(ps) != len(want) {
		t.Fatalf("%d positions, want %d", len(ps), len(want))
	}
	for i, p := range ps {
		o := p.Options[0]
		if o.IUV != want[i] || p.Organization != "01234567890" || o.Amount != 1600 || o.Transfers[0].Amount != 1600 ||
			o.DueDate.Format(time.DateTime) != "2027-03-31 23:59:59" || p.CompanyName != "Comune di Esempio" {
			t.Errorf("position %d: %+v", i, p)
		}
	}

	// The positions serve: every one verifies OK.
	path := filepath.Join(t.TempDir(), "positions.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	url, _ := serveEC(t, "--positions", path)
	for _, n := range want {
		if code, out, errOut := pagokit("ec", "pay", "--endpoint", url, "--config", "testdata/ec.json", "--pa", "01234567890", "--notice", "3"+n); code != 0 {
			t.Errorf("ec pay %s: exit %d\n%s%s", n, code, out, errOut)
		}
	}

	for _, args := range [][]string{
		{"--count", "0"}, {"--amount-cents", "-1"}, {"--due", "31/03/2027"}, {"--pa", "99999999999"},
	} {
		a := append([]string{"ec", "positions", "--config", "testdata/ec.json"}, args...)
		if code, _, _ := pagokit(a...); code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
	}
}
