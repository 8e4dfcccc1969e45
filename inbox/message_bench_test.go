package inbox

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/mail"
)

func loadCorpus(b *testing.B) ([][]byte, int64) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "eml", "*.eml"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus: %v", err)
	}
	var corpus [][]byte
	var size int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		corpus = append(corpus, raw)
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
			mr, err := mail.CreateReader(bytes.NewReader(raw))
			if mr == nil {
				if err == nil {
					b.Fatal("no reader and no error")
				}
				continue
			}
			for {
				p, err := mr.NextPart()
				if err == io.EOF || (err != nil && !message.IsUnknownCharset(err)) {
					break
				}
				_, _ = io.Copy(io.Discard, p.Body)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}
