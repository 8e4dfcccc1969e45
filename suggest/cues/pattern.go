package cues

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrBadPattern is wrapped by every pattern syntax error.
var ErrBadPattern = errors.New("bad pattern")

// maxExpansions bounds the word sequences one pattern may stand for, so
// that a tenant phrase cannot blow up the trie.
const maxExpansions = 4096

// maxGap is how many words a … may skip.
const maxGap = 3

// minPrefix is the shortest stem a * may follow: shorter ones match too
// much ("pa*").
const minPrefix = 4

// atom is one step of an expanded pattern.
type atom struct {
	kind atomKind
	text string // the folded word or stem, for atomWord and atomPrefix
}

type atomKind uint8

const (
	atomWord   atomKind = iota // one word, exactly
	atomPrefix                 // one word starting with text
	atomDate                   // {date}
	atomAmount                 // {amount}
	atomNum                    // {num}
	atomGap                    // … : zero to maxGap words
)

var slots = map[string]atomKind{"date": atomDate, "amount": atomAmount, "num": atomNum}

// item is a lexical element of a pattern.
type item struct {
	sym  byte // one of ( ) [ ] | or 0 for an atom
	atom atom
	col  int // rune column, from 1, for error messages
}

// parsePattern expands a pattern into the word sequences it matches.
func parsePattern(pattern string) ([][]atom, error) {
	items, err := lexPattern(pattern)
	if err != nil {
		return nil, err
	}
	p := parser{items: items}
	seqs, err := p.alternatives()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.items) {
		return nil, badPattern(PhraseUnexpected, string(p.items[p.pos].sym), p.items[p.pos].col)
	}
	for _, s := range seqs {
		switch {
		case len(s) == 0:
			return nil, badPattern(PhraseEmptyMatch)
		case s[0].kind == atomGap || s[len(s)-1].kind == atomGap:
			return nil, badPattern(PhraseGapPlace)
		}
		for i := 1; i < len(s); i++ {
			if s[i].kind == atomGap && s[i-1].kind == atomGap {
				return nil, badPattern(PhraseGapTwice)
			}
		}
	}
	return seqs, nil
}

// lexPattern cuts a pattern into symbols and folded atoms. Words go
// through the reply tokenizer, so a pattern folds exactly like a reply.
func lexPattern(pattern string) ([]item, error) {
	var items []item
	var sc scratch
	runStart, col := -1, 0
	flush := func(end int) {
		if runStart < 0 {
			return
		}
		sc.tokenize(pattern[runStart:end])
		for _, t := range sc.toks {
			items = append(items, item{atom: atom{kind: atomWord, text: sc.text(t)}, col: col})
		}
		runStart = -1
	}
	for i := 0; i < len(pattern); {
		r, size := utf8.DecodeRuneInString(pattern[i:])
		col++
		switch {
		case r == utf8.RuneError && size == 1:
			return nil, badPattern(PhraseInvalidUTF8, col)
		case strings.ContainsRune("()[]|", r):
			flush(i)
			items = append(items, item{sym: byte(r), col: col})
		case r == '…' || strings.HasPrefix(pattern[i:], "..."):
			flush(i)
			if r == '.' {
				size = 3
			}
			items = append(items, item{atom: atom{kind: atomGap}, col: col})
		case r == '*':
			flush(i)
			if len(items) == 0 || items[len(items)-1].sym != 0 || items[len(items)-1].atom.kind != atomWord || i == 0 || !isWordRuneBefore(pattern, i) {
				return nil, badPattern(PhraseStarPlace, col)
			}
			last := &items[len(items)-1].atom
			if utf8.RuneCountInString(last.text) < minPrefix {
				return nil, badPattern(PhraseStemShort, last.text, minPrefix)
			}
			last.kind = atomPrefix
		case r == '{':
			flush(i)
			end := strings.IndexByte(pattern[i:], '}')
			if end < 0 {
				return nil, badPattern(PhraseUnclosedSlot, col)
			}
			name := pattern[i+1 : i+end]
			k, ok := slots[name]
			if !ok {
				return nil, badPattern(PhraseUnknownSlot, name, col)
			}
			items = append(items, item{atom: atom{kind: k}, col: col})
			col += utf8.RuneCountInString(pattern[i+1 : i+end+1])
			size = end + 1
		case r == '?':
			return nil, badPattern(PhraseQuestionMark, col)
		case r == '}':
			return nil, badPattern(PhraseUnopenedSlot, col)
		default:
			if runStart < 0 {
				runStart = i
			}
		}
		i += size
	}
	flush(len(pattern))
	return items, nil
}

func isWordRuneBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// parser expands alternatives, groups and optional parts by recursive
// descent:
//
//	alternatives = sequence { "|" sequence }
//	sequence     = { atom | "(" alternatives ")" | "[" alternatives "]" }
type parser struct {
	items []item
	pos   int
	depth int
}

func (p *parser) alternatives() ([][]atom, error) {
	seqs, err := p.sequence()
	if err != nil {
		return nil, err
	}
	for p.pos < len(p.items) && p.items[p.pos].sym == '|' {
		p.pos++
		more, err := p.sequence()
		if err != nil {
			return nil, err
		}
		seqs = append(seqs, more...)
		if len(seqs) > maxExpansions {
			return nil, badPattern(PhraseTooManyPhrases, maxExpansions)
		}
	}
	return seqs, nil
}

func (p *parser) sequence() ([][]atom, error) {
	seqs := [][]atom{nil}
	for p.pos < len(p.items) {
		it := p.items[p.pos]
		var part [][]atom
		switch it.sym {
		case 0:
			p.pos++
			part = [][]atom{{it.atom}}
		case '(', '[':
			group, err := p.group(it)
			if err != nil {
				return nil, err
			}
			part = group
		case ')', ']', '|':
			return seqs, nil
		}
		seqs = product(seqs, part)
		if len(seqs) > maxExpansions {
			return nil, badPattern(PhraseTooManyPhrases, maxExpansions)
		}
	}
	return seqs, nil
}

// group parses "( … )" or "[ … ]"; an optional group also matches nothing.
func (p *parser) group(open item) ([][]atom, error) {
	closer := byte(')')
	if open.sym == '[' {
		closer = ']'
	}
	p.pos++
	p.depth++
	if p.depth > 8 {
		return nil, badPattern(PhraseNestedTooDeep, open.col)
	}
	inner, err := p.alternatives()
	if err != nil {
		return nil, err
	}
	p.depth--
	if p.pos >= len(p.items) || p.items[p.pos].sym != closer {
		return nil, badPattern(PhraseUnclosedGroup, string(open.sym), open.col)
	}
	p.pos++
	for _, s := range inner {
		if len(s) == 0 {
			return nil, badPattern(PhraseEmptyChoice, open.col)
		}
	}
	if closer == ']' {
		inner = append(inner, nil)
	}
	return inner, nil
}

// product appends every tail to every head.
func product(heads, tails [][]atom) [][]atom {
	out := make([][]atom, 0, len(heads)*len(tails))
	for _, h := range heads {
		for _, t := range tails {
			s := make([]atom, 0, len(h)+len(t))
			out = append(out, append(append(s, h...), t...))
		}
	}
	return out
}
