package bollo

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

// Vectors computed with: printf '<input>' | openssl dgst -sha256 -binary | base64
func TestHash(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
		{"abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="},
	}
	for _, tt := range tests {
		got, err := Hash(strings.NewReader(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("Hash(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if got := HashBytes([]byte(tt.in)); got != tt.want {
			t.Errorf("HashBytes(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if !ValidHash(tt.want) {
			t.Errorf("ValidHash(%q) = false", tt.want)
		}
	}
}

func TestHashReadError(t *testing.T) {
	boom := errors.New("boom")
	if _, err := Hash(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("Hash(failing reader) error = %v; want boom", err)
	}
}

func TestValidHash(t *testing.T) {
	for _, s := range []string{
		"",
		"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0",    // no padding
		"ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0=",   // URL alphabet
		"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa1=",   // non-zero padding bits
		"cXVlc3RhIMOoIHVuYSBtYXJjYSBkYSBib2xsbw==",       // 28 bytes
		"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0==",  // 45 chars
		"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIA\nFa0=", // newline
	} {
		if ValidHash(s) {
			t.Errorf("ValidHash(%q) = true; want false", s)
		}
	}
}

func TestMatch(t *testing.T) {
	// printf abc | openssl dgst -sha256 -binary | base64
	const abc = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
	tests := []struct {
		doc, hash string
		want      bool
		wantErr   bool
	}{
		{"abc", abc, true, false},
		{"abd", abc, false, false},
		{"abc", strings.TrimRight(abc, "="), true, false},
		{"abc", abc[:20] + "\n " + abc[20:], true, false},
		{"abc", "cXVlc3RhIMOoIHVuYSBtYXJjYSBkYSBib2xsbw==", false, true}, // 28 bytes
		{"abc", strings.ReplaceAll(abc, "+", "-"), false, true},          // URL alphabet
		{"abc", "", false, true},
	}
	for _, tt := range tests {
		got, err := Match(strings.NewReader(tt.doc), tt.hash)
		var re *RuleError
		if got != tt.want || (err != nil) != tt.wantErr || (err != nil && (!errors.As(err, &re) || !errors.Is(err, ErrInvalid))) {
			t.Errorf("Match(%q, %q) = %v, %v; want %v, error %v", tt.doc, tt.hash, got, err, tt.want, tt.wantErr)
		}
	}
}
