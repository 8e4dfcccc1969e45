package suggest

import (
	"context"
	"math"
)

// Dim is the dimension of stored embeddings (the qualification.embedding
// column): under pgvector's 2000-dimension HNSW limit.
const Dim = 1536

// Embedder turns text into a vector of Dim floats with unit L2 norm.
type Embedder interface {
	Embed(ctx context.Context, text string) ([]float32, error)
	// Name identifies the embedder and its parameters; vectors of different
	// names must never be compared.
	Name() string
}

// HashEmbedder is the offline default: word unigrams and bigrams plus
// character 3–5-grams of each word, hashed into Dim signed buckets with
// sublinear term frequency. No vocabulary to train, no model to download.
type HashEmbedder struct{}

// Name implements Embedder.
func (HashEmbedder) Name() string { return "hash-v1-1536" }

// charWeight scales character n-grams against words: they carry typos and
// inflections, but words carry the intent.
const charWeight = 0.5

// Embed implements Embedder. It never fails. Features are hashed as the
// strings "w:word", "b:word word" and "c:<n-gram>" with 64-bit FNV-1a,
// computed incrementally so that no string is built.
func (HashEmbedder) Embed(_ context.Context, text string) ([]float32, error) {
	counts := make(map[uint64]float64)
	words := Words(Normalize(text))
	var buf []byte
	var offs []int
	for i, w := range words {
		counts[fnvAddString(fnvAddString(fnvOffset, "w:"), w)]++
		if i > 0 {
			h := fnvAddString(fnvAddString(fnvOffset, "b:"), words[i-1])
			counts[fnvAddString((h^' ')*fnvPrime, w)]++
		}
		if w[0] == '_' {
			continue // typed tokens have no spelling to learn from
		}
		buf = append(append(append(buf[:0], '<'), w...), '>')
		offs = runeOffsets(buf, offs[:0])
		runes := len(offs) - 1
		for n := 3; n <= 5; n++ {
			for j := 0; j+n <= runes; j++ {
				counts[fnvAdd(fnvAddString(fnvOffset, "c:"), buf[offs[j]:offs[j+n]])] += charWeight
			}
		}
	}
	v := make([]float32, Dim)
	for x, c := range counts {
		w := float32(1 + math.Log(c))
		if c < 1 {
			w = float32(c)
		}
		if x>>63 == 1 {
			w = -w
		}
		v[x%Dim] += w
	}
	normalize(v)
	return v, nil
}

// normalize scales v to unit L2 norm in place (a zero vector stays zero).
func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// Cosine returns the cosine similarity of two unit vectors.
func Cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
