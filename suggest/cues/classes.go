package cues

// class flags what a word is for slots, clauses and negation, so that a
// token is looked up once, when it is cut, instead of once per question.
type class uint8

const (
	classConj     class = 1 << iota // opens a new clause
	classNegator                    // negates the words after it
	classNe                         // French "ne"
	classTail                       // closes a French "ne … pas"
	classMonth                      // a month name
	classDay                        // a weekday or "tomorrow"
	classCurrency                   // eur, usd…
)

var classes = func() map[string]class {
	m := map[string]class{"ne": classNe}
	for _, set := range []struct {
		words map[string]bool
		c     class
	}{
		{conjunctions, classConj}, {negators, classNegator}, {frenchTails, classTail},
		{months, classMonth}, {days, classDay}, {currencyWords, classCurrency},
	} {
		for w := range set.words {
			m[w] |= set.c
		}
	}
	return m
}()

// is reports whether token i has class c.
func (s *scratch) is(i int, c class) bool { return s.toks[i].class&c != 0 }
