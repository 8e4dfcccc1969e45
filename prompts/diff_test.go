package prompts

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	render := func(d []DiffLine) string {
		var b strings.Builder
		for _, l := range d {
			b.WriteByte(l.Op)
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
		return b.String()
	}
	tests := []struct{ a, b, want string }{
		{"a\nb\nc", "a\nb\nc", " a\n b\n c\n"},
		{"a\nb\nc", "a\nx\nc", " a\n-b\n+x\n c\n"},
		{"a\nc", "a\nb\nc", " a\n+b\n c\n"},
		{"Rules:\n- one\n- two", "Rules:\n- two\n- three", " Rules:\n-- one\n - two\n+- three\n"},
		{"", "x", "-\n+x\n"},
	}
	for _, tt := range tests {
		if got := render(Diff(tt.a, tt.b)); got != tt.want {
			t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", tt.a, tt.b, got, tt.want)
		}
	}
}
