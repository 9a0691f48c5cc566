package receipt

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

func TestAttachRPT(t *testing.T) {
	rpt, err := os.ReadFile("testdata/rpt.xml")
	if err != nil {
		t.Fatal(err)
	}
	parseRT := func() *Receipt {
		r, err := Parse(readRTFile(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := parseRT()
	if err := r.AttachRPT(rpt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.RPT, rpt) {
		t.Error("RPT is not the input")
	}
	rpt[0] = ' '
	if r.RPT[0] != '<' {
		t.Error("RPT aliases the caller's slice")
	}
	rpt[0] = '<'

	for _, tt := range []struct {
		name     string
		old, new string
		want     error
		path     string
	}{
		{"another ente", "<identificativoDominio>80012345678<", "<identificativoDominio>80099999999<", ErrRPTMismatch, "RPT/dominio/identificativoDominio"},
		{"another IUV", "<identificativoUnivocoVersamento>RF23000000000000123<", "<identificativoUnivocoVersamento>RF23000000000000999<", ErrRPTMismatch, "RPT/datiVersamento/identificativoUnivocoVersamento"},
		{"another CCP", "<codiceContestoPagamento>n/a<", "<codiceContestoPagamento>CCP1<", ErrRPTMismatch, "RPT/datiVersamento/codiceContestoPagamento"},
		{"another request", "<identificativoMessaggioRichiesta>RPT-2019-000987<", "<identificativoMessaggioRichiesta>RPT-2019-000988<", ErrRPTMismatch, "RPT/identificativoMessaggioRichiesta"},
		{"an RT instead", "<RPT ", "<RT ", ErrUnknownFormat, ""},
		{"a DTD", "<RPT ", "<!DOCTYPE RPT><RPT ", ErrMalformed, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := parseRT()
			bad := bytes.Replace(bytes.Clone(rpt), []byte(tt.old), []byte(tt.new), 1)
			if tt.name == "an RT instead" {
				bad = bytes.Replace(bad, []byte("</RPT>"), []byte("</RT>"), 1)
			}
			err := r.AttachRPT(bad)
			if !errors.Is(err, tt.want) {
				t.Fatalf("AttachRPT = %v, want %v", err, tt.want)
			}
			var fe *FieldError
			if tt.path != "" && (!errors.As(err, &fe) || fe.Path != tt.path) {
				t.Errorf("error %v; want it at %s", err, tt.path)
			}
			if r.RPT != nil {
				t.Error("a refused RPT was kept")
			}
		})
	}
	v2, err := Parse([]byte(`<receipt><receiptId>R</receiptId><fiscalCode>01234567890</fiscalCode><outcome>OK</outcome>` +
		`<creditorReferenceId>X</creditorReferenceId><paymentAmount>1.00</paymentAmount></receipt>`))
	if err != nil {
		t.Fatal(err)
	}
	if err := v2.AttachRPT(rpt); !errors.Is(err, ErrRPTMismatch) {
		t.Errorf("an RPT on a new-model receipt: %v", err)
	}
}
