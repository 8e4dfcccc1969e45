package cues

import (
	"slices"
	"sort"
)

// Match is a cue found in a reply: Start and End are byte offsets into the
// text given to Find, Lang the language of the lexicon phrase that matched.
type Match struct {
	Cue     string
	Negated bool
	Start   int
	End     int
	Lang    string
}

// Token returns the feature token of the match: cue_<cue> or
// cue_neg_<cue>.
func (m Match) Token() string {
	if m.Negated {
		return "cue_neg_" + m.Cue
	}
	return "cue_" + m.Cue
}

// Find returns the cues of text in every language at once (replies mix
// languages), ordered by position.
func (l *Lexicon) Find(text string) []Match {
	s := l.pool.Get().(*scratch)
	defer l.pool.Put(s)
	l.scan(s, text)
	out := make([]Match, 0, len(s.hits))
	for _, h := range s.hits {
		e := l.entries[h.entry]
		out = append(out, Match{
			Cue:     cueNames[e.cue],
			Negated: e.negatable && s.negated(h.start, h.end),
			Start:   s.toks[h.start].start,
			End:     s.toks[h.end-1].end,
			Lang:    l.phrases[e.phrase].Lang,
		})
	}
	return out
}

// Tokens returns the sorted, deduplicated feature tokens of the cues of
// text: "cue_paid", "cue_neg_paid"…
func (l *Lexicon) Tokens(text string) []string {
	s := l.pool.Get().(*scratch)
	defer l.pool.Put(s)
	l.scan(s, text)
	var seen [2]uint64 // cueNames fits in 64 bits; checked by a test
	var out []string
	for _, h := range s.hits {
		e := l.entries[h.entry]
		neg := 0
		if e.negatable && s.negated(h.start, h.end) {
			neg = 1
		}
		if bit := uint64(1) << e.cue; seen[neg]&bit == 0 {
			seen[neg] |= bit
			out = append(out, tokenNames[e.cue][neg])
		}
	}
	sort.Strings(out)
	return out
}

// scan leaves in s.hits the kept matches of text, by position: masks
// dropped, and every match overlapping a longer one dropped.
func (l *Lexicon) scan(s *scratch, text string) {
	s.tokenize(text)
	s.hits = s.hits[:0]
	for i := range s.toks {
		s.walk(l.root, i, i)
	}
	if len(s.hits) == 0 {
		return
	}
	// Longest first, then leftmost, then lexicon order, so that the kept
	// match of a span is the first phrase that wrote it.
	slices.SortFunc(s.hits, func(a, b hit) int {
		if d := (b.end - b.start) - (a.end - a.start); d != 0 {
			return d
		}
		if a.start != b.start {
			return a.start - b.start
		}
		return a.entry - b.entry
	})
	kept := s.hits[:0]
	for _, h := range s.hits {
		if !l.covered(kept, h) {
			kept = append(kept, h)
		}
	}
	out := kept[:0]
	for _, h := range kept {
		if l.entries[h.entry].cue != maskCue {
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b hit) int { return a.start - b.start })
	s.hits = out
}

// covered reports whether h shares words with a longer kept match (two
// readings of the same words: the longer one wins), or repeats the cue of
// a kept match with the same span.
func (l *Lexicon) covered(kept []hit, h hit) bool {
	for _, k := range kept {
		if h.start >= k.end || k.start >= h.end {
			continue
		}
		if k.end-k.start > h.end-h.start || l.entries[k.entry].cue == l.entries[h.entry].cue {
			return true
		}
	}
	return false
}
