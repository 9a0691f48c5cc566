package noticepdf

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pagokit/pagokit/notice"
)

// Template is the templateId of pagoPA's print service.
type Template string

// The templates of pagoPA's print service that this package renders.
const (
	SingleInstalment      Template = "TemplateSingleInstalment"
	Instalments           Template = "TemplateInstalments"
	SingleInstalmentPoste Template = "TemplateSingleInstalmentPoste"
	InstalmentsPoste      Template = "TemplateInstalmentsPoste"
)

// Poste reports whether t includes the postal section.
func (t Template) Poste() bool { return t == SingleInstalmentPoste || t == InstalmentsPoste }

// MaxRequestSize bounds a JSON request, logo included.
const MaxRequestSize = 4 << 20

// Request is the JSON payload of pagoPA's print service
// (NoticeGenerationRequestItem, print-payment-notice-service), so that a
// caller of POST /notices/generate can send the same JSON here. What pagoPA
// keeps in its back office travels in extension fields of
// creditorInstitution, and "lang" selects the language.
type Request struct {
	TemplateID Template    `json:"templateId"`
	Data       RequestData `json:"data"`
	Lang       Lang        `json:"lang,omitempty"`
}

// RequestData is NoticeRequestData.
type RequestData struct {
	CreditorInstitution RequestCreditor `json:"creditorInstitution"`
	Debtor              RequestDebtor   `json:"debtor"`
	Notice              RequestNotice   `json:"notice"`
}

// RequestCreditor is CreditorInstitution plus the back-office data.
type RequestCreditor struct {
	TaxCode         string         `json:"taxCode"`
	FullName        string         `json:"fullName,omitempty"`
	Sector          string         `json:"sector,omitempty"`
	Info            string         `json:"info,omitempty"`
	CBILL           string         `json:"cbill,omitempty"`
	Logo            string         `json:"logo,omitempty"` // base64 PNG/JPEG, a data: URI, or a file path (see Logos)
	OnlineChannel   OnlineChannel  `json:"onlineChannel,omitempty"`
	PhysicalChannel string         `json:"physicalChannel,omitempty"`
	PostalAccount   *PostalAccount `json:"postalAccount,omitempty"`
}

// RequestDebtor is Debtor.
type RequestDebtor struct {
	TaxCode        string `json:"taxCode,omitempty"`
	FullName       string `json:"fullName"`
	Address        string `json:"address"`
	BuildingNumber string `json:"buildingNumber"`
	PostalCode     string `json:"postalCode"`
	City           string `json:"city"`
	Province       string `json:"province"`
}

// RequestNotice is Notice; amounts are in euro cents, dates YYYY-MM-DD.
type RequestNotice struct {
	Subject       string               `json:"subject"`
	PaymentAmount int64                `json:"paymentAmount,omitempty"`
	DueDate       string               `json:"dueDate,omitempty"`
	Code          string               `json:"code,omitempty"`
	Installments  []RequestInstallment `json:"installments,omitempty"`
}

// RequestInstallment is InstallmentData.
type RequestInstallment struct {
	Code    string `json:"code"`
	Amount  int64  `json:"amount"`
	DueDate string `json:"dueDate,omitempty"`
}

// MarshalJSON writes the fields with the JSON names number, holder and
// authorization.
func (p PostalAccount) MarshalJSON() ([]byte, error) {
	return json.Marshal(postalJSON(p))
}

// UnmarshalJSON reads number, holder and authorization.
func (p *PostalAccount) UnmarshalJSON(b []byte) error {
	var v postalJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = PostalAccount(v)
	return nil
}

type postalJSON struct {
	Number        string `json:"number"`
	Holder        string `json:"holder"`
	Authorization string `json:"authorization"`
}

// DecodeRequest reads one JSON request of at most MaxRequestSize bytes.
// Unknown fields are ignored, as pagoPA adds fields over time; a value of
// the wrong type is reported as a *ValidationError naming its path.
func DecodeRequest(r io.Reader) (*Request, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRequestSize+1))
	if err != nil {
		return nil, err
	}
	return ParseRequest(data)
}

// ParseRequest parses one JSON request (see DecodeRequest).
func ParseRequest(data []byte) (*Request, error) {
	if len(data) > MaxRequestSize {
		return nil, &ValidationError{Problems: []Problem{{Err: fmt.Errorf("%w: request larger than %d bytes", ErrTooLong, MaxRequestSize)}}}
	}
	var req Request
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&req); err != nil {
		return nil, &ValidationError{Problems: []Problem{jsonProblem(err)}}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &ValidationError{Problems: []Problem{{Err: fmt.Errorf("%w: data after the JSON object", ErrFormat)}}}
	}
	return &req, nil
}

func jsonProblem(err error) Problem {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return Problem{Path: te.Field, Err: fmt.Errorf("%w: JSON %s where %s is expected", ErrFormat, te.Value, te.Type)}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return Problem{Err: fmt.Errorf("%w: JSON syntax error at byte %d", ErrFormat, se.Offset)}
	}
	return Problem{Err: fmt.Errorf("%w: %v", ErrFormat, err)}
}

// Notice converts the request to a Notice and validates it, reporting every
// problem at once with JSON paths ("data.notice.code"). Logos are resolved
// with logos; a nil *Logos accepts base64 logos only.
func (r *Request) Notice(logos *Logos) (*Notice, error) {
	ps := &problems{}
	n := r.convert(ps, logos)
	ps.prefix = "data."
	n.validate(ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return n, nil
}

func (r *Request) convert(ps *problems, logos *Logos) *Notice {
	d := &r.Data
	n := &Notice{
		Subject: d.Notice.Subject,
		Lang:    r.Lang,
		Creditor: Creditor{
			FiscalCode:      d.CreditorInstitution.TaxCode,
			Name:            d.CreditorInstitution.FullName,
			Sector:          d.CreditorInstitution.Sector,
			Info:            d.CreditorInstitution.Info,
			CBILL:           d.CreditorInstitution.CBILL,
			OnlineChannel:   d.CreditorInstitution.OnlineChannel,
			PhysicalChannel: d.CreditorInstitution.PhysicalChannel,
		},
		Debtor: Debtor{
			FiscalCode: strings.ToUpper(d.Debtor.TaxCode),
			Name:       d.Debtor.FullName,
			Address:    joinAddress(&d.Debtor),
		},
		Amount: d.Notice.PaymentAmount,
	}
	if n.Lang == "" {
		n.Lang = Italian
	} else if !n.Lang.valid() {
		ps.add("lang", fmt.Errorf("%w: %q", ErrLang, truncate(string(n.Lang), 10)))
		n.Lang = Italian
	}
	if k := len([]rune(d.Debtor.Address)); k > 140 {
		ps.add("data.debtor.address", fmt.Errorf("%w: %d characters, at most 140", ErrTooLong, k))
	}

	switch r.TemplateID {
	case SingleInstalment, SingleInstalmentPoste:
		if len(d.Notice.Installments) > 0 {
			ps.add("data.notice.installments", fmt.Errorf("%w: %s prints no instalments", ErrTemplate, r.TemplateID))
		}
		if d.Notice.Code == "" {
			ps.add("data.notice.code", ErrMissing)
		}
	case Instalments, InstalmentsPoste:
		if len(d.Notice.Installments) == 0 {
			ps.add("data.notice.installments", fmt.Errorf("%w: %s needs instalments", ErrMissing, r.TemplateID))
		}
	case "":
		ps.add("templateId", ErrMissing)
	default:
		ps.add("templateId", fmt.Errorf("%w: %q", ErrTemplate, truncate(string(r.TemplateID), 40)))
	}
	if r.TemplateID.Poste() {
		if d.CreditorInstitution.PostalAccount == nil {
			ps.add("data.creditorInstitution.postalAccount", fmt.Errorf("%w: %s needs the postal account", ErrTemplate, r.TemplateID))
		} else {
			pa := *d.CreditorInstitution.PostalAccount
			n.Creditor.PostalAccount = &pa
		}
	}

	if d.Notice.Code != "" {
		num, err := notice.Parse(d.Notice.Code)
		if err != nil {
			ps.add("data.notice.code", fmt.Errorf("%w: %w", ErrNoticeNumber, err))
		}
		n.Number = num
	}
	n.DueDate = parseDate(ps, "data.notice.dueDate", d.Notice.DueDate)
	if len(d.Notice.Installments) > MaxInstalments {
		ps.add("data.notice.installments", fmt.Errorf("%w: at most %d instalments", ErrCount, MaxInstalments))
		return n
	}
	var sum int64
	for i, in := range d.Notice.Installments {
		p := "data.notice.installments[" + itoa(i) + "]"
		var inst Instalment
		if in.Code == "" {
			ps.add(p+".code", ErrMissing)
		} else if num, err := notice.Parse(in.Code); err != nil {
			ps.add(p+".code", fmt.Errorf("%w: %w", ErrNoticeNumber, err))
		} else {
			inst.Number = num
		}
		inst.Amount = in.Amount
		if in.Amount > 0 && in.Amount <= notice.MaxQRAmountCents {
			sum += in.Amount
		}
		inst.DueDate = parseDate(ps, p+".dueDate", in.DueDate)
		n.Instalments = append(n.Instalments, inst)
	}
	// Without a single payment, paymentAmount is the total of the
	// instalments and may be omitted.
	if n.Amount == 0 && d.Notice.Code == "" && len(n.Instalments) > 0 {
		n.Amount = sum
	}
	if d.CreditorInstitution.Logo != "" {
		logo, err := logos.load(d.CreditorInstitution.Logo)
		if err != nil {
			ps.add("data.creditorInstitution.logo", err)
		}
		n.Creditor.Logo = logo
	}
	return n
}

// joinAddress writes the debtor's address on one line:
// "Via Roma 1, 00100 Roma (RM)".
func joinAddress(d *RequestDebtor) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(d.Address))
	if s := strings.TrimSpace(d.BuildingNumber); s != "" {
		b.WriteString(" ")
		b.WriteString(s)
	}
	city := strings.TrimSpace(strings.TrimSpace(d.PostalCode) + " " + strings.TrimSpace(d.City))
	if city != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(city)
	}
	if s := strings.TrimSpace(d.Province); s != "" {
		b.WriteString(" (")
		b.WriteString(strings.ToUpper(s))
		b.WriteString(")")
	}
	return b.String()
}

func parseDate(ps *problems, path, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		ps.add(path, fmt.Errorf("%w: date must be YYYY-MM-DD", ErrFormat))
		return time.Time{}
	}
	return t
}

// MaxLogoSize bounds a logo file or its base64 form.
const MaxLogoSize = 2 << 20

// Logos resolves the logo references of requests and caches decoded logos,
// so a batch where every notice carries the same logo decodes it once. A
// Logos is safe for concurrent use.
type Logos struct {
	// Load reads a logo that is not base64 (typically a file path). Nil
	// accepts base64 and data: URIs only, so a request cannot make the
	// renderer read files.
	Load func(ref string) ([]byte, error)

	cache logoCache
}

// FileLogos returns a Logos that also reads logo files; relative paths are
// resolved against dir.
func FileLogos(dir string) *Logos {
	return &Logos{Load: func(ref string) ([]byte, error) {
		if !filepath.IsAbs(ref) {
			ref = filepath.Join(dir, ref)
		}
		f, err := os.Open(ref)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, MaxLogoSize+1))
		if err != nil {
			return nil, err
		}
		if len(data) > MaxLogoSize {
			return nil, fmt.Errorf("%w: larger than %d bytes", ErrTooLong, MaxLogoSize)
		}
		return data, nil
	}}
}

func (l *Logos) load(ref string) (*Logo, error) {
	if len(ref) > MaxLogoSize*4/3+64 {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrLogo, MaxLogoSize)
	}
	var data []byte
	b64 := ref
	if strings.HasPrefix(b64, "data:") {
		i := strings.Index(b64, ";base64,")
		if i < 0 {
			return nil, fmt.Errorf("%w: data URI without ;base64,", ErrLogo)
		}
		b64 = b64[i+len(";base64,"):]
	}
	if dec, err := base64.StdEncoding.DecodeString(b64); err == nil && len(dec) > 8 {
		data = dec
	} else if l != nil && l.Load != nil {
		d, err := l.Load(ref)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrLogo, err)
		}
		data = d
	} else {
		return nil, fmt.Errorf("%w: not base64 (file paths are not enabled)", ErrLogo)
	}
	if l == nil {
		return ParseLogo(data)
	}
	return l.cache.get(data)
}
