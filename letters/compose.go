package letters

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/triage-ar/triage/triage"
)

// The hashtags that stand for something other than text: a table of items
// or the company's logo.
const (
	tagItems    = "#items_list"
	tagSelected = "#items_list_selected"
	tagLogo     = "#company_logo"
)

// CheckTemplate refuses a letter template (its subject and body) naming a
// hashtag triage does not know, so that a typo is never printed. The block
// hashtags (#items_list, #items_list_selected, #company_logo) are allowed
// anywhere: in the subject they are written as text.
func CheckTemplate(subject, body string) error {
	if err := triage.CheckHashtags(subject + "\n" + body); err != nil {
		return fmt.Errorf("letters: template: %w", err)
	}
	return nil
}

// blockKind tells the parts of a letter's body apart.
type blockKind int

const (
	blockText     blockKind = iota // a paragraph
	blockItems                     // the table of all open items
	blockSelected                  // the table of the selected items
	blockLogo                      // the company's logo, inline
)

// block is one part of a letter's body, in reading order.
type block struct {
	kind blockKind
	text string // the paragraph of a blockText, its lines separated by "\n"
}

// composition is a letter with its hashtags replaced, ready to be laid out.
type composition struct {
	w          words
	subject    string
	blocks     []block
	logoInHead bool // the letterhead shows the logo (the body does not place it elsewhere)
}

// blankLines separate the paragraphs of a body.
var blankLines = regexp.MustCompile(`\n[ \t]*\n\s*`)

// compose replaces the hashtags of a letter and cuts its body into blocks.
// An unknown hashtag is dropped rather than printed: templates are checked
// when saved, this only guards against one that was not.
func compose(l Letter) composition {
	c := composition{w: wordsFor(l)}
	values := l.values(c.w)
	var subject strings.Builder
	for _, s := range segments(l.Subject, values, false) {
		subject.WriteString(s.text)
	}
	c.subject = strings.Join(strings.Fields(subject.String()), " ")
	body := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(l.Body, "\r\n", "\n"), "\r", "\n"))
	for _, para := range blankLines.Split(body, -1) {
		for _, s := range segments(para, values, true) {
			switch s.tag {
			case tagItems:
				c.blocks = append(c.blocks, block{kind: blockItems})
			case tagSelected:
				c.blocks = append(c.blocks, block{kind: blockSelected})
			case tagLogo:
				c.blocks = append(c.blocks, block{kind: blockLogo})
			default:
				if t := trimLines(s.text); t != "" {
					c.blocks = append(c.blocks, block{kind: blockText, text: t})
				}
			}
		}
	}
	// A logo at the very start of the body is the letterhead's; a body that
	// does not place it shows it in the letterhead too.
	if len(c.blocks) > 0 && c.blocks[0].kind == blockLogo {
		c.blocks = c.blocks[1:]
		c.logoInHead = true
	}
	c.logoInHead = c.logoInHead || !slices.ContainsFunc(c.blocks, func(b block) bool { return b.kind == blockLogo })
	if len(l.Head.Logo) == 0 {
		c.logoInHead = false
		c.blocks = slices.DeleteFunc(c.blocks, func(b block) bool { return b.kind == blockLogo })
	}
	return c
}

// segment is a run of text with its hashtags replaced, or a block hashtag.
type segment struct {
	text string
	tag  string // a block hashtag; text is then empty
}

// segments replaces the hashtags of text by their values. With blocks, the
// block hashtags (#items_list, #items_list_selected, #company_logo) cut the
// text instead, as segments of their own. A '#' not followed by a lowercase
// letter is kept, as triage.CheckHashtags reads it.
func segments(text string, v triage.HashtagValues, blocks bool) []segment {
	var out []segment
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] != '#' || i+1 >= len(text) || text[i+1] < 'a' || text[i+1] > 'z' {
			b.WriteByte(text[i])
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '_' || 'a' <= text[j] && text[j] <= 'z' || '0' <= text[j] && text[j] <= '9') {
			j++
		}
		tag := text[i:j]
		i = j - 1
		switch {
		case blocks && (tag == tagItems || tag == tagSelected || tag == tagLogo):
			out = append(out, segment{text: b.String()}, segment{tag: tag})
			b.Reset()
		case slices.Contains(triage.Hashtags, tag):
			b.WriteString(v[tag])
		}
	}
	return append(out, segment{text: b.String()})
}

// values are the texts of the hashtags of a letter.
func (l Letter) values(w words) triage.HashtagValues {
	v := make(triage.HashtagValues, len(l.Values)+8)
	for k, s := range l.Values {
		v[k] = s
	}
	fallback := map[string]string{
		"#company_name": l.Head.Name, "#company_address": l.Head.Address,
		"#customer_name": l.To.Name, "#customer_code": l.To.Code, "#customer_address": l.To.Address,
	}
	for k, s := range fallback {
		if v[k] == "" {
			v[k] = s
		}
	}
	if !l.Date.IsZero() {
		v["#today"] = w.longDate(l.lang(), l.Date)
	}
	v[tagLogo] = ""
	return v
}

// trimLines trims the spaces around each line of a paragraph and drops its
// empty first and last lines.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimSpace(line)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
