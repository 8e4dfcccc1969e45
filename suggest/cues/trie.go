package cues

// node is a state of the trie compiled from every expanded pattern: a
// reply is matched by walking it from each word, so the cost grows with
// the reply, not with the size of the lexicons.
type node struct {
	words    map[string]*node
	prefixes map[string][]prefixEdge // keyed by the first minPrefix bytes of the stem
	slots    [3]*node                // {date}, {amount}, {num}
	gap      *node
	ends     []int // entries ending here, by index
}

type prefixEdge struct {
	stem string
	next *node
}

func slotIndex(k atomKind) int { return int(k - atomDate) }

// insert adds one expanded pattern ending in entry e.
func (n *node) insert(seq []atom, e int) {
	for _, a := range seq {
		n = n.child(a)
	}
	for _, x := range n.ends {
		if x == e {
			return
		}
	}
	n.ends = append(n.ends, e)
}

func (n *node) child(a atom) *node {
	switch a.kind {
	case atomWord:
		if n.words == nil {
			n.words = map[string]*node{}
		}
		c := n.words[a.text]
		if c == nil {
			c = &node{}
			n.words[a.text] = c
		}
		return c
	case atomPrefix:
		if n.prefixes == nil {
			n.prefixes = map[string][]prefixEdge{}
		}
		key := a.text[:minPrefix]
		for _, p := range n.prefixes[key] {
			if p.stem == a.text {
				return p.next
			}
		}
		c := &node{}
		n.prefixes[key] = append(n.prefixes[key], prefixEdge{stem: a.text, next: c})
		return c
	case atomGap:
		if n.gap == nil {
			n.gap = &node{}
		}
		return n.gap
	default:
		i := slotIndex(a.kind)
		if n.slots[i] == nil {
			n.slots[i] = &node{}
		}
		return n.slots[i]
	}
}

// hit is a raw match: tokens [start, end) matched entry.
type hit struct {
	start, end int
	entry      int
}

// walk follows the trie from node n at token i, for a match that started
// at token start, and records every entry it reaches.
func (s *scratch) walk(n *node, start, i int) {
	for _, e := range n.ends {
		s.hits = append(s.hits, hit{start: start, end: i, entry: e})
	}
	if i >= len(s.toks) || s.toks[i].clause != s.toks[start].clause {
		return
	}
	w := s.word(i)
	if n == s.root {
		if c := s.toks[i].root; c != nil {
			s.walk(c, start, i+1)
		}
	} else if n.words != nil {
		if c := n.words[string(w)]; c != nil {
			s.walk(c, start, i+1)
		}
	}
	if n.prefixes != nil && len(w) >= minPrefix {
		for _, p := range n.prefixes[string(w[:minPrefix])] {
			if len(w) >= len(p.stem) && string(w[:len(p.stem)]) == p.stem {
				s.walk(p.next, start, i+1)
			}
		}
	}
	for k, c := range n.slots {
		if c == nil {
			continue
		}
		if m := s.slotLen(atomDate+atomKind(k), i); m > 0 {
			s.walk(c, start, i+m)
		}
	}
	if n.gap != nil {
		for j := i; j <= i+maxGap && j < len(s.toks) && s.toks[j].clause == s.toks[start].clause; j++ {
			s.walk(n.gap, start, j)
		}
	}
}
