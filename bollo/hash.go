package bollo

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"io"
	"strings"
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

// Match reads r to its end and reports whether its SHA-256 digest is the
// one hash encodes: the decoded digests are compared (in constant time),
// so a hash written with line breaks or without padding matches too. A
// hash that is not the base64 of 32 bytes is a *RuleError (ErrInvalid).
func Match(r io.Reader, hash string) (bool, error) {
	want, err := decodeDigest(hash)
	if err != nil {
		return false, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(h.Sum(nil), want) == 1, nil
}

// decodeDigest decodes a base64 SHA-256 digest, white space ignored,
// padding optional.
func decodeDigest(hash string) ([]byte, error) {
	s := strings.TrimRight(strings.Join(strings.Fields(hash), ""), "=")
	b, err := base64.RawStdEncoding.Strict().DecodeString(s)
	if err != nil || len(b) != sha256.Size {
		return nil, &RuleError{Err: ErrInvalid, Field: "hash", Detail: "not the base64 of a SHA-256 digest: " + truncate(hash)}
	}
	return b, nil
}
