package cli

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseCounts(t *testing.T) {
	tests := []struct {
		in   string
		want []int
	}{
		{"10k", []int{10000}},
		{"10k,100k,1m", []int{10000, 100000, 1000000}},
		{" 2500 , 1M ", []int{2500, 1000000}},
	}
	for _, tt := range tests {
		got, err := parseCounts("--sizes", tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parseCounts(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "10k,", "-5", "0", "dix mille", "1.5m"} {
		if _, err := parseCounts("--sizes", bad); !errors.Is(err, errUsage) {
			t.Errorf("parseCounts(%q) = %v, want a usage error", bad, err)
		}
	}
}

// TestBenchRejectsFlags checks that bad bench flags are usage errors,
// refused before any section runs.
func TestBenchRejectsFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"bench", "--imap-messages", "0"}, `--imap-messages: "0" is not a count`},
		{[]string{"bench", "--imap-messages", "10k,50k"}, "--imap-messages takes one count"},
		{[]string{"bench", "--only", "imap,smtp"}, `unknown section "smtp"`},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(tt.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}
