package archive

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pagokit/pagokit/receipt"
)

// MaxRowSize bounds one row of index.csv or index.jsonl, in bytes. Build
// refuses a receipt whose row is larger (ErrReceiptTooLarge); Verify
// reports a larger row.
const MaxRowSize = 64 << 10

// A Row is one receipt's line in index.csv and index.jsonl. The JSON
// names are the CSV header's; every value is a string but the amount.
// Absent values are empty strings.
type Row struct {
	// File is the name of the receipt's file in the package.
	File                string `json:"file"`
	ReceiptID           string `json:"receipt_id"`
	NoticeNumber        string `json:"notice_number"`
	FiscalCode          string `json:"fiscal_code"`
	CreditorReferenceID string `json:"creditor_reference_id"`
	PaymentAmountCents  int64  `json:"payment_amount_cents"`
	Outcome             string `json:"outcome"`
	// PaymentDateTime is RFC 3339, with the offset the receipt gave.
	PaymentDateTime string `json:"payment_date_time"`
	// ApplicationDate is YYYY-MM-DD.
	ApplicationDate  string `json:"application_date"`
	PSPID            string `json:"psp_id"`
	PSPCompanyName   string `json:"psp_company_name"`
	DebtorFiscalCode string `json:"debtor_fiscal_code"`
	Description      string `json:"description"`
	// SHA256 is the lower-case hex SHA-256 of File.
	SHA256 string `json:"sha256"`
	// RPTFile and RPTSHA256 name and hash the RPT's file; empty when the
	// receipt has no RPT.
	RPTFile   string `json:"rpt_file"`
	RPTSHA256 string `json:"rpt_sha256"`
}

// indexHeader is the header of index.csv, in the order of Row's fields.
var indexHeader = []string{
	"file", "receipt_id", "notice_number", "fiscal_code", "creditor_reference_id",
	"payment_amount_cents", "outcome", "payment_date_time", "application_date",
	"psp_id", "psp_company_name", "debtor_fiscal_code", "description", "sha256",
	"rpt_file", "rpt_sha256",
}

// newRow fills the receipt's fields of a Row; the file names and hashes
// are the caller's. Strings that are not valid UTF-8 have their bad
// bytes replaced with U+FFFD, so that the CSV and JSON forms agree.
func newRow(r *receipt.Receipt) Row {
	row := Row{
		ReceiptID:           text(r.ReceiptID),
		NoticeNumber:        text(r.NoticeNumber),
		FiscalCode:          text(r.FiscalCode),
		CreditorReferenceID: text(r.CreditorReferenceID),
		PaymentAmountCents:  r.PaymentAmountCents,
		Outcome:             text(r.Outcome),
		PSPID:               text(r.PSPID),
		PSPCompanyName:      text(r.PSPCompanyName),
		Description:         text(r.Description),
	}
	if r.PaymentDateTime != nil {
		row.PaymentDateTime = r.PaymentDateTime.Format(time.RFC3339Nano)
	}
	if r.ApplicationDate != nil {
		row.ApplicationDate = r.ApplicationDate.String()
	}
	if r.Debtor != nil {
		row.DebtorFiscalCode = text(r.Debtor.EntityID)
	}
	return row
}

func text(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// csvRecord returns the row's CSV cells, each made safe by csvCell.
func (row *Row) csvRecord() []string {
	return []string{
		csvCell(row.File), csvCell(row.ReceiptID), csvCell(row.NoticeNumber),
		csvCell(row.FiscalCode), csvCell(row.CreditorReferenceID),
		csvCell(strconv.FormatInt(row.PaymentAmountCents, 10)), csvCell(row.Outcome),
		csvCell(row.PaymentDateTime), csvCell(row.ApplicationDate), csvCell(row.PSPID),
		csvCell(row.PSPCompanyName), csvCell(row.DebtorFiscalCode), csvCell(row.Description),
		csvCell(row.SHA256), csvCell(row.RPTFile), csvCell(row.RPTSHA256),
	}
}

// csvCell protects a spreadsheet from formula injection: a value that
// starts with '=', '+', '-', '@', a tab or a carriage return gets a
// single quote in front, so that the spreadsheet shows it as text.
// index.jsonl keeps the values unchanged.
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// appendCSV appends the cells as one RFC 4180 record ending with CRLF. A
// cell is quoted when it holds a comma, a quote, a CR or an LF, or starts
// with a space; quotes are doubled. Unlike encoding/csv's Writer with
// UseCRLF, line breaks inside a cell are kept as they are.
func appendCSV(b []byte, cells []string) []byte {
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		if !strings.ContainsAny(c, ",\"\r\n") && !strings.HasPrefix(c, " ") {
			b = append(b, c...)
			continue
		}
		b = append(b, '"')
		for j := 0; j < len(c); j++ {
			if c[j] == '"' {
				b = append(b, '"')
			}
			b = append(b, c[j])
		}
		b = append(b, '"')
	}
	return append(b, '\r', '\n')
}

// jsonLine returns the row as one line of JSON, ending with "\n".
func (row *Row) jsonLine() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(row); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
