package inbox

import (
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// Languages DetectLang tells apart, in tie-break order.
var Languages = []string{"fr", "en", "de", "es", "it", "nl"}

// Thresholds of DetectLang: below langMinLetters letters or langMinWords
// words a text says too little; a best language ahead of the second by less
// than langMinMargin (mean log-likelihood per feature) is a guess.
const (
	langMinLetters = 8
	langMinWords   = 2
	langMinMargin  = 0.12
	langMaxRunes   = 3000 // the start of a text is enough to tell its language
	wordWeight     = 1.5  // a function word says more than one of its trigrams
)

var urlOrEmailRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\S+@\S+`)

// langModel is a naive Bayes model over character trigrams and words.
type langModel struct {
	tri                 map[trigram][]float64 // feature → log P(feature | language), per language
	word                map[string][]float64
	triUnseen, wordMiss []float64 // log P of a feature never seen, per language
}

var loadLangModel = sync.OnceValue(func() *langModel {
	triCounts := map[trigram][]float64{}
	wordCounts := map[string][]float64{}
	triTotal := make([]float64, len(Languages))
	wordTotal := make([]float64, len(Languages))
	for li, lang := range Languages {
		add := func(text string, weight float64) {
			for _, w := range langWords(text) {
				if wordCounts[w] == nil {
					wordCounts[w] = make([]float64, len(Languages))
				}
				wordCounts[w][li] += weight
				wordTotal[li] += weight
				for _, t := range trigrams(w) {
					if triCounts[t] == nil {
						triCounts[t] = make([]float64, len(Languages))
					}
					triCounts[t][li] += weight
					triTotal[li] += weight
				}
			}
		}
		add(langSamples[lang], 1)
		add(langStopwords[lang], 3)
	}
	m := &langModel{}
	m.tri, m.triUnseen = logProbs(triCounts, triTotal, 0.3)
	m.word, m.wordMiss = logProbs(wordCounts, wordTotal, 0.3)
	return m
})

// logProbs turns counts into smoothed log probabilities.
func logProbs[K comparable](counts map[K][]float64, totals []float64, alpha float64) (map[K][]float64, []float64) {
	v := float64(len(counts)) + 1
	out := make(map[K][]float64, len(counts))
	for f, c := range counts {
		lp := make([]float64, len(c))
		for i := range c {
			lp[i] = math.Log((c[i] + alpha) / (totals[i] + alpha*v))
		}
		out[f] = lp
	}
	unseen := make([]float64, len(totals))
	for i := range totals {
		unseen[i] = math.Log(alpha / (totals[i] + alpha*v))
	}
	return out, unseen
}

// DetectLang returns the language of text among fr en de es it nl, or ""
// when the text is too short or the model unsure. It is a small naive Bayes
// model over character trigrams and function words, trained at first use on
// the texts of lang_corpus.go: offline, deterministic, a few hundred
// microseconds a reply.
func DetectLang(text string) string {
	if len(text) > langMaxRunes*4 {
		text = headOf(text, langMaxRunes*4)
	}
	// Addresses and links are in no language.
	if strings.Contains(text, "@") || strings.Contains(text, "://") || strings.Contains(text, "www.") {
		text = urlOrEmailRe.ReplaceAllString(text, " ")
	}
	words := langWords(text)
	letters := 0
	for _, w := range words {
		letters += len([]rune(w))
	}
	if len(words) < langMinWords || letters < langMinLetters {
		return ""
	}
	m := loadLangModel()
	scores := make([]float64, len(Languages))
	features := 0.0
	for _, w := range words {
		if lp, ok := m.word[w]; ok {
			for i := range scores {
				scores[i] += wordWeight * lp[i]
			}
		} else {
			for i := range scores {
				scores[i] += wordWeight * m.wordMiss[i]
			}
		}
		features += wordWeight
		for _, t := range trigrams(w) {
			lp, ok := m.tri[t]
			if !ok {
				lp = m.triUnseen
			}
			for i := range scores {
				scores[i] += lp[i]
			}
			features++
		}
	}
	best, second := 0, -1
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[best] {
			best, second = i, best
		} else if second < 0 || scores[i] > scores[second] {
			second = i
		}
	}
	if (scores[best]-scores[second])/features < langMinMargin {
		return ""
	}
	return Languages[best]
}

// langWords splits text into lowercase words of letters. An elided article
// or pronoun keeps its apostrophe ("l'", "j'", "dell'"): it says much about
// the language. Words of a single letter other than those are dropped.
func langWords(text string) []string {
	var words []string
	var cur []rune
	flush := func(apos bool) {
		if len(cur) == 0 {
			return
		}
		w := string(cur)
		if apos && len(cur) <= 4 {
			w += "'"
		}
		if len(cur) > 1 || apos {
			words = append(words, w)
		}
		cur = cur[:0]
	}
	n := 0
	for _, r := range text {
		if n++; n > langMaxRunes {
			break
		}
		switch {
		case unicode.IsLetter(r):
			cur = append(cur, unicode.ToLower(r))
		case r == '\'' || r == '’':
			flush(true)
		default:
			flush(false)
		}
	}
	flush(false)
	return words
}

// trigram is three characters; an array key costs no allocation to look up.
type trigram [3]rune

// trigrams returns the character trigrams of a word padded with spaces.
func trigrams(w string) []trigram {
	r := []rune(" " + strings.TrimSuffix(w, "'") + " ")
	if len(r) < 3 {
		return nil
	}
	out := make([]trigram, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, trigram{r[i], r[i+1], r[i+2]})
	}
	return out
}
