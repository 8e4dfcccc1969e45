package suggest

import "math"

// Classifier is a multinomial logistic regression (softmax) over the sparse
// TF-IDF vector of a text: hashed word uni/bigrams and character n-grams.
// It learns whatever labels its examples hold. Once trained it is immutable
// and safe for concurrent use.
type Classifier struct {
	labels []string
	vocab  *vocabulary
	w      []float32 // row-major: w[row*len(labels)+class]
	b      []float32 // one bias per class
}

// Labels returns the classes, in the order of Predict's probabilities.
func (c *Classifier) Labels() []string { return c.labels }

// Features returns the number of feature rows the classifier has weights for.
func (c *Classifier) Features() int { return c.vocab.size() }

// Predict returns the probability of each label for text, aligned with Labels.
func (c *Classifier) Predict(text string) []float64 {
	var t terms
	c.vocab.opts.extract(text, &t)
	p := make([]float64, len(c.labels))
	c.scores(c.vocab.vectorize(&t), p)
	softmax(p)
	return p
}

// scores writes the logits of x into out (len(labels)).
func (c *Classifier) scores(x sparse, out []float64) {
	n := len(c.labels)
	for k := range out {
		out[k] = float64(c.b[k])
	}
	for j, row := range x.idx {
		xv := float64(x.val[j])
		w := c.w[int(row)*n : int(row)*n+n]
		for k := range out {
			out[k] += xv * float64(w[k])
		}
	}
}

// softmax turns logits into probabilities in place.
func softmax(z []float64) {
	if len(z) == 0 {
		return
	}
	max := z[0]
	for _, v := range z[1:] {
		max = math.Max(max, v)
	}
	var sum float64
	for k, v := range z {
		z[k] = math.Exp(v - max)
		sum += z[k]
	}
	for k := range z {
		z[k] /= sum
	}
}
