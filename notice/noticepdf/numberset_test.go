package noticepdf

import "testing"

func TestNumberSet(t *testing.T) {
	var s numberSet
	// Keys that collide in a small table, zero (an all-zero notice number
	// is well-formed) and enough keys to grow several times.
	var keys []uint64
	for i := range uint64(5000) {
		keys = append(keys, i*1024, 302000000000000000+i)
	}
	for i, k := range keys {
		if first, dup := s.add(k, i+1); dup {
			t.Fatalf("add(%d) = duplicate of line %d on first insertion", k, first)
		}
	}
	for i, k := range keys {
		first, dup := s.add(k, 0)
		if !dup || first != i+1 {
			t.Fatalf("add(%d) again = %d, %v; want line %d, true", k, first, dup, i+1)
		}
	}
	if s.n != len(keys) {
		t.Errorf("n = %d, want %d", s.n, len(keys))
	}
	if 4*s.n > 3*len(s.keys) {
		t.Errorf("table of %d slots holds %d keys: over three quarters full", len(s.keys), s.n)
	}
}
