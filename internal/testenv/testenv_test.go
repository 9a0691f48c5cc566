package testenv

import (
	"runtime"
	"testing"
)

// recorder is a testing.TB whose Fatalf and Skipf record the call and end
// the goroutine, as the real ones do.
type recorder struct {
	testing.TB
	fatal, skip bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.fatal = true; runtime.Goexit() }
func (r *recorder) Skipf(string, ...any)  { r.skip = true; runtime.Goexit() }

// call runs f with a recorder in its own goroutine and reports what it did.
func call(f func(testing.TB) string) (got string, fatal, skip bool) {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		got = f(r)
	}()
	<-done
	return got, r.fatal, r.skip
}

func TestTool(t *testing.T) {
	const missing = "pagokit-no-such-tool"
	for _, tt := range []struct {
		ci, name          string
		wantFatal, wantSk bool
		wantPath          bool
	}{
		{"", missing, false, true, false},
		{"true", missing, true, false, false},
		{"true", "go", false, false, true},
		{"", "go", false, false, true},
	} {
		t.Setenv("CI", tt.ci)
		got, fatal, skip := call(func(tb testing.TB) string { return Tool(tb, tt.name, "pkg") })
		if fatal != tt.wantFatal || skip != tt.wantSk || (got != "") != tt.wantPath {
			t.Errorf("CI=%q Tool(%s) = %q fatal=%v skip=%v; want fatal=%v skip=%v path=%v",
				tt.ci, tt.name, got, fatal, skip, tt.wantFatal, tt.wantSk, tt.wantPath)
		}
	}
}

func TestSpecs(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		ci, specs         string
		elem              []string
		wantFatal, wantSk bool
		want              string
	}{
		{"", "", nil, false, true, ""},
		{"true", "", nil, true, false, ""},
		{"", dir, []string{"missing.xsd"}, true, false, ""},
		{"true", dir, nil, false, false, dir},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv(SpecsEnv, tt.specs)
		got, fatal, skip := call(func(tb testing.TB) string { return Specs(tb, tt.elem...) })
		if fatal != tt.wantFatal || skip != tt.wantSk || got != tt.want {
			t.Errorf("CI=%q %s=%q Specs(%v) = %q fatal=%v skip=%v; want %q fatal=%v skip=%v",
				tt.ci, SpecsEnv, tt.specs, tt.elem, got, fatal, skip, tt.want, tt.wantFatal, tt.wantSk)
		}
	}
}
