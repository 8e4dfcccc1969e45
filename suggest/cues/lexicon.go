package cues

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode"
)

//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// ErrUnknownCue is wrapped when a phrase names a cue the package does not
// know (see Cues).
var ErrUnknownCue = errors.New("unknown cue")

// Phrase is one lexicon line: a language code, a cue and a pattern in the
// syntax of the package documentation.
type Phrase struct {
	Lang    string
	Cue     string
	Pattern string
}

// entry is a compiled phrase of one expansion class: negatable tells
// whether negation may flip it.
type entry struct {
	phrase    int // index in Lexicon.phrases
	cue       int // index in cueNames, or maskCue
	negatable bool
}

// Lexicon finds cues in replies. It is immutable once built and safe for
// concurrent use.
type Lexicon struct {
	phrases []Phrase
	entries []entry
	root    *node
	vocab   map[string]vocabEntry
	pool    sync.Pool // *scratch
}

// vocabEntry is what one lookup tells about a reply word: its classes and
// the trie's first step on it.
type vocabEntry struct {
	class class
	root  *node
}

var defaultLexicon = sync.OnceValue(func() *Lexicon {
	phrases, err := loadEmbedded()
	if err == nil {
		var l *Lexicon
		if l, err = compile(phrases); err == nil {
			return l
		}
	}
	// The files are part of the binary and a test compiles them: this is
	// a build defect, like a bad regexp.MustCompile literal.
	panic(fmt.Errorf("cues: embedded lexicons: %w", err))
})

// Default returns the lexicon compiled from the embedded files, once.
func Default() *Lexicon { return defaultLexicon() }

// Phrases returns a copy of the lexicon's phrases, embedded then added.
func (l *Lexicon) Phrases() []Phrase { return append([]Phrase(nil), l.phrases...) }

// With returns a new lexicon holding l's phrases and extra, such as a
// tenant's own wording; l is unchanged. Every bad phrase is reported.
func (l *Lexicon) With(extra []Phrase) (*Lexicon, error) {
	var errs []error
	for i, p := range extra {
		if err := validate(p); err != nil {
			errs = append(errs, fmt.Errorf("cues: phrase %d (%s %s %q): %w", i+1, p.Lang, p.Cue, p.Pattern, err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	all := make([]Phrase, 0, len(l.phrases)+len(extra))
	all = append(append(all, l.phrases...), extra...)
	return compile(all)
}

func validate(p Phrase) error {
	if len(p.Lang) < 2 || len(p.Lang) > 3 || strings.IndexFunc(p.Lang, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return &PhraseError{Code: PhraseLang, Args: []any{p.Lang}}
	}
	if _, ok := cueIndex[p.Cue]; !ok {
		return &PhraseError{Code: PhraseUnknownCue, Args: []any{p.Cue, strings.Join(append(Cues(), Mask), ", ")}, cause: ErrUnknownCue}
	}
	_, err := parsePattern(p.Pattern)
	return err
}

// compile builds the trie of every phrase.
func compile(phrases []Phrase) (*Lexicon, error) {
	l := &Lexicon{phrases: phrases, root: &node{}}
	l.pool.New = func() any { return &scratch{vocab: l.vocab, root: l.root} }
	for i, p := range phrases {
		cue, ok := cueIndex[p.Cue]
		if !ok {
			return nil, fmt.Errorf("cues: %s phrase %q: %w %q", p.Lang, p.Pattern, ErrUnknownCue, p.Cue)
		}
		seqs, err := parsePattern(p.Pattern)
		if err != nil {
			return nil, fmt.Errorf("cues: %s phrase %q: %w", p.Lang, p.Pattern, err)
		}
		plain, owned := -1, -1
		for _, seq := range seqs {
			ref := &plain
			if spellsNegation(seq) {
				ref = &owned
			}
			if *ref < 0 {
				*ref = len(l.entries)
				negatable := ref == &plain && cue != maskCue && !unnegated[p.Cue]
				l.entries = append(l.entries, entry{phrase: i, cue: cue, negatable: negatable})
			}
			l.root.insert(seq, *ref)
		}
	}
	l.vocab = make(map[string]vocabEntry, len(classes)+len(l.root.words))
	for w, c := range classes {
		l.vocab[w] = vocabEntry{class: c}
	}
	for w, n := range l.root.words {
		v := l.vocab[w]
		v.root = n
		l.vocab[w] = v
	}
	return l, nil
}

// loadEmbedded reads lexicon/<lang>.txt, in file name order.
func loadEmbedded() ([]Phrase, error) {
	names, err := fs.Glob(lexiconFiles, "lexicon/*.txt")
	if err != nil {
		return nil, fmt.Errorf("cues: list lexicons: %w", err)
	}
	var phrases []Phrase
	for _, name := range names {
		f, err := lexiconFiles.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cues: open %s: %w", name, err)
		}
		ps, err := parseFile(strings.TrimSuffix(path.Base(name), ".txt"), f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("cues: %s: %w", name, err)
		}
		phrases = append(phrases, ps...)
	}
	return phrases, nil
}

// parseFile reads lexicon lines: a cue, white space, a pattern; # starts
// a comment line.
func parseFile(lang string, r io.Reader) ([]Phrase, error) {
	var out []Phrase
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.IndexFunc(line, unicode.IsSpace)
		if i < 0 {
			return nil, fmt.Errorf("line %d: want a cue and a pattern", n)
		}
		p := Phrase{Lang: lang, Cue: line[:i], Pattern: strings.TrimSpace(line[i:])}
		if err := validate(p); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return out, nil
}
