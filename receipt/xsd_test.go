package receipt_test

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// The test inputs are valid messages: the new-model requests against
// paForNode.xsd, the RT against PagInf_RPT_RT_6_2_0.xsd.
func TestTestdataValidatesXSD(t *testing.T) {
	xmllint := testenv.Tool(t, "xmllint", "libxml2-utils")
	paForNode := testenv.Specs(t, "pagopa", "pagopa-api", "wsdl", "xsd", "paForNode.xsd")
	rtXSD := testenv.Specs(t, "pagopa", "pagopa-api", "gad", "xsd", "PagInf_RPT_RT_6_2_0.xsd")

	v2 := string(testdata(t, "sendrtv2.xml"))
	i, j := strings.Index(v2, "<paf:paSendRTV2Request"), strings.Index(v2, "</paf:paSendRTV2Request>")
	request := v2[i : j+len("</paf:paSendRTV2Request>")]

	v1 := string(testdata(t, "receipt_v1.xml"))
	v1 = v1[strings.Index(v1, "<receipt>"):]
	wrapped := `<paf:paSendRTReq xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">` +
		`<idPA>80012345678</idPA><idBrokerPA>80012345678</idBrokerPA><idStation>80012345678_01</idStation>` +
		v1 + `</paf:paSendRTReq>`

	v2b := string(testdata(t, "receipt_v2.xml"))
	v2b = v2b[strings.Index(v2b, "<receipt>"):]
	wrappedV2 := `<paf:paSendRTV2Request xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">` +
		`<idPA>01234567890</idPA><idBrokerPA>01234567890</idBrokerPA><idStation>01234567890_01</idStation>` +
		v2b + `</paf:paSendRTV2Request>`

	env := string(testdata(t, "paainviart.xml"))
	b64 := strings.Join(strings.Fields(env[strings.Index(env, "<rt>")+4:strings.Index(env, "</rt>")]), "")
	rt, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	for _, tt := range []struct {
		name, doc, xsd string
	}{
		{"sendrtv2 request", request, paForNode},
		{"receipt_v1 in a paSendRTReq", wrapped, paForNode},
		{"receipt_v2 in a paSendRTV2Request", wrappedV2, paForNode},
		{"rt.xml", string(testdata(t, "rt.xml")), rtXSD},
		{"RT of paainviart.xml", string(rt), rtXSD},
		{"rpt.xml", string(testdata(t, "rpt.xml")), rtXSD},
	} {
		path := filepath.Join(dir, "doc.xml")
		if err := os.WriteFile(path, []byte(tt.doc), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--nonet", "--noout", "--schema", tt.xsd, path).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate: %v\n%s", tt.name, err, out)
		}
	}
}
