package noticepdf

// numberSet remembers the notice numbers of a bulk run with the input line
// of each, in an open-addressing hash table: 12 bytes per slot, at most
// three quarters full, where a Go map takes about three times as much.
type numberSet struct {
	keys  []uint64 // notice number + 1; 0 marks an empty slot
	lines []uint32
	n     int
}

// add records key at line and returns false, or returns the line key was
// recorded at and true.
func (s *numberSet) add(key uint64, line int) (first int, dup bool) {
	if 4*(s.n+1) > 3*len(s.keys) {
		s.grow()
	}
	i, ok := s.find(key + 1)
	if ok {
		return int(s.lines[i]), true
	}
	s.keys[i], s.lines[i] = key+1, uint32(min(line, 1<<32-1))
	s.n++
	return 0, false
}

// find returns the slot of k, or the empty slot where it belongs.
func (s *numberSet) find(k uint64) (int, bool) {
	mask := uint64(len(s.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case k:
			return int(i), true
		case 0:
			return int(i), false
		}
	}
}

func (s *numberSet) grow() {
	keys, lines := s.keys, s.lines
	size := max(1024, 2*len(keys))
	s.keys, s.lines = make([]uint64, size), make([]uint32, size)
	for i, k := range keys {
		if k != 0 {
			j, _ := s.find(k)
			s.keys[j], s.lines[j] = k, lines[i]
		}
	}
}
