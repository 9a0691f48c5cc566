package xmldsig

import (
	"crypto"
	"crypto/ecdsa"
	"encoding/asn1"
	"errors"
	"io"
	"math/big"
)

// XML-DSig writes an ECDSA signature as the concatenation r||s of two
// integers of the curve's byte size (RFC 4051 §3.3.1, XML-DSig 1.1
// §6.4.3); goxmldsig writes and checks the ASN.1 DER form that
// crypto/ecdsa uses. These helpers convert between the two, so that
// Sign writes and Verify accepts the standard form only.

type ecdsaSig struct{ R, S *big.Int }

// ecdsaSize returns the byte size of r and s for pub.
func ecdsaSize(pub *ecdsa.PublicKey) int { return (pub.Curve.Params().BitSize + 7) / 8 }

// rawToDER converts r||s to DER; raw must be exactly 2*size bytes.
func rawToDER(raw []byte, size int) ([]byte, error) {
	if len(raw) != 2*size {
		return nil, errors.New("ECDSA SignatureValue is not r||s of the curve size")
	}
	return asn1.Marshal(ecdsaSig{
		R: new(big.Int).SetBytes(raw[:size]),
		S: new(big.Int).SetBytes(raw[size:]),
	})
}

// derToRaw converts a DER ECDSA signature to r||s.
func derToRaw(der []byte, size int) ([]byte, error) {
	var sig ecdsaSig
	rest, err := asn1.Unmarshal(der, &sig)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 || sig.R.Sign() <= 0 || sig.S.Sign() <= 0 ||
		sig.R.BitLen() > 8*size || sig.S.BitLen() > 8*size {
		return nil, errors.New("malformed ECDSA signature")
	}
	raw := make([]byte, 2*size)
	sig.R.FillBytes(raw[:size])
	sig.S.FillBytes(raw[size:])
	return raw, nil
}

// rawECDSASigner makes an ECDSA crypto.Signer produce r||s.
type rawECDSASigner struct {
	crypto.Signer
	size int
}

func (s rawECDSASigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	der, err := s.Signer.Sign(rand, digest, opts)
	if err != nil {
		return nil, err
	}
	return derToRaw(der, s.size)
}
