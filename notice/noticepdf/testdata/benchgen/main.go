// Command benchgen writes N notice requests as JSON Lines, for measuring
// the bulk renderer (see BENCHMARKS.md):
//
//	go run ./notice/noticepdf/testdata/benchgen -n 10000 > notices.jsonl
//
// Every record has its own notice numbers. With -mixed, one record in five
// has three instalments and one in ten the Poste bollettino.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/notice/noticepdf"
)

func main() {
	n := flag.Int("n", 10000, "number of records")
	mixed := flag.Bool("mixed", false, "add instalment and Poste records")
	flag.Parse()

	seq := 0
	next := func() string {
		seq++
		num, err := notice.Build(notice.Parts{AuxDigit: 3, SegregationCode: "02", Base: fmt.Sprintf("%013d", seq)})
		if err != nil {
			log.Fatal(err)
		}
		return num.String()
	}
	names := []string{"Mario Rossi", "Giulia Bianchi", "Niccolò Sciascia", "Anna Maria De Luca", "Francesco Esposito"}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	for i := range *n {
		req := noticepdf.Request{
			TemplateID: noticepdf.SingleInstalment,
			Data: noticepdf.RequestData{
				CreditorInstitution: noticepdf.RequestCreditor{
					TaxCode: "80016350821", FullName: "Comune di Esempio", Sector: "Ufficio Tributi",
					Info:  "www.comune.esempio.it · tributi@comune.esempio.it · 091 1234567",
					CBILL: "AB12C", OnlineChannel: noticepdf.Website,
					PhysicalChannel: "Sportello Tributi di Piazza Municipio",
				},
				Debtor: noticepdf.RequestDebtor{
					TaxCode: "RSSMRA80A01H501U", FullName: fmt.Sprintf("%s %d", names[i%len(names)], i),
					Address: "Via Roma", BuildingNumber: "1", PostalCode: "90100", City: "Palermo", Province: "PA",
				},
				Notice: noticepdf.RequestNotice{
					Subject: "Tassa sui rifiuti (TARI) 2025", PaymentAmount: int64(5000 + i*37%100000),
					DueDate: "2025-12-31", Code: next(),
				},
			},
		}
		d := &req.Data
		if *mixed && i%5 == 1 {
			req.TemplateID = noticepdf.Instalments
			d.Notice.PaymentAmount -= d.Notice.PaymentAmount % 3
			for k := range 3 {
				d.Notice.Installments = append(d.Notice.Installments, noticepdf.RequestInstallment{
					Code: next(), Amount: d.Notice.PaymentAmount / 3, DueDate: fmt.Sprintf("2026-%02d-28", k+1)})
			}
		}
		if *mixed && i%10 == 3 {
			req.TemplateID = noticepdf.SingleInstalmentPoste
			d.CreditorInstitution.PostalAccount = &noticepdf.PostalAccount{Number: "1234567",
				Holder: "Comune di Esempio - Servizio Tesoreria", Authorization: "AUT. DB/SSIC/E 12345 DEL 01/01/2024"}
		}
		if err := enc.Encode(&req); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}
