package zipstream_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/pagokit/pagokit/internal/zipstream"
)

func Example() {
	var buf bytes.Buffer
	w := zipstream.NewWriter(&buf)
	when := time.Date(2025, 12, 31, 9, 0, 0, 0, time.UTC)
	w.Store("302000000000000184.pdf", when, []byte("%PDF-1.7 …"))
	report, _ := w.Create("errors.csv", when)
	io.WriteString(report, "line,notice_number,path,error\r\n")
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}

	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, f := range zr.File {
		fmt.Println(f.Name, f.Method)
	}
	// Output:
	// 302000000000000184.pdf 0
	// errors.csv 8
}
