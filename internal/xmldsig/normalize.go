package xmldsig

import (
	"maps"

	"github.com/beevik/etree"
)

// normalize removes from the unverified tree what XML-DSig never signs
// for the references Verify accepts, so that goxmldsig digests what the
// standard (and other verifiers, such as xmlsec1) digest:
//
//   - comments: a same-document reference (URI "" or "#id") designates the
//     document without its comment nodes, whatever the canonicalization
//     (XML-DSig 1.0 §4.3.3.3), but goxmldsig keeps them when the transform
//     list has no C14N or a WithComments one;
//   - namespace declarations that repeat the binding already in scope
//     (xmlns="" included): C14N 1.0 drops them, goxmldsig's default
//     serialisation (no C14N transform, as in the MarcaDaBollo) does not.
//
// Neither change alters what a conforming canonicalization outputs.
func normalize(el *etree.Element, prefixes map[string]string, def string) {
	kept := el.Attr[:0]
	copied := false
	for _, a := range el.Attr {
		switch {
		case a.Space == "" && a.Key == "xmlns":
			if a.Value == def {
				continue
			}
			def = a.Value
		case a.Space == "xmlns":
			if v, ok := prefixes[a.Key]; ok && v == a.Value {
				continue
			}
			if !copied {
				prefixes, copied = maps.Clone(prefixes), true
			}
			prefixes[a.Key] = a.Value
		}
		kept = append(kept, a)
	}
	el.Attr = kept
	for i := 0; i < len(el.Child); {
		switch c := el.Child[i].(type) {
		case *etree.Comment:
			el.RemoveChildAt(i)
			continue
		case *etree.Element:
			normalize(c, prefixes, def)
		}
		i++
	}
}
