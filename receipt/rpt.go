package receipt

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrRPTMismatch reports that the RPT given to AttachRPT is not the request the RT
// answers.
var ErrRPTMismatch = errors.New("receipt: the RPT does not belong to the RT")

// AttachRPT keeps rpt, the legacy payment request (RPT of
// PagInf_RPT_RT_6_2_0) that the RT r answers, byte for byte in r.RPT,
// after checking that it is that request: its identificativoDominio,
// identificativoUnivocoVersamento, codiceContestoPagamento and
// identificativoMessaggioRichiesta must equal the RT's dominio, IUV,
// CodiceContestoPagamento and riferimentoMessaggioRichiesta. An RPT is
// not itself a receipt: Parse does not read one.
func (r *Receipt) AttachRPT(rpt []byte) error {
	return DefaultLimits.attachRPT(r, rpt)
}

func (l Limits) attachRPT(r *Receipt, rpt []byte) error {
	if r.Format != FormatRT || r.Legacy == nil {
		return fmt.Errorf("%w: an RPT goes with an RT, not a %s receipt", ErrRPTMismatch, r.Format)
	}
	l = l.orDefault()
	if int64(len(rpt)) > l.MaxBytes {
		return fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, len(rpt), l.MaxBytes)
	}
	t, err := readTree(bytes.TrimPrefix(rpt, bom), l)
	if err != nil {
		return err
	}
	defer t.release()
	if !t.is(0, "RPT") {
		return fmt.Errorf("%w: <%s> is not an RPT", ErrUnknownFormat, clip(t.local(0)))
	}
	text := func(path ...string) string {
		n := int32(0)
		for _, p := range path {
			if n = t.child(n, p); n == none {
				return ""
			}
		}
		return t.text(n)
	}
	for _, c := range []struct {
		path      []string
		rt, label string
	}{
		{[]string{"dominio", "identificativoDominio"}, r.FiscalCode, "identificativoDominio"},
		{[]string{"datiVersamento", "identificativoUnivocoVersamento"}, r.CreditorReferenceID, "identificativoUnivocoVersamento"},
		{[]string{"datiVersamento", "codiceContestoPagamento"}, r.Legacy.PaymentContextCode, "codiceContestoPagamento"},
		{[]string{"identificativoMessaggioRichiesta"}, r.Legacy.RequestMessageID, "identificativoMessaggioRichiesta"},
	} {
		if got := text(c.path...); got != c.rt {
			return &FieldError{Path: "RPT/" + joinPath(c.path), Err: fmt.Errorf("%w: %s %q, the RT says %q", ErrRPTMismatch, c.label, clip(got), clip(c.rt))}
		}
	}
	r.RPT = bytes.Clone(rpt)
	return nil
}

func joinPath(p []string) string {
	s := p[0]
	for _, e := range p[1:] {
		s += "/" + e
	}
	return s
}
