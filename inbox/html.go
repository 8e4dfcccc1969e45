package inbox

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText renders an HTML mail body as the text a reader sees: blocks and
// line breaks kept, lists as "- " and "1. " items, table cells separated by
// " | ", links as "text (url)", block quotes as "> " lines (so the quoted
// history is recognized like in plain text), horizontal rules as the
// underscores Outlook writes; scripts, styles and hidden elements dropped.
func HTMLToText(src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// The parser refuses absurd documents (elements nested hundreds
		// deep): read their text token by token instead.
		return tokenText(src)
	}
	w := &textWriter{}
	w.walk(doc)
	return w.result()
}

// tokenText extracts the text of a document the tree parser refused: text
// tokens in order, a line break for each block element, nothing from
// scripts and styles.
func tokenText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	w := &textWriter{}
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.result()
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style:
				skip++
			case a == atom.Br || a == atom.P || a == atom.Li || blockElems[a]:
				w.breakLine(1)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style:
				skip = max(skip-1, 0)
			case a == atom.P || a == atom.Li || blockElems[a]:
				w.breakLine(1)
			}
		}
	}
}

// textWriter accumulates the text of a document, one line at a time.
type textWriter struct {
	b       strings.Builder
	line    strings.Builder // the current line, without its quote prefix
	quote   int             // block quote depth where the walk is
	lineQ   int             // block quote depth of the current line
	newline int             // line breaks wanted before the next text
	pre     int             // inside <pre>
	space   bool            // a space is pending before the next word
	lists   []listState
	cell    bool // a table cell was written on the current row
	written int  // words written so far
	pMark   int  // written when the current paragraph began
}

type listState struct {
	ordered bool
	n       int
}

// blockElems start and end a line.
var blockElems = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Center: true, atom.Dd: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.Section: true, atom.Table: true, atom.Tr: true, atom.Ul: true, atom.Caption: true,
}

// skipElems hold no text a reader sees.
var skipElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true, atom.Noscript: true,
	atom.Template: true, atom.Object: true, atom.Iframe: true, atom.Svg: true, atom.Select: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Map: true, atom.Audio: true, atom.Video: true,
}

// step is one move of the iterative walk: entering or leaving a node. The
// walk is iterative so that a hostile document nested a million levels deep
// costs memory proportional to its size, not a deep Go stack.
type step struct {
	n     *html.Node
	leave bool
}

func (w *textWriter) walk(root *html.Node) {
	stack := []step{{n: root}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.leave {
			w.leave(s.n)
			continue
		}
		if !w.enter(s.n) {
			continue
		}
		stack = append(stack, step{n: s.n, leave: true})
		var kids []*html.Node
		for c := s.n.FirstChild; c != nil; c = c.NextSibling {
			kids = append(kids, c)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, step{n: kids[i]})
		}
	}
}

// enter handles the opening of a node and reports whether to walk its children.
func (w *textWriter) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return false
	case html.DocumentNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if skipElems[n.DataAtom] || hidden(n) {
		return false
	}
	switch n.DataAtom {
	case atom.Br:
		// A <br> ends the line it is on; on an empty line (Gmail's
		// <div><br></div>) it makes a blank one.
		if w.newline > 0 {
			w.newline++
		} else {
			w.breakLine(1)
		}
		return false
	case atom.Hr:
		w.breakLine(1)
		w.word("________________________________")
		w.breakLine(1)
		return false
	case atom.Img:
		return false
	case atom.P:
		w.breakLine(paragraphBreak(n))
		w.pMark = w.written
	case atom.Blockquote:
		w.breakLine(1)
		w.quote++
	case atom.Pre:
		w.breakLine(1)
		w.pre++
	case atom.Ul, atom.Ol:
		w.breakLine(1)
		st := listState{ordered: n.DataAtom == atom.Ol}
		if v, err := strconv.Atoi(attr(n, "start")); err == nil {
			st.n = v - 1
		}
		w.lists = append(w.lists, st)
	case atom.Li:
		w.breakLine(1)
		indent := strings.Repeat("  ", max(len(w.lists)-1, 0))
		marker := "- "
		if len(w.lists) > 0 && w.lists[len(w.lists)-1].ordered {
			w.lists[len(w.lists)-1].n++
			marker = strconv.Itoa(w.lists[len(w.lists)-1].n) + ". "
		}
		w.raw(indent + marker)
	case atom.Tr:
		w.breakLine(1)
		w.cell = false
	case atom.Td, atom.Th:
		if w.cell && strings.TrimSpace(w.line.String()) != "" {
			w.raw(" | ")
		}
		w.cell = true
	default:
		if blockElems[n.DataAtom] {
			w.breakLine(1)
		}
	}
	return true
}

// leave handles the closing of an element.
func (w *textWriter) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.A:
		w.link(n)
	case atom.P:
		if br := paragraphBreak(n); br == 1 && w.written == w.pMark && w.newline > 0 {
			w.newline++ // Outlook's empty <p class=MsoNormal>&nbsp;</p>: a blank line
		} else {
			w.breakLine(br)
		}
	case atom.Blockquote:
		w.breakLine(1)
		w.quote--
	case atom.Pre:
		w.breakLine(1)
		w.pre--
	case atom.Ul, atom.Ol:
		w.lists = w.lists[:len(w.lists)-1]
		w.breakLine(1)
	case atom.Li:
		w.breakLine(1)
	case atom.Table:
		w.breakLine(1)
		w.cell = false
	default:
		if blockElems[n.DataAtom] {
			w.breakLine(1)
		}
	}
}

// paragraphBreak is the break around a paragraph: Outlook writes every line
// as a <p class=MsoNormal> with no margin, other clients a real paragraph.
func paragraphBreak(n *html.Node) int {
	if strings.Contains(attr(n, "class"), "Mso") {
		return 1
	}
	return 2
}

// link appends the target of a link after its text, unless the text says it already.
func (w *textWriter) link(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	lower := strings.ToLower(href)
	var target string
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		target = href
	case strings.HasPrefix(lower, "mailto:"):
		target, _, _ = strings.Cut(href[len("mailto:"):], "?")
	default:
		return
	}
	text := strings.TrimSpace(nodeText(n))
	if text == "" || sameLink(text, target) {
		if text == "" {
			w.word(target)
		}
		return
	}
	w.space = true
	w.word("(" + target + ")")
}

func sameLink(text, target string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimRight(s, "/")
	}
	return norm(text) == norm(target)
}

// nodeText returns the text under n, bounded: it is only compared with a link target.
func nodeText(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 && b.Len() < 2048 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}

// hidden reports elements styled out of sight (preheaders, tracking blocks).
func hidden(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "mso-hide:all") || strings.Contains(st, "visibility:hidden")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// text adds character data, collapsing white space outside <pre>.
func (w *textWriter) text(s string) {
	if w.pre > 0 {
		for i, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if i > 0 {
				w.breakLine(1)
			}
			w.raw(cleanChars(l))
		}
		return
	}
	start := 0
	for i, r := range s {
		if isHTMLSpace(r) {
			if i > start {
				w.word(cleanChars(s[start:i]))
			}
			w.space = true
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		w.word(cleanChars(s[start:]))
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00A0' || r == '\u202F'
}

// cleanChars drops the invisible characters mail editors sprinkle in text.
func cleanChars(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200B', '\u200C', '\u200D', '\uFEFF', '\u00AD', 0:
			return -1
		}
		if unicode.IsControl(r) && r != '\t' {
			return -1
		}
		return r
	}, s)
}

// word writes a run of non-space text, with the pending space before it.
func (w *textWriter) word(s string) {
	if s == "" {
		return
	}
	if w.newline > 0 {
		w.flushLine()
	} else if w.space && w.line.Len() > 0 {
		w.line.WriteByte(' ')
	}
	w.space = false
	w.startLine()
	w.line.WriteString(s)
	w.written++
}

// startLine records the quote depth of a line when its first text comes.
func (w *textWriter) startLine() {
	if w.line.Len() == 0 {
		w.lineQ = w.quote
	}
}

// raw writes text as is (list markers, cell separators, <pre> lines).
func (w *textWriter) raw(s string) {
	if w.newline > 0 {
		w.flushLine()
	}
	w.space = false
	w.startLine()
	w.line.WriteString(s)
	w.written++
}

// breakLine asks for n line breaks before the next text (2 = a blank line).
func (w *textWriter) breakLine(n int) {
	if w.line.Len() == 0 && w.b.Len() == 0 {
		return
	}
	w.newline = max(w.newline, n)
	w.space = false
}

// flushLine ends the current line and writes the breaks asked for.
func (w *textWriter) flushLine() {
	q := min(w.lineQ, w.quote) // a blank line between two depths belongs to the outer one
	w.endLine()
	for range w.newline - 1 {
		w.b.WriteString(strings.TrimRight(strings.Repeat("> ", q), " "))
		w.b.WriteByte('\n')
	}
	w.newline = 0
}

// endLine moves the current line, with its quote prefix, to the output.
func (w *textWriter) endLine() {
	line := strings.TrimRightFunc(w.line.String(), unicode.IsSpace)
	w.line.Reset()
	q := w.lineQ
	w.lineQ = w.quote
	if line == "" && w.b.Len() == 0 {
		return
	}
	prefix := strings.Repeat("> ", q)
	if line == "" {
		prefix = strings.TrimRight(prefix, " ")
	}
	w.b.WriteString(prefix + line + "\n")
}

// result returns the text with runs of blank lines reduced to one.
func (w *textWriter) result() string {
	if w.line.Len() > 0 {
		w.endLine()
	}
	lines := strings.Split(w.b.String(), "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		if strings.Trim(l, "> ") == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
