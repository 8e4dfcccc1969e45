package suggest

import (
	"math"
	"slices"
)

// sparse is a sparse vector over the rows of a vocabulary: parallel slices
// of row indices and values. Indices may repeat (one per feature group);
// products with it are sums, so repeats simply add up.
type sparse struct {
	idx []int32
	val []float32
}

// vocabulary maps the hashed features a history uses to the rows of a
// classifier's weights, with their inverse document frequency in that
// history. Features the history never had get no row: they cannot vote, but
// they still count in a text's norm, so a text mostly made of unknown words
// weighs less (and the classifier is less sure of it).
type vocabulary struct {
	opts   featureOptions
	rows   map[uint32]int32
	idf    []float32
	unseen float32 // idf of a feature with no row
}

// fitVocabulary counts document frequencies over docs and keeps the
// features present in at least minDF of them. Rows are numbered in bucket
// order, so the same history always gives the same vocabulary.
func fitVocabulary(docs []terms, minDF int, opts featureOptions) *vocabulary {
	df := make(map[uint32]int32)
	var seen []uint32
	for _, d := range docs {
		seen = append(append(seen[:0], d.words...), d.chars...)
		slices.Sort(seen)
		seen = slices.Compact(seen)
		for _, b := range seen {
			df[b]++
		}
	}
	keep := make([]uint32, 0, len(df))
	for b, n := range df {
		if int(n) >= minDF {
			keep = append(keep, b)
		}
	}
	slices.Sort(keep)
	n := float64(len(docs))
	v := &vocabulary{opts: opts, rows: make(map[uint32]int32, len(keep)), idf: make([]float32, len(keep)),
		unseen: float32(math.Log((1+n)/1) + 1)}
	for i, b := range keep {
		v.rows[b] = int32(i)
		v.idf[i] = float32(math.Log((1+n)/(1+float64(df[b]))) + 1)
	}
	return v
}

// size is the number of rows.
func (v *vocabulary) size() int { return len(v.idf) }

// vectorize turns the terms of a text into its TF-IDF vector: sublinear term
// frequency (1 + ln tf) times idf, each group scaled to unit norm and to its
// weight, the whole to unit norm. It sorts t's slices in place.
func (v *vocabulary) vectorize(t *terms) sparse {
	var out sparse
	out.idx = make([]int32, 0, len(t.words)+len(t.chars))
	out.val = make([]float32, 0, cap(out.idx))
	wn := v.group(t.words, 1, &out)
	cn := v.group(t.chars, v.opts.CharWeight, &out)
	if total := math.Sqrt(wn*wn + cn*cn); total > 0 {
		inv := float32(1 / total)
		for j := range out.val {
			out.val[j] *= inv
		}
	}
	return out
}

// group appends the known features of one group to out, scaled to norm
// weight over all its features (known or not); it returns the norm the
// group contributes, 0 when it is empty.
func (v *vocabulary) group(hashes []uint32, weight float64, out *sparse) float64 {
	if len(hashes) == 0 || weight == 0 {
		return 0
	}
	slices.Sort(hashes)
	start := len(out.idx)
	var sum float64
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		tf := 1 + math.Log(float64(j-i))
		row, ok := v.rows[hashes[i]]
		idf := v.unseen
		if ok {
			idf = v.idf[row]
		}
		x := tf * float64(idf)
		sum += x * x
		if ok {
			out.idx = append(out.idx, row)
			out.val = append(out.val, float32(x))
		}
		i = j
	}
	scale := float32(weight / math.Sqrt(sum))
	for j := start; j < len(out.val); j++ {
		out.val[j] *= scale
	}
	return weight
}
