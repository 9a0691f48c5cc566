package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/receipt"
)

var receiptCommand = &command{
	name:    "receipt",
	summary: "payment receipts: read them, print them, archive them in signed packages",
	sub: []*command{
		{name: "parse", summary: "read a receipt (paSendRT/paSendRTV2, bare receipt, legacy RT, paaInviaRT)", run: receiptParse},
		{name: "pdf", summary: "render the payment receipt (attestazione di pagamento) as PDF", run: receiptPDF},
		{name: "archive", summary: "build a signed conservation package of an ente's receipts for a month (or verify one)", run: receiptArchive},
	},
}

// readReceiptFile reads and parses a receipt file ("-": standard input).
func readReceiptFile(path string) (*receipt.Receipt, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, receipt.DefaultLimits.MaxBytes+1))
	} else {
		data, err = readLimited(path, receipt.DefaultLimits.MaxBytes+1)
	}
	if err != nil {
		return nil, err
	}
	r, err := receipt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// readLimited reads at most max bytes of a file.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max))
}

func receiptParse(e env, args []string) error {
	fs := flag.NewFlagSet("receipt parse", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the normalised receipt as JSON")
	pos, err := parseFlags(fs, args, "file")
	if err != nil {
		return err
	}
	r, err := readReceiptFile(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e, r)
	}
	printReceipt(e.stdout, r)
	return nil
}

func printReceipt(w io.Writer, r *receipt.Receipt) {
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-20s %s\n", k+":", v)
		}
	}
	row("format", string(r.Format))
	row("receipt id", r.ReceiptID)
	row("notice number", r.NoticeNumber)
	row("ente", strings.TrimSpace(r.FiscalCode+" "+r.CompanyName))
	row("IUV", r.CreditorReferenceID)
	row("amount", money.FormatDecimal(r.PaymentAmountCents)+" EUR")
	row("outcome", r.Outcome)
	row("description", r.Description)
	if r.Debtor != nil {
		row("debtor", strings.TrimSpace(r.Debtor.EntityID+" "+r.Debtor.FullName))
	}
	if r.Payer != nil {
		row("payer", strings.TrimSpace(r.Payer.EntityID+" "+r.Payer.FullName))
	}
	row("PSP", strings.TrimSpace(r.PSPID+" "+r.PSPCompanyName))
	if r.PaymentDateTime != nil {
		row("paid at", r.PaymentDateTime.Format(time.RFC3339))
	}
	if r.ApplicationDate != nil {
		row("application date", r.ApplicationDate.String())
	}
	if r.TransferDate != nil {
		row("transfer date", r.TransferDate.String())
	}
	if r.StandIn {
		row("stand-in", "yes")
	}
	for _, t := range r.Transfers {
		dest := t.IBAN
		if t.HasStamp {
			dest = "marca da bollo digitale"
		}
		row(fmt.Sprintf("transfer %d", t.IDTransfer),
			fmt.Sprintf("%s EUR to %s, %s", money.FormatDecimal(t.AmountCents), t.FiscalCode, dest))
	}
	for _, wn := range r.Warnings {
		row("warning", wn.Path+": "+wn.Message)
	}
}
