package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// SpecsEnv is the environment variable naming the directory of official
// specification files (WSDL, XSD, OpenAPI, samples).
const SpecsEnv = "PAGOKIT_SPECS"

// InCI reports whether the tests run in CI (the CI variable is set).
func InCI() bool { return os.Getenv("CI") != "" }

// Tool returns the path of an external program, or stops the test: it is
// skipped outside CI and fails in CI. pkg names the Debian package that
// provides the program.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if InCI() {
		t.Fatalf("%s not found (CI is set): install the Debian package %s", name, pkg)
	}
	t.Skipf("%s not found: install the Debian package %s to run this test", name, pkg)
	return ""
}

// Specs returns the path of a file or directory under $PAGOKIT_SPECS, or
// stops the test as Tool does when the variable is unset. A set variable
// naming a missing file always fails the test.
func Specs(t testing.TB, elem ...string) string {
	t.Helper()
	dir := os.Getenv(SpecsEnv)
	if dir == "" {
		if InCI() {
			t.Fatalf("%s is not set (CI is set): conformance tests need the specification files", SpecsEnv)
		}
		t.Skipf("conformance test: set %s to the directory of official specification files to run it", SpecsEnv)
	}
	p := filepath.Join(append([]string{dir}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("specification file: %v", err)
	}
	return p
}
