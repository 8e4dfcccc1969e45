package suggest

import (
	"unicode/utf8"

	"github.com/triage-ar/triage/suggest/cues"
)

// hashBits sets the hashed feature space to 2^hashBits buckets. Only the
// buckets a tenant's history uses get weights (see vocabulary), so the space
// costs no memory and can be wide enough for collisions to be rare.
const hashBits = 20

const hashMask = 1<<hashBits - 1

// Feature kinds seed the hash, so that a word, a bigram and a character
// n-gram spelled alike land in different buckets.
const (
	kindWord byte = iota + 1
	kindBigram
	kindChar
)

// FNV-1a, inlined so that hashing an n-gram allocates nothing.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvStart(kind byte) uint64 { return (fnvOffset ^ uint64(kind)) * fnvPrime }

func fnvAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func fnvAddString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// bucket folds a 64-bit hash into the feature space.
func bucket(h uint64) uint32 { return uint32((h ^ h>>32) & hashMask) }

// terms is the bag of hashed features of one text, with repeats: word
// unigrams and bigrams in one group, character n-grams in the other. The
// groups are weighted separately, because a text has ten times more
// character n-grams than words and they would drown the words.
type terms struct {
	words []uint32
	chars []uint32
}

// featureOptions are the shape of the features; a classifier keeps those it
// was trained with.
type featureOptions struct {
	// Lexicon gives the cue tokens (nil: the embedded lexicons); a tenant
	// with phrases of its own has its own.
	Lexicon    *cues.Lexicon
	MinN, MaxN int     // character n-gram lengths, in runes, of "<word>"
	CharWeight float64 // weight of the character group against the word group
}

// defaultFeatures were chosen on the CLINC150 validation split (see
// scripts/bench-clinc.sh), never on its test split.
var defaultFeatures = featureOptions{MinN: 2, MaxN: 5, CharWeight: 1}

// extract appends the hashed features of text to t (reset first), reusing
// its slices. text goes through Normalize first, so typed tokens stand for
// dates, amounts and references.
func (o featureOptions) extract(text string, t *terms) {
	t.words, t.chars = t.words[:0], t.chars[:0]
	// Cue tokens say in no language what the customer says in theirs
	// ("déjà réglé", "bereits überwiesen" → cue_paid): a German reply
	// learns from French history through them. They count as words, a
	// few times over, since one cue carries more than one word.
	lex := o.Lexicon
	if lex == nil {
		lex = cues.Default()
	}
	for _, c := range lex.Tokens(text) {
		h := bucket(fnvAddString(fnvStart(kindWord), c))
		for range cueWeight {
			t.words = append(t.words, h)
		}
	}
	words := Words(Normalize(text))
	var buf []byte
	var offs []int
	for i, w := range words {
		t.words = append(t.words, bucket(fnvAddString(fnvStart(kindWord), w)))
		if i > 0 {
			h := fnvAddString(fnvStart(kindBigram), words[i-1])
			h = (h ^ ' ') * fnvPrime
			t.words = append(t.words, bucket(fnvAddString(h, w)))
		}
		if w[0] == '_' {
			continue // typed tokens have no spelling to learn from
		}
		buf = append(append(append(buf[:0], '<'), w...), '>')
		offs = runeOffsets(buf, offs[:0])
		runes := len(offs) - 1
		for n := o.MinN; n <= o.MaxN && n <= runes; n++ {
			for j := 0; j+n <= runes; j++ {
				t.chars = append(t.chars, bucket(fnvAdd(fnvStart(kindChar), buf[offs[j]:offs[j+n]])))
			}
		}
	}
}

// cueWeight is how many words a cue token counts for.
const cueWeight = 3

// runeOffsets appends to offs the byte offset of each rune of b, then len(b).
func runeOffsets(b []byte, offs []int) []int {
	for j := 0; j < len(b); {
		offs = append(offs, j)
		_, size := utf8.DecodeRune(b[j:])
		j += size
	}
	return append(offs, len(b))
}
