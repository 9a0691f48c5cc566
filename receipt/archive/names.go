package archive

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// The fixed files of a package, in the order they are written after the
// receipts.
const (
	IndexCSVName    = "index.csv"
	IndexJSONLName  = "index.jsonl"
	ManifestName    = "manifest.sha256"
	ManifestXMLName = "manifest.xml"
)

// ReceiptDir is the folder of the receipt and RPT files.
const ReceiptDir = "receipts/"

// maxNamePart bounds each part of a receipt file name taken from the
// receipt (the IUV and the receipt id, at most 35 characters in pagoPA).
const maxNamePart = 64

// receiptNames returns the names of the n-th receipt's files (n from 1):
// receipts/<n, 8 digits>-<IUV>-<receipt id>.xml and the same with
// .rpt.xml. The sequence number makes the names unique whatever the IUV
// and receipt id hold, and sorts them in input order.
func receiptNames(n int, iuv, receiptID string) (raw, rpt string) {
	base := fmt.Sprintf("%s%08d-%s-%s", ReceiptDir, n, safePart(iuv), safePart(receiptID))
	return base + ".xml", base + ".rpt.xml"
}

// safePart replaces every character outside [A-Za-z0-9._-] with '_' and
// keeps at most maxNamePart of them.
func safePart(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() == maxNamePart {
			break
		}
		if nameChar(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func nameChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
}

// unsafeName reports why an entry name could write outside the folder a
// package is extracted to, or confuse an extractor: empty, not UTF-8, an
// absolute path, a "." or ".." element, an empty element (a directory
// entry or a doubled slash), a backslash, a colon (a Windows drive or
// stream) or a control character. It returns "" for a safe name.
func unsafeName(name string) string {
	switch {
	case name == "":
		return "empty name"
	case !utf8.ValidString(name):
		return "name is not UTF-8"
	case strings.HasPrefix(name, "/"):
		return "absolute path"
	case strings.ContainsAny(name, `\:`):
		return "backslash or colon in name"
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "control character in name"
	case !fs.ValidPath(name):
		return `"." or ".." or empty path element`
	}
	return ""
}

// packageName reports whether name can be a file of a package built by
// Build: one of the fixed files or receipts/ followed by a name of
// [A-Za-z0-9._-] characters that is not "." or "..".
func packageName(name string) bool {
	switch name {
	case IndexCSVName, IndexJSONLName, ManifestName, ManifestXMLName:
		return true
	}
	base, ok := strings.CutPrefix(name, ReceiptDir)
	if !ok || base == "" || base == "." || base == ".." {
		return false
	}
	for _, r := range base {
		if !nameChar(r) {
			return false
		}
	}
	return true
}
