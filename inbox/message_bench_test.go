package inbox

import (
	"path/filepath"
	"testing"

	"github.com/triage-ar/triage/bench/floor"
)

func loadCorpus(b *testing.B) ([][]byte, int64) {
	b.Helper()
	corpus, err := floor.LoadCorpus(filepath.Join("testdata", "eml"))
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, raw := range corpus {
		size += int64(len(raw))
	}
	return corpus, size
}

// BenchmarkParseMessage normalizes the whole testdata corpus per iteration:
// MIME walk, decoding, HTML, cleaning, language, auto-reply, references.
func BenchmarkParseMessage(b *testing.B) {
	corpus, size := loadCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	lim := DefaultLimits()
	n := 0
	for b.Loop() {
		for _, raw := range corpus {
			if _, err := ParseMessage(raw, lim); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkBareGoMessage only reads the same corpus with go-message's mail
// reader (its entity walk, every part copied to io.Discard, charsets
// decoded): the floor ParseMessage's normalization is measured against.
func BenchmarkBareGoMessage(b *testing.B) {
	corpus, size := loadCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, raw := range corpus {
			_ = floor.ReadMessage(raw) // a message go-message refuses is part of its floor
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}
