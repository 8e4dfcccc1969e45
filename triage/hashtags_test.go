package triage

import (
	"slices"
	"testing"
)

func TestRenderHashtags(t *testing.T) {
	v := HashtagValues{"#customer_name": "Boulangerie Martin", "#items_list_selected": "F-1, F-2", "#items_list": "F-1, F-2, F-3",
		"#comment": "payé le 12", "#collector_name": "Julie"}
	tests := []struct{ in, want string }{
		{"Bonjour #customer_name,", "Bonjour Boulangerie Martin,"},
		{"Pièces : #items_list_selected (sur #items_list)", "Pièces : F-1, F-2 (sur F-1, F-2, F-3)"},
		{"#comment\n#collector_name", "payé le 12\nJulie"},
		{"Facture n° #12 et # seul", "Facture n° #12 et # seul"}, // not hashtags
		{"Suivi le #follow_up_date", "Suivi le "},                // known without a value
		{"#customer_names", "#customer_names"},                   // unknown: left for CheckHashtags
	}
	for _, tt := range tests {
		if got := RenderHashtags(tt.in, v); got != tt.want {
			t.Errorf("RenderHashtags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckHashtags(t *testing.T) {
	for _, tmpl := range DefaultActionTemplates() {
		if err := CheckHashtags(tmpl.Subject + "\n" + tmpl.Body); err != nil {
			t.Errorf("default template %s: %v", tmpl.Code, err)
		}
	}
	if err := CheckHashtags("Bonjour #client_name, #customer_name"); err == nil {
		t.Error("#client_name accepted")
	}
}

func TestReachableEmails(t *testing.T) {
	c := Customer{Emails: []string{"Compta@A.fr", "boss@a.fr", "old@a.fr"}, InvalidEmails: []string{"compta@a.fr", "old@a.fr"}}
	if got := c.ReachableEmails(); len(got) != 1 || got[0] != "boss@a.fr" {
		t.Errorf("reachable %v", got)
	}
}

// FuzzRenderHashtags: any template renders without panic, and once every
// known hashtag has a value, none of them is left in the output.
func FuzzRenderHashtags(f *testing.F) {
	for _, t := range DefaultActionTemplates() {
		f.Add(t.Subject + "\n" + t.Body)
	}
	f.Add("#items_list_selected#items_list #customer_names ##today")
	f.Add("#")
	vals := HashtagValues{}
	for _, h := range Hashtags {
		vals[h] = "v"
	}
	f.Fuzz(func(t *testing.T, text string) {
		out := RenderHashtags(text, vals)
		_ = CheckHashtags(text)
		for _, tag := range hashtagsIn(out) {
			if slices.Contains(Hashtags, tag) {
				t.Fatalf("rendering %q left %s in %q", text, tag, out)
			}
		}
	})
}
