package xmldsig

import (
	"crypto"
	"crypto/x509"
)

// Namespace is the XML-DSig namespace URI of ds:Signature and its
// children.
const Namespace = "http://www.w3.org/2000/09/xmldsig#"

// Signature method URIs.
const (
	RSASHA1     = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
	RSASHA256   = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	RSASHA384   = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"
	RSASHA512   = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
	ECDSASHA1   = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"
	ECDSASHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
	ECDSASHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
	ECDSASHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"
	// RSAMD5 is never accepted.
	RSAMD5 = "http://www.w3.org/2001/04/xmldsig-more#rsa-md5"
)

// Digest method URIs.
const (
	DigestSHA1   = "http://www.w3.org/2000/09/xmldsig#sha1"
	DigestSHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
	DigestSHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
	DigestSHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"
	// DigestMD5 is never accepted.
	DigestMD5 = "http://www.w3.org/2001/04/xmldsig-more#md5"
)

// Transform and canonicalization method URIs.
const (
	EnvelopedSignature    = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	C14N10                = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
	C14N10WithComments    = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
	ExcC14N10             = "http://www.w3.org/2001/10/xml-exc-c14n#"
	ExcC14N10WithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
)

// excC14NNamespace is the namespace of ec:InclusiveNamespaces.
const excC14NNamespace = "http://www.w3.org/2001/10/xml-exc-c14n#"

// A sigMethod is an accepted signature method.
type sigMethod struct {
	key  x509.PublicKeyAlgorithm
	hash crypto.Hash
}

var sigMethods = map[string]sigMethod{
	RSASHA1:     {x509.RSA, crypto.SHA1},
	RSASHA256:   {x509.RSA, crypto.SHA256},
	RSASHA384:   {x509.RSA, crypto.SHA384},
	RSASHA512:   {x509.RSA, crypto.SHA512},
	ECDSASHA1:   {x509.ECDSA, crypto.SHA1},
	ECDSASHA256: {x509.ECDSA, crypto.SHA256},
	ECDSASHA384: {x509.ECDSA, crypto.SHA384},
	ECDSASHA512: {x509.ECDSA, crypto.SHA512},
}

var digestMethods = map[string]crypto.Hash{
	DigestSHA1:   crypto.SHA1,
	DigestSHA256: crypto.SHA256,
	DigestSHA384: crypto.SHA384,
	DigestSHA512: crypto.SHA512,
}

// isMD5 reports the MD5-based methods, refused whatever the policy.
func isMD5(uri string) bool { return uri == RSAMD5 || uri == DigestMD5 }

// isC14N reports the canonicalization methods accepted both for SignedInfo
// and as the optional second transform of the Reference.
func isC14N(uri string) bool {
	switch uri {
	case C14N10, C14N10WithComments, ExcC14N10, ExcC14N10WithComments:
		return true
	}
	return false
}

func isExcC14N(uri string) bool { return uri == ExcC14N10 || uri == ExcC14N10WithComments }
