package sqlstore

import (
	"path/filepath"
	"strings"
)

// SQLiteDSN returns the data source name that opens the SQLite database
// file at path with the settings the Store wants, for the driver
// modernc.org/sqlite (sql.Open("sqlite", SQLiteDSN(path))):
//
//	file:PATH?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=mmap_size(268435456)
//
// The path is cleaned, and its characters that a SQLite URI would read
// otherwise (%, ? and #) are escaped. See the package documentation for
// what each setting does.
func SQLiteDSN(path string) string {
	p := filepath.ToSlash(filepath.Clean(path))
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=mmap_size(268435456)"
}
