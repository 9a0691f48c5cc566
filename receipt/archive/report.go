package archive

import (
	"fmt"
	"time"

	"github.com/pagokit/pagokit/receipt"
)

// A ProblemKind classifies a Problem.
type ProblemKind string

// The kinds of problem Verify reports.
const (
	// ProblemUnsafeName: an entry whose name could write outside the
	// extraction folder (absolute, "..", backslash, drive letter…) or
	// that is not a regular file (a symbolic link, a directory). It is
	// not read.
	ProblemUnsafeName ProblemKind = "unsafe-name"
	// ProblemDuplicateName: a second entry with the same name. Only the
	// first is read.
	ProblemDuplicateName ProblemKind = "duplicate-name"
	// ProblemLimit: an entry, or the archive, over a Verifier limit
	// (size, count, compression ratio): a possible ZIP bomb. The entry
	// is not read.
	ProblemLimit ProblemKind = "limit"
	// ProblemCorrupt: the archive or an entry cannot be read (not a
	// ZIP, a CRC error, an unknown compression method).
	ProblemCorrupt ProblemKind = "corrupt"
	// ProblemMissingFile: a file that manifest.sha256 lists, or one of
	// the fixed files, is not in the archive.
	ProblemMissingFile ProblemKind = "missing-file"
	// ProblemExtraFile: a file in the archive that manifest.sha256 does
	// not list.
	ProblemExtraFile ProblemKind = "extra-file"
	// ProblemHashMismatch: a file's SHA-256 is not the one
	// manifest.sha256 lists.
	ProblemHashMismatch ProblemKind = "hash-mismatch"
	// ProblemFormat: manifest.sha256, manifest.xml, index.csv or
	// index.jsonl is not in its format.
	ProblemFormat ProblemKind = "format"
	// ProblemManifestDigest: manifest.sha256's SHA-256 is not the one
	// manifest.xml records.
	ProblemManifestDigest ProblemKind = "manifest-digest"
	// ProblemSignature: manifest.xml's signature is missing, malformed
	// or does not verify with the trusted certificate.
	ProblemSignature ProblemKind = "signature"
	// ProblemUntrusted: manifest.xml is signed with another certificate
	// than the trusted one, or the certificate was not valid when the
	// package was created.
	ProblemUntrusted ProblemKind = "untrusted-signer"
	// ProblemIndex: the index disagrees with itself (index.csv against
	// index.jsonl), with manifest.sha256 (a file not listed, another
	// hash, a receipt file in no row) or with manifest.xml (the count,
	// the total, the ente, the period; a duplicate receipt id).
	ProblemIndex ProblemKind = "index"
)

// A Problem is one thing wrong with a package.
type Problem struct {
	Kind ProblemKind
	// File is the entry or package file concerned, empty for the
	// archive as a whole.
	File string
	// Detail says what is wrong, for people.
	Detail string
}

// String formats the problem as "kind file: detail".
func (p Problem) String() string {
	s := string(p.Kind)
	if p.File != "" {
		s += " " + p.File
	}
	return s + ": " + p.Detail
}

// A Report is the outcome of Verify. The fields read from manifest.xml
// are set only when its signature verified (Signed).
type Report struct {
	// Signed reports that manifest.xml's signature verified with the
	// trusted certificate.
	Signed           bool
	FiscalCode       string
	From, To         receipt.Date
	Created          time.Time
	ReceiptCount     int
	TotalAmountCents int64

	// Files counts the entries read and checked.
	Files int
	// Problems lists every problem found, in a deterministic order, up
	// to Verifier.MaxProblems.
	Problems []Problem
	// Omitted counts the problems found beyond MaxProblems.
	Omitted int
}

// OK reports a package without problems whose signature verified.
func (r *Report) OK() bool { return r.Signed && len(r.Problems) == 0 && r.Omitted == 0 }

// Err returns nil for a package without problems, else an error
// wrapping ErrInvalidPackage that names the first problem.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	n := len(r.Problems) + r.Omitted
	if n == 0 {
		return fmt.Errorf("%w: signature not verified", ErrInvalidPackage)
	}
	return fmt.Errorf("%w: %d problems, the first: %s", ErrInvalidPackage, n, r.Problems[0])
}
