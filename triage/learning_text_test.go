package triage

import "testing"

func TestLearningText(t *testing.T) {
	unreadable := []string{FlagUnreadable}
	for _, tt := range []struct {
		name    string
		r       Reply
		comment string
		want    string
	}{
		{"cleaned words", Reply{Text: "Bonjour,\n\nNous réglons le 30.\n\n> Relance", BodyClean: "Nous réglons le 30."}, "promesse au 30", "Nous réglons le 30."},
		{"no cleaned text", Reply{Text: "Paid yesterday by transfer."}, "", "Paid yesterday by transfer."},
		{"unreadable: the collector's comment", Reply{Subject: "RE: Relance FA-2291", Text: "message too large: 27263187 bytes, at most 26214400", Flags: unreadable}, "  Le client conteste le prix de la FA-2291 ", "Le client conteste le prix de la FA-2291"},
		{"unreadable without comment: the subject", Reply{Subject: "RE: Relance FA-2291", Text: "too many parts", BodyClean: "too many parts", Flags: unreadable}, " ", "RE: Relance FA-2291"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := learningText(tt.r, tt.comment); got != tt.want {
				t.Errorf("learningText = %q, want %q", got, tt.want)
			}
		})
	}
}
