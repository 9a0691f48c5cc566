package bollo

import (
	"bytes"
	"testing"
)

func BenchmarkHash(b *testing.B) {
	doc := bytes.Repeat([]byte("x"), 1<<20)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Hash(bytes.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMBD(b *testing.B) {
	doc := []byte(sign(b, unsignedMBD, pki(b).psp))
	for b.Loop() {
		if _, err := ParseMBD(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	doc := []byte(sign(b, unsignedMBD, pki(b).psp))
	pol := Policy{Certificates: pki(b).certs(), ExpectedHash: stampedHash}
	for b.Loop() {
		if _, err := Verify(doc, pol); err != nil {
			b.Fatal(err)
		}
	}
}
