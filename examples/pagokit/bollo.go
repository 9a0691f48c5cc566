package main

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

var bolloCommand = &command{
	name:    "bollo",
	summary: "@e.bollo: document hashes, marca da bollo (MBD) verification, stamp duty, contrassegni",
	sub: []*command{
		{name: "hash", summary: "print the base64 SHA-256 (hashDocumento) of a file", run: bolloHash},
		{name: "verify", summary: "verify an MBD: PSP signature, signer trust, document hash", run: bolloVerify},
		{name: "due", summary: "the stamp duty due on a document, and why", run: bolloDue},
		{name: "contrassegno", summary: "record a contrassegno telematico (paper stamp) as used; refuse it the second time", run: bolloContrassegno},
	},
}

func bolloHash(e env, args []string) error {
	fs := flag.NewFlagSet("bollo hash", flag.ContinueOnError)
	pos, err := parseFlags(fs, args, "file")
	if err != nil {
		return err
	}
	var r io.Reader = stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	h, err := bollo.Hash(r)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, h)
	return nil
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func bolloVerify(e env, args []string) error {
	fs := flag.NewFlagSet("bollo verify", flag.ContinueOnError)
	mbdPath := fs.String("mbd", "", "the MBD (MarcaDaBollo XML)")
	docPath := fs.String("document", "", "the stamped document: its hash must be the MBD's")
	hash := fs.String("hash", "", "the expected document hash (base64), instead of --document")
	var trust trustFlags
	trust.register(fs, "")
	at := fs.String("at", "", "check the certificate at this time, RFC 3339 (default: the MBD's OraAcquisto)")
	allowUntrusted := fs.Bool("allow-untrusted", false, "accept a valid signature by a signer that is not trusted")
	allowSHA1 := fs.Bool("allow-sha1", false, "accept SHA-1 digests and RSA-SHA1 signatures (refused by default)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "mbd"); err != nil {
		return err
	}
	if *docPath != "" && *hash != "" {
		return usagef("bollo verify: give --document or --hash, not both")
	}
	p, err := trust.policy()
	if err != nil {
		return err
	}
	p.AllowUntrusted, p.AllowSHA1 = *allowUntrusted, *allowSHA1
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return usagef("bollo verify: --at %q is not an RFC 3339 time", *at)
		}
		p.At = t
	}
	switch {
	case *hash != "":
		if !bollo.ValidHash(*hash) {
			return usagef("bollo verify: --hash is not a base64 SHA-256 (44 characters)")
		}
		p.ExpectedHash = *hash
	case *docPath != "":
		f, err := os.Open(*docPath)
		if err != nil {
			return err
		}
		h, err := bollo.Hash(f)
		f.Close()
		if err != nil {
			return err
		}
		p.ExpectedHash = h
	}
	mbd, err := readLimited(*mbdPath, bollo.MaxMBDSize+1)
	if err != nil {
		return err
	}
	res, verr := bollo.Verify(mbd, p)
	out := verifyJSON{Problems: []string{}}
	if res != nil {
		out.SignatureValid, out.SignerTrusted, out.DigestMatches = res.SignatureValid, res.SignerTrusted, res.DigestMatches
		out.RevocationChecked = res.RevocationChecked
		out.Problems = append(out.Problems, res.Problems...)
		if m := res.MBD; m != nil {
			out.IUBD, out.PSPFiscalCode, out.PSPName, out.AmountCents = m.IUBD, m.PSPFiscalCode, m.PSPName, m.AmountCents
			purchased := m.PurchasedAt.Format(time.RFC3339)
			out.PurchasedAt = &purchased
		}
		if c := res.Certificate; c != nil {
			na := c.NotAfter.UTC().Format(time.RFC3339)
			out.CertSubject, out.CertNotAfter = c.Subject.String(), &na
		}
	}
	if verr != nil && len(out.Problems) == 0 {
		out.Problems = append(out.Problems, verr.Error())
	}
	if *asJSON {
		if err := writeJSON(e, out); err != nil {
			return err
		}
	} else {
		printVerify(e.stdout, out)
	}
	if verr != nil {
		return fmt.Errorf("bollo verify: %w", verr)
	}
	return nil
}

// verifyJSON is what `bollo verify --json` prints.
type verifyJSON struct {
	SignatureValid bool    `json:"signature_valid"`
	SignerTrusted  bool    `json:"signer_trusted"`
	DigestMatches  *bool   `json:"digest_matches"`
	IUBD           string  `json:"iubd"`
	PSPFiscalCode  string  `json:"psp_fiscal_code"`
	PSPName        string  `json:"psp_name"`
	AmountCents    int64   `json:"amount_cents"`
	PurchasedAt    *string `json:"purchased_at"`
	CertSubject    string  `json:"cert_subject"`
	CertNotAfter   *string `json:"cert_not_after"`
	// RevocationChecked: a CRL of the signer's issuer was consulted.
	RevocationChecked bool     `json:"revocation_checked"`
	Problems          []string `json:"problems"`
}

func printVerify(w io.Writer, v verifyJSON) {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "NO"
	}
	fmt.Fprintf(w, "%-18s %s\n", "signature valid:", yes(v.SignatureValid))
	fmt.Fprintf(w, "%-18s %s\n", "signer trusted:", yes(v.SignerTrusted))
	if v.DigestMatches != nil {
		fmt.Fprintf(w, "%-18s %s\n", "document hash:", map[bool]string{true: "matches", false: "DIFFERS"}[*v.DigestMatches])
	}
	if v.IUBD != "" {
		fmt.Fprintf(w, "%-18s %s\n", "IUBD:", v.IUBD)
		fmt.Fprintf(w, "%-18s %s %s\n", "PSP:", v.PSPFiscalCode, v.PSPName)
		fmt.Fprintf(w, "%-18s %s EUR\n", "amount:", money.FormatDecimal(v.AmountCents))
	}
	if v.PurchasedAt != nil {
		fmt.Fprintf(w, "%-18s %s\n", "purchased at:", *v.PurchasedAt)
	}
	if v.CertSubject != "" {
		fmt.Fprintf(w, "%-18s %s (until %s)\n", "certificate:", v.CertSubject, *v.CertNotAfter)
		fmt.Fprintf(w, "%-18s %s\n", "revocation:", map[bool]string{true: "checked with a CRL of the issuer", false: "not checked (no usable CRL)"}[v.RevocationChecked])
	}
	for _, p := range v.Problems {
		fmt.Fprintf(w, "%-18s %s\n", "problem:", p)
	}
}

// readCerts reads every certificate of a PEM file.
func readCerts(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*x509.Certificate
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New(path + ": no CERTIFICATE block")
	}
	return out, nil
}

func bolloDue(e env, args []string) error {
	fs := flag.NewFlagSet("bollo due", flag.ContinueOnError)
	kind := fs.String("kind", "", "certificate, istanza or document")
	amount := fs.Int64("amount-cents", 0, "the amount the document states, in euro cents")
	vatExempt := fs.Bool("vat-exempt", false, "the document concerns an operation exempt from VAT")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "kind"); err != nil {
		return err
	}
	d, err := bollo.Due(bollo.DocumentKind(*kind), *amount, *vatExempt)
	if errors.Is(err, bollo.ErrUnknownKind) {
		return usagef("bollo due: --kind must be certificate, istanza or document")
	}
	if err != nil {
		return fmt.Errorf("bollo due: %w", err)
	}
	if *asJSON {
		return writeJSON(e, map[string]any{"amount_cents": d.AmountCents, "reason": d.Reason, "reference": d.Reference})
	}
	fmt.Fprintf(e.stdout, "%s EUR\n%s\n", money.FormatDecimal(d.AmountCents), d.Reason)
	return nil
}

// trustFlags are the flags that say whom to trust as the signer of an
// MBD, shared by bollo verify and ec serve (with a "stamp-" prefix).
type trustFlags struct {
	certs, cas, crls multiFlag
	keyInfoCRL       bool
	requireCRL       bool
}

func (t *trustFlags) register(fs *flag.FlagSet, prefix string) {
	fs.Var(&t.certs, prefix+"trust-cert", "a pinned PSP certificate (PEM; repeatable)")
	fs.Var(&t.cas, prefix+"ca", "a trusted CA certificate (PEM; repeatable)")
	fs.Var(&t.crls, prefix+"crl", "a CRL of the CA (PEM or DER; repeatable)")
	fs.BoolVar(&t.keyInfoCRL, prefix+"keyinfo-crl", false, "also use the CRLs in the MBD's KeyInfo whose signature verifies with the issuer's key")
	fs.BoolVar(&t.requireCRL, prefix+"require-crl", false, "fail when no CRL of the signer's issuer could be checked")
}

// policy returns the bollo.Policy of the flags.
func (t *trustFlags) policy() (bollo.Policy, error) {
	p := bollo.Policy{KeyInfoCRL: t.keyInfoCRL, RequireCRL: t.requireCRL}
	for _, path := range t.certs {
		certs, err := readCerts(path)
		if err != nil {
			return p, err
		}
		p.Certificates = append(p.Certificates, certs...)
	}
	if len(t.cas) > 0 {
		p.Roots = x509.NewCertPool()
		for _, path := range t.cas {
			certs, err := readCerts(path)
			if err != nil {
				return p, err
			}
			for _, c := range certs {
				p.Roots.AddCert(c)
			}
		}
	}
	for _, path := range t.crls {
		l, err := readCRL(path)
		if err != nil {
			return p, err
		}
		p.CRLs = append(p.CRLs, l)
	}
	return p, nil
}

// readCRL reads a CRL, PEM ("X509 CRL") or DER.
func readCRL(path string) (*x509.RevocationList, error) {
	data, err := readLimited(path, 64<<20)
	if err != nil {
		return nil, err
	}
	der := data
	if b, _ := pem.Decode(data); b != nil {
		if b.Type != "X509 CRL" {
			return nil, fmt.Errorf("%s: PEM block %q, want X509 CRL", path, b.Type)
		}
		der = b.Bytes
	}
	l, err := x509.ParseRevocationList(der)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

func bolloContrassegno(e env, args []string) error {
	fs := flag.NewFlagSet("bollo contrassegno", flag.ContinueOnError)
	db := fs.String("db", "", "the registry: sqlite:FILE or postgres://…")
	id := fs.String("id", "", "the 14-digit identifier printed on the stamp")
	issued := fs.String("issued-at", "", "the date and time of issue printed on the stamp, RFC 3339")
	use := fs.String("use", "", "the document the stamp pays for (protocol number, application id)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "db", "id", "issued-at", "use"); err != nil {
		return err
	}
	at, err := time.Parse(time.RFC3339, *issued)
	if err != nil {
		return usagef("bollo contrassegno: --issued-at %q is not an RFC 3339 time", *issued)
	}
	ctx := context.Background()
	store, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer closeStore()
	sql, ok := store.(*sqlstore.Store)
	if !ok {
		return usagef("bollo contrassegno: --db must be sqlite:FILE or postgres://…")
	}
	reg := sql.Contrassegni()
	err = reg.UseContrassegno(ctx, bollo.Contrassegno{ID: *id, IssuedAt: at}, *use)
	var used *bollo.ContrassegnoUsedError
	switch {
	case errors.As(err, &used):
		fmt.Fprintf(e.stdout, "REFUSED: %s was already used by %s (issued %s)\n", used.ID, used.Use, used.IssuedAt.Format(time.RFC3339))
		return fmt.Errorf("bollo contrassegno: %w", err)
	case err != nil:
		return fmt.Errorf("bollo contrassegno: %w", err)
	}
	fmt.Fprintf(e.stdout, "recorded: %s for %s\n", *id, *use)
	return nil
}
