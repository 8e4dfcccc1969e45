// Package floor is the baseline the MIME normalization is measured
// against: a bare read of a message with go-message, nothing more, and the
// loading of the .eml corpus both are measured on.
package floor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode charsets as the parser does
	"github.com/emersion/go-message/mail"
)

// ErrNoReader reports a message go-message could not open at all.
var ErrNoReader = errors.New("floor: no mail reader")

// ReadMessage walks raw with go-message's mail reader, copying every part
// to io.Discard with its charset decoded: the least any parser must do.
// A message go-message refuses is an error; an unknown charset is not.
func ReadMessage(raw []byte) error {
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if mr == nil {
		if err == nil {
			err = ErrNoReader
		}
		return err
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF || (err != nil && !message.IsUnknownCharset(err)) {
			return nil
		}
		if _, err := io.Copy(io.Discard, p.Body); err != nil {
			return nil // a truncated part ends the walk, as for the parser
		}
	}
}

// LoadCorpus reads every *.eml file of dir.
func LoadCorpus(dir string) ([][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	if err != nil {
		return nil, fmt.Errorf("floor: corpus: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("floor: corpus: no .eml file in %s", dir)
	}
	out := make([][]byte, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("floor: corpus: %w", err)
		}
		out = append(out, raw)
	}
	return out, nil
}
