package bollo

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
)

// HashLen is the length of a hashDocumento: standard base64, with
// padding, of a 32-byte SHA-256 digest.
const HashLen = 44

// Hash reads r to its end and returns the hashDocumento of the bytes
// read: the standard base64 (with padding) of their SHA-256 digest, 44
// characters. The bytes are hashed as they are, with no normalisation.
func Hash(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)), nil
}

// HashBytes returns the hashDocumento of b (see Hash).
func HashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// ValidHash reports whether s has the form of a hashDocumento: 44
// characters of standard base64 with padding that decode to 32 bytes.
func ValidHash(s string) bool {
	if len(s) != HashLen {
		return false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	return err == nil && len(b) == sha256.Size
}
