package archive_test

import (
	"archive/zip"
	"bytes"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/archive"
)

// The files of the package of base().
const (
	r1    = "receipts/00000001-00000000000000001-rcpt-00000001.xml"
	r2    = "receipts/00000002-00000000000000002-rcpt-00000002.xml"
	r2rpt = "receipts/00000002-00000000000000002-rcpt-00000002.rpt.xml"
	r3    = "receipts/00000003-00000000000000003-rcpt-00000003.xml"
)

func baseReceipts() []*receipt.Receipt {
	rs := []*receipt.Receipt{synthetic(1, 800), synthetic(2, 800), synthetic(3, 800)}
	rs[1].RPT = []byte(`<RPT><identificativoDominio>80012345678</identificativoDominio></RPT>`)
	return rs
}

// base returns a clean package of three receipts, the second with an RPT.
func base(t testing.TB) []byte { return build(t, options(t), baseReceipts()...) }

// edit returns a copy of entries with f applied to the named file.
func edit(entries []entry, name string, f func([]byte) []byte) []entry {
	out := make([]entry, 0, len(entries))
	for _, e := range entries {
		if e.name == name {
			e = entry{e.name, f(bytes.Clone(e.data))}
		}
		out = append(out, e)
	}
	return out
}

func replace(old, new string) func([]byte) []byte {
	return func(b []byte) []byte {
		if !bytes.Contains(b, []byte(old)) {
			panic("test: " + old + " not found")
		}
		return bytes.Replace(b, []byte(old), []byte(new), 1)
	}
}

func drop(entries []entry, name string) []entry {
	var out []entry
	for _, e := range entries {
		if e.name != name {
			out = append(out, e)
		}
	}
	return out
}

// resign parses manifest.xml, drops its signature, applies f to the root
// and signs it again with key, carrying certDER in KeyInfo.
func resign(t testing.TB, xml []byte, key *rsa.PrivateKey, certDER []byte, f func(root *etree.Element)) []byte {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(xml); err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	root.RemoveChild(root.SelectElement("Signature"))
	if f != nil {
		f(root)
	}
	ctx, err := dsig.NewSigningContext(key, [][]byte{certDER})
	if err != nil {
		t.Fatal(err)
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	if err := ctx.SetSignatureMethod(dsig.RSASHA256SignatureMethod); err != nil {
		t.Fatal(err)
	}
	signed, err := ctx.SignEnveloped(root)
	if err != nil {
		t.Fatal(err)
	}
	doc.SetRoot(signed)
	out, err := doc.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func setText(tag, text string) func(*etree.Element) {
	return func(root *etree.Element) { root.SelectElement(tag).SetText(text) }
}

// fixManifest rewrites manifest.sha256 for the files as they are, and
// re-signs manifest.xml with the ente's key: a package whose hashes and
// signature are all right, whatever was done to the files.
func fixManifest(t testing.TB, entries []entry, f func(*etree.Element)) []entry {
	t.Helper()
	var files []entry
	for _, e := range entries {
		if e.name != "manifest.sha256" && e.name != "manifest.xml" {
			files = append(files, e)
		}
	}
	slices.SortFunc(files, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	var lines []string
	for _, e := range files {
		lines = append(lines, fmt.Sprintf("%x  %s\n", sha256.Sum256(e.data), e.name))
	}
	manifest := []byte(strings.Join(lines, ""))
	key, cert := ente(t)
	entries = edit(entries, "manifest.sha256", func([]byte) []byte { return manifest })
	return edit(entries, "manifest.xml", func(b []byte) []byte {
		return resign(t, b, key, cert.Raw, func(root *etree.Element) {
			root.SelectElement("ManifestDigest").SetText(fmt.Sprintf("%x", sha256.Sum256(manifest)))
			if f != nil {
				f(root)
			}
		})
	})
}

// problems compares kinds and files; the details are for people.
var ignoreDetail = cmpopts.IgnoreFields(archive.Problem{}, "Detail")

func TestVerifyClean(t *testing.T) {
	pkg := base(t)
	rep := verify(t, pkg)
	want := &archive.Report{
		Signed: true, FiscalCode: enteCF, From: march2025.from, To: march2025.to, Created: created,
		ReceiptCount: 3, TotalAmountCents: 101 + 202 + 303, Files: 8,
	}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("Report (-want +got):\n%s", diff)
	}
	if err := rep.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
	// The same files repacked by archive/zip (no data descriptors, other
	// headers) still verify: Verify checks the content, not the bytes.
	if rep := verify(t, repack(t, unpack(t, pkg))); !rep.OK() {
		t.Errorf("repacked: %v", rep.Problems)
	}
}

func TestVerifyTamper(t *testing.T) {
	pkg := base(t)
	clean := unpack(t, pkg)
	key, cert := ente(t)
	otherKey, otherCert := newIdentity(t, "Comune di Altrove")

	bomb := func(size int) []byte { return make([]byte, size) }
	cases := []struct {
		name    string
		entries func() []entry
		want    []archive.Problem
	}{
		{"receipt byte changed", func() []entry {
			return edit(clean, r1, replace("TARI 2025 rata 1", "TARI 2025 rata 9"))
		}, []archive.Problem{{Kind: archive.ProblemHashMismatch, File: r1}}},
		{"RPT byte changed", func() []entry {
			return edit(clean, r2rpt, replace("80012345678", "80012345679"))
		}, []archive.Problem{{Kind: archive.ProblemHashMismatch, File: r2rpt}}},
		{"index.csv byte changed", func() []entry {
			return edit(clean, "index.csv", replace("TARI 2025 rata 1", "TARI 2025 rata 9"))
		}, []archive.Problem{
			{Kind: archive.ProblemIndex, File: "index.csv"},
			{Kind: archive.ProblemHashMismatch, File: "index.csv"},
		}},
		{"index.jsonl byte changed", func() []entry {
			return edit(clean, "index.jsonl", replace("TARI 2025 rata 1", "TARI 2025 rata 9"))
		}, []archive.Problem{
			{Kind: archive.ProblemIndex, File: "index.csv"},
			{Kind: archive.ProblemHashMismatch, File: "index.jsonl"},
		}},
		{"manifest.sha256 byte changed", func() []entry {
			h := fmt.Sprintf("%x", sha256.Sum256(file(t, clean, r1)))
			return edit(clean, "manifest.sha256", replace(h, "0"+h[1:]))
		}, []archive.Problem{
			{Kind: archive.ProblemManifestDigest, File: "manifest.sha256"},
			{Kind: archive.ProblemIndex, File: "index.csv"},
			{Kind: archive.ProblemHashMismatch, File: r1},
		}},
		{"manifest.xml byte changed", func() []entry {
			return edit(clean, "manifest.xml", replace("<ReceiptCount>3<", "<ReceiptCount>4<"))
		}, []archive.Problem{{Kind: archive.ProblemSignature, File: "manifest.xml"}}},
		{"receipt dropped", func() []entry { return drop(clean, r2) },
			[]archive.Problem{{Kind: archive.ProblemMissingFile, File: r2}}},
		{"index.csv dropped", func() []entry { return drop(clean, "index.csv") },
			[]archive.Problem{{Kind: archive.ProblemMissingFile, File: "index.csv"}}},
		{"manifest.sha256 dropped", func() []entry { return drop(clean, "manifest.sha256") },
			[]archive.Problem{{Kind: archive.ProblemMissingFile, File: "manifest.sha256"}}},
		{"manifest.xml dropped", func() []entry { return drop(clean, "manifest.xml") },
			[]archive.Problem{{Kind: archive.ProblemMissingFile, File: "manifest.xml"}}},
		{"file added", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{"receipts/00000004-x-y.xml", []byte("<extra/>")})
		}, []archive.Problem{{Kind: archive.ProblemExtraFile, File: "receipts/00000004-x-y.xml"}}},
		{"file renamed", func() []entry {
			out := drop(clean, r3)
			return append(out, entry{"receipts/00000003-renamed.xml", file(t, clean, r3)})
		}, []archive.Problem{
			{Kind: archive.ProblemExtraFile, File: "receipts/00000003-renamed.xml"},
			{Kind: archive.ProblemMissingFile, File: r3},
		}},
		{"re-signed with another key and certificate", func() []entry {
			return edit(clean, "manifest.xml", func(b []byte) []byte { return resign(t, b, otherKey, otherCert.Raw, nil) })
		}, []archive.Problem{{Kind: archive.ProblemUntrusted, File: "manifest.xml"}}},
		{"re-signed with another key, trusted certificate in KeyInfo", func() []entry {
			return edit(clean, "manifest.xml", func(b []byte) []byte { return resign(t, b, otherKey, cert.Raw, nil) })
		}, []archive.Problem{{Kind: archive.ProblemSignature, File: "manifest.xml"}}},
		{"re-signed with the trusted key and an extra certificate", func() []entry {
			return edit(clean, "manifest.xml", func(b []byte) []byte {
				out := resign(t, b, key, cert.Raw, nil)
				return replace("</ds:X509Data>", "<ds:X509Certificate>"+b64(otherCert.Raw)+"</ds:X509Certificate></ds:X509Data>")(out)
			})
		}, []archive.Problem{{Kind: archive.ProblemUntrusted, File: "manifest.xml"}}},
		{"signature wrapping: signed original in an Object, evil root", func() []entry {
			// The attacker changes a receipt and forges manifest.sha256,
			// then puts the forged digest in an evil root that carries
			// the original signature, the signed original tucked into a
			// ds:Object.
			forgedR1 := replace("TARI 2025 rata 1", "TARI 2025 rata 9")(file(t, clean, r1))
			oldSum, newSum := fmt.Sprintf("%x", sha256.Sum256(file(t, clean, r1))), fmt.Sprintf("%x", sha256.Sum256(forgedR1))
			forgedManifest := replace(oldSum, newSum)(file(t, clean, "manifest.sha256"))
			out := edit(clean, r1, func([]byte) []byte { return forgedR1 })
			out = edit(out, "manifest.sha256", func([]byte) []byte { return forgedManifest })
			return edit(out, "manifest.xml", func(b []byte) []byte {
				return wrap(t, b, fmt.Sprintf("%x", sha256.Sum256(forgedManifest)), true)
			})
		}, []archive.Problem{
			{Kind: archive.ProblemSignature, File: "manifest.xml"},
			{Kind: archive.ProblemIndex, File: "index.csv"},
		}},
		{"signature wrapping: signed original nested under evil root", func() []entry {
			return edit(clean, "manifest.xml", func(b []byte) []byte { return wrap(t, b, strings.Repeat("0", 64), false) })
		}, []archive.Problem{{Kind: archive.ProblemSignature, File: "manifest.xml"}}},
		{"entry named ../../etc/passwd", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{"../../etc/passwd", []byte("root:x:0:0::/root:/bin/sh\n")})
		}, []archive.Problem{{Kind: archive.ProblemUnsafeName, File: "../../etc/passwd"}}},
		{"absolute entry name", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{"/etc/cron.d/x", []byte("* * * * * root id\n")})
		}, []archive.Problem{{Kind: archive.ProblemUnsafeName, File: "/etc/cron.d/x"}}},
		{"backslash traversal", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{`receipts\..\..\x`, []byte("x")})
		}, []archive.Problem{{Kind: archive.ProblemUnsafeName, File: `receipts\..\..\x`}}},
		{"drive letter", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{"C:/Windows/x", []byte("x")})
		}, []archive.Problem{{Kind: archive.ProblemUnsafeName, File: "C:/Windows/x"}}},
		{"duplicated entry name", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{r1, []byte("<forged/>")})
		}, []archive.Problem{{Kind: archive.ProblemDuplicateName, File: r1}}},
		{"zip bomb entry, over the size limit", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{"receipts/bomb.xml", bomb(archive.MaxFileSize + 1<<20)})
		}, []archive.Problem{
			{Kind: archive.ProblemLimit, File: "receipts/bomb.xml"},
			{Kind: archive.ProblemExtraFile, File: "receipts/bomb.xml"},
		}},
		{"zip bomb entry, over the ratio limit", func() []entry {
			return append(clean[:len(clean):len(clean)], entry{"receipts/bomb.xml", bomb(4 << 20)})
		}, []archive.Problem{
			{Kind: archive.ProblemLimit, File: "receipts/bomb.xml"},
			{Kind: archive.ProblemExtraFile, File: "receipts/bomb.xml"},
		}},
		{"zip bomb in place of a receipt", func() []entry {
			return edit(clean, r1, func([]byte) []byte { return bomb(archive.MaxFileSize + 1<<20) })
		}, []archive.Problem{{Kind: archive.ProblemLimit, File: r1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := verify(t, repack(t, c.entries()))
			for _, p := range rep.Problems {
				t.Log(p)
			}
			if diff := cmp.Diff(c.want, rep.Problems, ignoreDetail); diff != "" {
				t.Errorf("problems (-want +got):\n%s\ngot: %v", diff, rep.Problems)
			}
			if rep.OK() || !errors.Is(rep.Err(), archive.ErrInvalidPackage) {
				t.Errorf("OK() = %v, Err() = %v for a tampered package", rep.OK(), rep.Err())
			}
			for _, p := range rep.Problems {
				if p.Detail == "" {
					t.Errorf("problem without detail: %v", p)
				}
			}
		})
	}
}

func b64(der []byte) string {
	var sb strings.Builder
	enc := []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
	for i := 0; i < len(der); i += 3 {
		var n uint32
		k := min(3, len(der)-i)
		for j := 0; j < 3; j++ {
			n <<= 8
			if j < k {
				n |= uint32(der[i+j])
			}
		}
		for j := 0; j < 4; j++ {
			if j <= k {
				sb.WriteByte(enc[n>>(18-6*j)&63])
			} else {
				sb.WriteByte('=')
			}
		}
	}
	return sb.String()
}

// wrap builds a wrapping attack on a signed manifest.xml: an evil root
// with the given ManifestDigest. With inObject, the evil root carries the
// original ds:Signature, with the original signed root inside a
// ds:Object; otherwise the signed original is a child of the evil root.
func wrap(t testing.TB, xml []byte, digest string, inObject bool) []byte {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(xml); err != nil {
		t.Fatal(err)
	}
	original := doc.Root()
	evil := original.Copy()
	evil.RemoveChild(evil.SelectElement("Signature"))
	evil.SelectElement("ManifestDigest").SetText(digest)
	if inObject {
		sig := original.SelectElement("Signature").Copy()
		obj := sig.CreateElement("Object")
		obj.Space = "ds"
		obj.AddChild(original.Copy())
		evil.AddChild(sig)
	} else {
		w := evil.CreateElement("Wrapper")
		w.AddChild(original.Copy())
	}
	doc.SetRoot(evil)
	out, err := doc.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestVerifyIndex re-signs packages whose hashes are all right but whose
// index disagrees with itself or with manifest.xml.
func TestVerifyIndex(t *testing.T) {
	clean := unpack(t, base(t))
	csv := string(file(t, clean, "index.csv"))
	row1 := strings.Split(csv, "\r\n")[1]
	row3 := strings.Split(csv, "\r\n")[3]
	cases := []struct {
		name    string
		entries func() []entry
		want    []archive.Problem
	}{
		{"csv row differs from jsonl", func() []entry {
			return fixManifest(t, edit(clean, "index.csv", replace("TARI 2025 rata 1", "TARI 2025 rata 9")), nil)
		}, []archive.Problem{{Kind: archive.ProblemIndex, File: "index.csv"}}},
		{"receipt count", func() []entry { return fixManifest(t, clean, setText("ReceiptCount", "4")) },
			[]archive.Problem{{Kind: archive.ProblemIndex, File: "index.csv"}}},
		{"total amount", func() []entry { return fixManifest(t, clean, setText("TotalAmountCents", "1")) },
			[]archive.Problem{{Kind: archive.ProblemIndex, File: "index.csv"}}},
		{"another ente", func() []entry { return fixManifest(t, clean, setText("FiscalCode", "00000000000")) },
			[]archive.Problem{
				{Kind: archive.ProblemIndex, File: "index.csv"},
				{Kind: archive.ProblemIndex, File: "index.csv"},
				{Kind: archive.ProblemIndex, File: "index.csv"},
			}},
		{"another period", func() []entry {
			return fixManifest(t, clean, func(root *etree.Element) {
				setText("PeriodFrom", "2025-04-01")(root)
				setText("PeriodTo", "2025-04-30")(root)
			})
		}, []archive.Problem{
			{Kind: archive.ProblemIndex, File: "index.csv"},
			{Kind: archive.ProblemIndex, File: "index.csv"},
			{Kind: archive.ProblemIndex, File: "index.csv"},
		}},
		{"receipt file in no row", func() []entry {
			out := append(clean[:len(clean):len(clean)], entry{"receipts/00000004-x-y.xml", []byte("<r4/>")})
			return fixManifest(t, out, nil)
		}, []archive.Problem{{Kind: archive.ProblemIndex, File: "receipts/00000004-x-y.xml"}}},
		{"row names a file not listed", func() []entry {
			out := edit(clean, "index.csv", replace(r3+",", "receipts/00000009-gone.xml,"))
			out = edit(out, "index.jsonl", replace(`"`+r3+`"`, `"receipts/00000009-gone.xml"`))
			return fixManifest(t, out, nil)
		}, []archive.Problem{
			{Kind: archive.ProblemIndex, File: "index.csv"},
			{Kind: archive.ProblemIndex, File: r3},
		}},
		{"duplicate row", func() []entry {
			out := edit(clean, "index.csv", func(b []byte) []byte { return append(b, row1+"\r\n"...) })
			out = edit(out, "index.jsonl", func(b []byte) []byte {
				return append(b, strings.SplitAfter(string(b), "\n")[0]...)
			})
			return fixManifest(t, out, nil)
		}, []archive.Problem{
			{Kind: archive.ProblemIndex, File: "index.csv"}, // receipt id again
			{Kind: archive.ProblemIndex, File: r1},          // named by two rows
			{Kind: archive.ProblemIndex, File: "index.csv"}, // 4 rows, 3 receipts
			{Kind: archive.ProblemIndex, File: "index.csv"}, // the total
		}},
		{"csv has a row less", func() []entry {
			return fixManifest(t, edit(clean, "index.csv", replace(row3+"\r\n", "")), nil)
		}, []archive.Problem{{Kind: archive.ProblemIndex, File: "index.csv"}}},
		{"row over the limit", func() []entry {
			long := strings.Repeat("x", 200<<10)
			out := edit(clean, "index.csv", replace("TARI 2025 rata 1", long))
			out = edit(out, "index.jsonl", replace("TARI 2025 rata 1", long))
			return fixManifest(t, out, nil)
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "index.csv"}}},
		{"csv header changed", func() []entry {
			return fixManifest(t, edit(clean, "index.csv", replace("payment_amount_cents", "importo")), nil)
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "index.csv"}}},
		{"csv syntax", func() []entry {
			return fixManifest(t, edit(clean, "index.csv", replace("TARI 2025 rata 1", `TARI "2025`)), nil)
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "index.csv"}}},
		{"jsonl syntax", func() []entry {
			return fixManifest(t, edit(clean, "index.jsonl", replace(`{"file"`, `{"file`)), nil)
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "index.jsonl"}}},
		{"manifest unsorted", func() []entry {
			out := fixManifest(t, clean, nil)
			m := string(file(t, out, "manifest.sha256"))
			lines := strings.SplitAfter(m, "\n")
			lines[2], lines[3] = lines[3], lines[2]
			return fixManifestText(t, out, strings.Join(lines, ""))
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "manifest.sha256"}}},
		{"manifest lists manifest.xml", func() []entry {
			out := fixManifest(t, clean, nil)
			m := string(file(t, out, "manifest.sha256")) + strings.Repeat("0", 64) + "  manifest.xml\n"
			return fixManifestText(t, out, m)
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "manifest.sha256"}}},
		{"manifest lists a traversal path", func() []entry {
			out := fixManifest(t, clean, nil)
			m := strings.Repeat("0", 64) + "  ../../etc/passwd\n" + string(file(t, out, "manifest.sha256"))
			return fixManifestText(t, out, m)
		}, []archive.Problem{{Kind: archive.ProblemFormat, File: "manifest.sha256"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := verify(t, repack(t, c.entries()))
			for _, p := range rep.Problems {
				t.Log(p)
			}
			if diff := cmp.Diff(c.want, rep.Problems, ignoreDetail); diff != "" {
				t.Errorf("problems (-want +got):\n%s\ngot: %v", diff, rep.Problems)
			}
			if !rep.Signed {
				t.Error("the re-signed manifest.xml did not verify")
			}
		})
	}
}

// fixManifestText sets manifest.sha256 and re-signs its digest.
func fixManifestText(t testing.TB, entries []entry, manifest string) []entry {
	key, cert := ente(t)
	entries = edit(entries, "manifest.sha256", func([]byte) []byte { return []byte(manifest) })
	return edit(entries, "manifest.xml", func(b []byte) []byte {
		return resign(t, b, key, cert.Raw, setText("ManifestDigest", fmt.Sprintf("%x", sha256.Sum256([]byte(manifest)))))
	})
}

func TestVerifyOtherCertificate(t *testing.T) {
	pkg := base(t)
	_, other := newIdentity(t, "Comune di Altrove")
	rep, err := archive.Verify(bytes.NewReader(pkg), int64(len(pkg)), other)
	if err != nil {
		t.Fatal(err)
	}
	want := []archive.Problem{{Kind: archive.ProblemUntrusted, File: "manifest.xml"}}
	if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if rep.Signed || rep.FiscalCode != "" {
		t.Errorf("untrusted manifest.xml was read: %+v", rep)
	}
}

func TestVerifyCertificateValidity(t *testing.T) {
	key, _ := ente(t)
	// A certificate valid in April 2025 only.
	cert := selfSign(t, key, "short-lived", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC))
	opts := options(t)
	opts.Certificate = cert
	pkg := build(t, opts, baseReceipts()...)

	// By default the certificate is checked at the creation time, which
	// the signature covers: the package verifies after it expired.
	v := archive.Verifier{}
	rep, err := v.Verify(bytes.NewReader(pkg), int64(len(pkg)), cert)
	if err != nil || !rep.OK() {
		t.Fatalf("at creation time: %v %v", err, rep.Problems)
	}
	v.Time = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rep, err = v.Verify(bytes.NewReader(pkg), int64(len(pkg)), cert)
	if err != nil {
		t.Fatal(err)
	}
	want := []archive.Problem{{Kind: archive.ProblemUntrusted, File: "manifest.xml"}}
	if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
		t.Errorf("after expiry (-want +got):\n%s", diff)
	}
	// A package created before the certificate was valid could never
	// verify: Build refuses to make one.
	opts.Created = time.Date(2025, 3, 31, 23, 0, 0, 0, time.UTC)
	if _, err := archive.Build(io.Discard, seq(baseReceipts()...), opts); !errors.Is(err, archive.ErrCertificateValidity) {
		t.Errorf("Build created before validity: %v, want ErrCertificateValidity", err)
	}
}

func mustVerify(t testing.TB, v *archive.Verifier, pkg []byte, cert *x509.Certificate) *archive.Report {
	t.Helper()
	rep, err := v.Verify(bytes.NewReader(pkg), int64(len(pkg)), cert)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestVerifyLimits(t *testing.T) {
	pkg := base(t)
	_, cert := ente(t)

	rep := mustVerify(t, &archive.Verifier{MaxEntries: 7}, pkg, cert)
	want := []archive.Problem{{Kind: archive.ProblemLimit}}
	if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
		t.Errorf("MaxEntries 7 (-want +got):\n%s", diff)
	}
	if rep := mustVerify(t, &archive.Verifier{MaxEntries: 8}, pkg, cert); !rep.OK() {
		t.Errorf("MaxEntries 8: %v", rep.Problems)
	}

	rep = mustVerify(t, &archive.Verifier{MaxFileSize: 799}, pkg, cert)
	want = []archive.Problem{
		{Kind: archive.ProblemLimit, File: r1},
		{Kind: archive.ProblemLimit, File: r2},
		{Kind: archive.ProblemLimit, File: r3},
	}
	if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
		t.Errorf("MaxFileSize (-want +got):\n%s", diff)
	}

	// Ten unsafe names, two listed.
	entries := unpack(t, pkg)
	for i := range 10 {
		entries = append(entries, entry{fmt.Sprintf("../%d", i), nil})
	}
	rep = mustVerify(t, &archive.Verifier{MaxProblems: 2}, repack(t, entries), cert)
	if len(rep.Problems) != 2 || rep.Omitted != 8 || rep.OK() {
		t.Errorf("MaxProblems 2: %d problems, %d omitted", len(rep.Problems), rep.Omitted)
	}
}

// TestVerifyLyingSize: an entry whose header declares fewer bytes than
// it inflates to is cut at the declared size and reported.
func TestVerifyLyingSize(t *testing.T) {
	entries := unpack(t, base(t))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.name != r1 {
			w, _ := zw.Create(e.name)
			w.Write(e.data)
			continue
		}
		// Deflate 1 MiB of zeros by hand, then declare 100 bytes.
		var raw bytes.Buffer
		fw := newFlate(&raw)
		fw.Write(make([]byte, 1<<20))
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: r1, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(make([]byte, 100)),
			CompressedSize64: uint64(raw.Len()), UncompressedSize64: 100,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw.Bytes())
	}
	zw.Close()
	rep := verify(t, buf.Bytes())
	want := []archive.Problem{{Kind: archive.ProblemCorrupt, File: r1}}
	if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestVerifySymlink(t *testing.T) {
	entries := unpack(t, base(t))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, _ := zw.Create(e.name)
		w.Write(e.data)
	}
	h := &zip.FileHeader{Name: "receipts/link"}
	h.SetMode(fs.ModeSymlink | 0o777)
	w, _ := zw.CreateHeader(h)
	w.Write([]byte("/etc"))
	zw.Close()
	rep := verify(t, buf.Bytes())
	want := []archive.Problem{{Kind: archive.ProblemUnsafeName, File: "receipts/link"}}
	if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestVerifyCorruptCRC(t *testing.T) {
	pkg := bytes.Clone(base(t))
	// The first entry is r1, deflated; flip a byte in the middle of its
	// compressed data (after the 30-byte header and the name).
	at := 30 + len(r1) + 20
	pkg[at] ^= 0xFF
	rep := verify(t, pkg)
	if len(rep.Problems) == 0 || rep.Problems[0].Kind != archive.ProblemCorrupt || rep.Problems[0].File != r1 {
		t.Errorf("problems = %v, want corrupt %s first", rep.Problems, r1)
	}
}

func TestVerifyNotZip(t *testing.T) {
	_, cert := ente(t)
	for _, data := range [][]byte{nil, []byte("PK\x05\x06"), []byte("<receipt/>"), make([]byte, 100)} {
		rep, err := archive.Verify(bytes.NewReader(data), int64(len(data)), cert)
		if err != nil {
			t.Fatal(err)
		}
		want := []archive.Problem{{Kind: archive.ProblemCorrupt}}
		if diff := cmp.Diff(want, rep.Problems, ignoreDetail); diff != "" {
			t.Errorf("%q (-want +got):\n%s", data, diff)
		}
	}
}

func TestVerifyArguments(t *testing.T) {
	_, cert := ente(t)
	if _, err := archive.Verify(bytes.NewReader(nil), 0, nil); err == nil {
		t.Error("nil certificate accepted")
	}
	if _, err := archive.Verify(nil, 0, cert); err == nil {
		t.Error("nil reader accepted")
	}
	if _, err := archive.Verify(bytes.NewReader(nil), -1, cert); err == nil {
		t.Error("negative size accepted")
	}
}
