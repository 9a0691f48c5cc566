package testenv

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Record is one line of a test-vector file: its line number and its
// whitespace-separated fields.
type Record struct {
	Line   int
	Fields []string
}

// Vectors reads a test-vector file: one record per line, fields separated
// by white space, blank lines and lines starting with # ignored. It fails
// the test if the file cannot be read or holds no record.
func Vectors(t testing.TB, path string) []Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rs []Record
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rs = append(rs, Record{Line: n, Fields: strings.Fields(line)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatalf("%s: no test vectors", filepath.Base(path))
	}
	return rs
}
