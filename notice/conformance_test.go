package notice

import (
	"encoding/xml"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// TestConformanceNoticeNumberPattern checks ParseLenient against the
// stNoticeNumber and stFiscalCodePA patterns of the official common-types
// schema: every string the pattern accepts with aux digit 0–3 parses, and
// nothing else does.
func TestConformanceNoticeNumberPattern(t *testing.T) {
	xsd := testenv.Specs(t, "pagopa", "pagopa-api", "xsd-common", "sac-common-types-1.0.xsd")
	patterns := simpleTypePatterns(t, xsd)
	nav := regexp.MustCompile("^(?:" + patterns["stNoticeNumber"] + ")$")
	cf := regexp.MustCompile("^(?:" + patterns["stFiscalCodePA"] + ")$")

	r := rand.New(rand.NewPCG(3, 4))
	alphabet := "0123456789 a٤"
	for i := 0; i < 50000; i++ {
		b := make([]byte, 16+r.IntN(4))
		for j := range b {
			if r.IntN(40) == 0 {
				b[j] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[j] = byte('0' + r.IntN(10))
			}
		}
		s := string(b)
		_, err := ParseLenient(s)
		want := nav.MatchString(s) && s[0] <= '3'
		if (err == nil) != want {
			t.Fatalf("ParseLenient(%q) error %v; schema pattern match (aux ≤ 3) = %v", s, err, want)
		}
		q := QR{Number: mustParse(t, "302000000000000184"), FiscalCode: s[:11], AmountCents: 1}
		if _, err := q.Payload(); (err == nil) != cf.MatchString(s[:11]) {
			t.Fatalf("QR with fiscal code %q: %v; stFiscalCodePA match = %v", s[:11], err, cf.MatchString(s[:11]))
		}
	}
}

// TestConformanceSampleNoticeNumbers parses the notice numbers of the
// official sample messages. SOURCES.md and pagopa.md say which of them
// carry wrong check digits.
func TestConformanceSampleNoticeNumbers(t *testing.T) {
	dir := testenv.Specs(t, "pagopa", "samples")
	wantValid := map[string]bool{
		"348172725623804858": true,  // paSendRTV2Request.xml
		"302009921337126000": false, // mock-ec samples: expected 51
		"311018351493172600": false, // paSendRTReq_avv4.xml: expected 49
	}
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, v := range elementTexts(data, "noticeNumber") {
			seen[v] = true
			valid, known := wantValid[v]
			if !known {
				t.Errorf("%s: unexpected notice number %s: add it to the table", filepath.Base(p), v)
				continue
			}
			n, err := ParseLenient(v)
			if err != nil {
				t.Errorf("%s: ParseLenient(%s): %v", filepath.Base(p), v, err)
				continue
			}
			if n.CheckDigitValid() != valid {
				t.Errorf("%s: %s CheckDigitValid = %v, want %v", filepath.Base(p), v, n.CheckDigitValid(), valid)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for v := range wantValid {
		if !seen[v] {
			t.Errorf("notice number %s not found in the samples", v)
		}
	}
}

// simpleTypePatterns returns the xsd:pattern of every named simple type.
func simpleTypePatterns(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		SimpleTypes []struct {
			Name    string `xml:"name,attr"`
			Pattern struct {
				Value string `xml:"value,attr"`
			} `xml:"restriction>pattern"`
		} `xml:"simpleType"`
	}
	if err := xml.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, st := range schema.SimpleTypes {
		m[st.Name] = st.Pattern.Value
	}
	return m
}

// elementTexts returns the text of every element with the given local name.
func elementTexts(data []byte, local string) []string {
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	var out []string
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local {
			var s string
			if dec.DecodeElement(&s, &se) == nil {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
}
