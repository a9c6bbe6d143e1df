package scanner

// identIndex remembers, for every file the wrapper stage has read once, a
// Bloom filter of the identifiers in it, so later rounds (wrappers of
// wrappers) decide which files may call a new name without reading the tree
// again. A false positive costs one read and parse; a name is never missed.
type identIndex struct {
	blooms [][]uint64 // by result index; nil until the file is read
}

func newIdentIndex(n int) *identIndex { return &identIndex{blooms: make([][]uint64, n)} }

// identChar reports whether b may be part of an identifier in any of the
// languages (letters, digits, _ and $; Ruby's ?/! suffix is handled apart).
var identChar = func() (t [256]bool) {
	for b := 0; b < 256; b++ {
		t[b] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '$' || b >= 0x80
	}
	return t
}()

func hashIdent(s []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range s {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// bloomBits are the two bit positions of h in a filter of mask+1 bits.
func bloomBits(h uint32, mask uint32) (uint32, uint32) {
	return h & mask, (h>>16 ^ h*0x9e3779b1) & mask
}

// build fills the filter of file i from its source.
func (x *identIndex) build(i int, src []byte) {
	tokens := 0
	for j := 0; j < len(src); j++ {
		if identChar[src[j]] && (j == 0 || !identChar[src[j-1]]) {
			tokens++
		}
	}
	bits := uint32(512)
	for bits < uint32(tokens)*8 && bits < 1<<20 {
		bits <<= 1
	}
	bloom := make([]uint64, bits/64)
	mask := bits - 1
	add := func(tok []byte) {
		a, b := bloomBits(hashIdent(tok), mask)
		bloom[a>>6] |= 1 << (a & 63)
		bloom[b>>6] |= 1 << (b & 63)
	}
	for j := 0; j < len(src); {
		if !identChar[src[j]] {
			j++
			continue
		}
		k := j
		for k < len(src) && identChar[src[k]] {
			k++
		}
		add(src[j:k])
		if k < len(src) && (src[k] == '?' || src[k] == '!') {
			add(src[j : k+1]) // Ruby enabled?, save!
		}
		j = k
	}
	x.blooms[i] = bloom
}

// known reports whether file i has been indexed.
func (x *identIndex) known(i int) bool { return x.blooms[i] != nil }

// mayContain reports whether file i may contain one of the names.
func (x *identIndex) mayContain(i int, names []string) bool {
	bloom := x.blooms[i]
	mask := uint32(len(bloom)*64 - 1)
	for _, n := range names {
		a, b := bloomBits(hashIdent([]byte(n)), mask)
		if bloom[a>>6]&(1<<(a&63)) != 0 && bloom[b>>6]&(1<<(b&63)) != 0 {
			return true
		}
	}
	return false
}
