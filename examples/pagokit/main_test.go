package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/internal/testenv"
)

// pagokit runs the command in-process and returns its exit status, standard
// output and standard error.
func pagokit(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCommands(t *testing.T) {
	for _, tt := range []struct {
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{[]string{"notice", "format", "302000000000000184"}, 0, "3020 0000 0000 0001 84\n", ""},
		{[]string{"notice", "format", "302012387654312384"}, 1, "", "wrong check digit"},
		{[]string{"notice", "format", "--lenient", "302012387654312384"}, 0, "3020 1238 7654 3123 84\n", ""},
		{[]string{"notice", "new", "--aux", "3", "--segregation", "02", "--base", "0000000000001"}, 0, "302000000000000184\n", ""},
		{[]string{"notice", "new", "--aux", "0", "--application", "01", "--base", "0000000012345"}, 0, "001000000001234516\n", ""},
		{[]string{"notice", "new", "--aux", "2", "--base", "000000000000001"}, 0, "200000000000000103\n", ""},
		{[]string{"notice", "new", "--aux", "1", "--base", "23456789012345678"}, 0, "123456789012345678\n", ""},
		{[]string{"notice", "new", "--aux", "3", "--segregation", "02", "--base", "1"}, 1, "", "iuv_base"},
		{[]string{"notice", "new", "--aux", "3"}, 2, "", "--segregation is required"},
		{[]string{"notice", "new", "--aux", "0"}, 2, "", "--application is required"},
		{[]string{"notice", "new", "--aux", "7"}, 2, "", "--aux must be"},
		{[]string{"notice", "rf", "new", "w9"}, 0, "RF45 W9\n", ""},
		{[]string{"notice", "rf", "new", "539007547034"}, 0, "RF18 5390 0754 7034\n", ""},
		{[]string{"notice", "rf", "check", "rf18 5390 0754 7034"}, 0, "RF18 5390 0754 7034: valid\n", ""},
		{[]string{"notice", "rf", "check", "RF23 5674 8393 7849 4505 5087 5"}, 1, "", "wrong check digit"},
		{[]string{"notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "01234567890", "--amount-cents", "13650"}, 0,
			"PAGOPA|002|302000000000000184|01234567890|13650\n", ""},
		{[]string{"notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "0123456789", "--amount-cents", "13650"}, 1, "", "fiscal_code"},
		{[]string{"notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "01234567890", "--amount-cents", "0"}, 1, "", "amount_cents"},
		{[]string{"notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "01234567890"}, 2, "", "--amount-cents is required"},
		{[]string{"notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "01234567890", "--amount-cents", "x"}, 2, "", "invalid value"},
		{[]string{"notice", "datamatrix", "--notice", "302000000000000184", "--postal-account", "12345678", "--amount-cents", "13650",
			"--fiscal-code", "01234567890", "--debtor-fiscal-code", "RSSMRA80A01H501U", "--debtor-name", "Mario Rossi", "--subject", "TARI 2025"}, 0,
			"codfase=NBPA;18302000000000000184120000123456781000000136503896" + "1P1" + "01234567890" + "RSSMRA80A01H501U" +
				"Mario Rossi" + strings.Repeat(" ", 29) + "TARI 2025" + strings.Repeat(" ", 101) + strings.Repeat(" ", 12) + "A\n", ""},
		{[]string{"notice", "datamatrix", "--notice", "302000000000000184", "--postal-account", "12345678", "--amount-cents", "13650",
			"--fiscal-code", "01234567890", "--debtor-name", strings.Repeat("x", 41), "--subject", "TARI"}, 1, "", "debtor_name"},
		{[]string{"notice", "parse"}, 2, "", "usage: notice parse <notice-number>"},
		{[]string{"notice", "parse", "1", "2"}, 2, "", "usage"},
		{[]string{"notice", "parse", "--bogus", "302000000000000184"}, 2, "", "flag provided but not defined"},
		{[]string{"notice", "nope"}, 2, "", `unknown command "nope"`},
		{[]string{}, 2, "", "missing command"},
		{[]string{"help"}, 0, "", "notice"},
	} {
		code, stdout, stderr := pagokit(tt.args...)
		if code != tt.code || stdout != tt.stdout || !strings.Contains(stderr, tt.stderrHas) {
			t.Errorf("pagokit %q\n got %d %q %q\nwant %d %q stderr containing %q", tt.args, code, stdout, stderr, tt.code, tt.stdout, tt.stderrHas)
		}
		if tt.code != 0 && stdout != "" {
			t.Errorf("pagokit %q failed but wrote to stdout", tt.args)
		}
	}
}

func TestNoticeParseJSON(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want map[string]any
	}{
		{[]string{"notice", "parse", "302000000000000184", "--json"}, map[string]any{
			"notice_number": "302000000000000184", "aux_digit": 3.0, "application_code": "", "segregation_code": "02",
			"iuv_base": "0000000000001", "iuv": "02000000000000184", "check_digit": "84", "check_digit_valid": true}},
		{[]string{"notice", "parse", "--json", "001000000001234516"}, map[string]any{
			"notice_number": "001000000001234516", "aux_digit": 0.0, "application_code": "01", "segregation_code": "",
			"iuv_base": "0000000012345", "iuv": "000000001234516", "check_digit": "16", "check_digit_valid": true}},
		{[]string{"notice", "parse", "--json", "123456789012345678"}, map[string]any{
			"notice_number": "123456789012345678", "aux_digit": 1.0, "application_code": "", "segregation_code": "",
			"iuv_base": "23456789012345678", "iuv": "23456789012345678", "check_digit": "", "check_digit_valid": true}},
		{[]string{"notice", "parse", "--json", "--lenient", "302009921337126000"}, map[string]any{
			"notice_number": "302009921337126000", "aux_digit": 3.0, "application_code": "", "segregation_code": "02",
			"iuv_base": "0099213371260", "iuv": "02009921337126000", "check_digit": "00", "check_digit_valid": false}},
		{[]string{"notice", "parse", "--json", "--lenient", "000000000000000000"}, map[string]any{
			"notice_number": "000000000000000000", "aux_digit": 0.0, "application_code": "00", "segregation_code": "",
			"iuv_base": "0000000000000", "iuv": "000000000000000", "check_digit": "00", "check_digit_valid": true}},
	} {
		code, stdout, stderr := pagokit(tt.args...)
		if code != 0 {
			t.Fatalf("pagokit %q: %d %s", tt.args, code, stderr)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("pagokit %q: %v in %q", tt.args, err, stdout)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("pagokit %q (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestNoticeNewGenerates(t *testing.T) {
	code, stdout, stderr := pagokit("notice", "new", "--aux", "3", "--segregation", "47", "--json")
	if code != 0 {
		t.Fatalf("%d %s", code, stderr)
	}
	var got numberJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.SegregationCode != "47" || !got.CheckDigitValid || len(got.NoticeNumber) != 18 {
		t.Errorf("generated %+v", got)
	}
	// The generated number parses strictly.
	if code, _, stderr := pagokit("notice", "parse", got.NoticeNumber); code != 0 {
		t.Errorf("generated %s does not parse: %s", got.NoticeNumber, stderr)
	}
}

func TestFailedCommandLeavesNoFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "qr.png")
	code, _, _ := pagokit("notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "01234567890", "--amount-cents", "100", "--png", f, "--size", "10")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if _, err := os.Stat(f); !os.IsNotExist(err) {
		t.Errorf("file left behind: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(f))
	if len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// TestQRPNGDecodes checks the PNG the command writes with zbarimg.
func TestQRPNGDecodes(t *testing.T) {
	zbarimg := testenv.Tool(t, "zbarimg", "zbar-tools")
	f := filepath.Join(t.TempDir(), "qr.png")
	code, stdout, stderr := pagokit("notice", "qr", "--notice", "302000000000000184", "--fiscal-code", "01234567890", "--amount-cents", "13650", "--png", f)
	if code != 0 {
		t.Fatal(stderr)
	}
	out, err := exec.Command(zbarimg, "--quiet", "--raw", f).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	if string(out) != stdout {
		t.Errorf("zbarimg read %q, command printed %q", out, stdout)
	}
}

// TestDataMatrixPNGDecodes checks the PNG the command writes with dmtxread.
func TestDataMatrixPNGDecodes(t *testing.T) {
	dmtxread := testenv.Tool(t, "dmtxread", "dmtx-utils")
	f := filepath.Join(t.TempDir(), "dm.png")
	code, stdout, stderr := pagokit("notice", "datamatrix", "--notice", "302000000000000184", "--postal-account", "12345678",
		"--amount-cents", "13650", "--fiscal-code", "01234567890", "--debtor-fiscal-code", "RSSMRA80A01H501U",
		"--debtor-name", "Niccolò Rossi", "--subject", "TARI 2025 - Tassa rifiuti", "--png", f)
	if code != 0 {
		t.Fatal(stderr)
	}
	out, err := exec.Command(dmtxread, "--stop-after=1", f).Output()
	if err != nil {
		t.Fatalf("dmtxread: %v", err)
	}
	if string(out)+"\n" != stdout {
		t.Errorf("dmtxread read %q, command printed %q", out, stdout)
	}
}
