package triage

import (
	"slices"
	"strings"
	"testing"
)

// frenchMarks are words and letters that give away a French text left in
// an English default.
var frenchMarks = []string{"é", "è", "à", "ç", "Bonjour", "Cordialement", "Merci", " le ", " la ", " des "}

func TestDefaultCatalogIn(t *testing.T) {
	fr, en := DefaultCatalogIn(LangFR), DefaultCatalogIn(LangEN)
	if !slices.Equal(DefaultCatalog(), fr) {
		t.Error("DefaultCatalog is not the French catalog")
	}
	if len(en) != len(fr) || len(englishStatuses) != len(fr) {
		t.Fatalf("%d English statuses, %d texts, for %d French ones", len(en), len(englishStatuses), len(fr))
	}
	for i := range fr {
		f, e := fr[i], en[i]
		if e.Code != f.Code || e.Kind != f.Kind || e.Mode != f.Mode || e.FollowUpDays != f.FollowUpDays ||
			e.ActionTemplate != f.ActionTemplate || e.IsDispute != f.IsDispute {
			t.Errorf("%s: the English status differs beyond its texts: %+v vs %+v", f.Code, e, f)
		}
		if e.Label == "" || e.Description == "" || e.Label == f.Label {
			t.Errorf("%s: English label %q, description %q", f.Code, e.Label, e.Description)
		}
		for _, m := range frenchMarks {
			if strings.Contains(e.Label+" "+e.Description, m) {
				t.Errorf("%s: %q in the English texts %q / %q", f.Code, m, e.Label, e.Description)
			}
		}
	}
	if got := DefaultCatalogIn("de"); !slices.Equal(got, fr) {
		t.Error("an unknown language does not fall back to French")
	}
}

func TestDefaultActionTemplatesIn(t *testing.T) {
	fr, en := DefaultActionTemplatesIn(LangFR), DefaultActionTemplatesIn(LangEN)
	if len(en) != len(fr) || len(englishActionTemplates) != len(fr) {
		t.Fatalf("%d English templates, %d texts, for %d French ones", len(en), len(englishActionTemplates), len(fr))
	}
	for i := range fr {
		f, e := fr[i], en[i]
		if e.Code != f.Code || e.Kind != f.Kind || e.Recipients != f.Recipients {
			t.Errorf("%s: the English template differs beyond its texts", f.Code)
		}
		if e.Name == "" || e.Body == "" || e.Name == f.Name || e.Body == f.Body || (f.Subject != "") != (e.Subject != "") {
			t.Errorf("%s: English name %q, subject %q, body %q", f.Code, e.Name, e.Subject, e.Body)
		}
		if err := CheckHashtags(e.Subject + "\n" + e.Body); err != nil {
			t.Errorf("%s: %v", e.Code, err)
		}
		// The same values go into both languages.
		if a, b := sortedHashtags(f.Subject+" "+f.Body), sortedHashtags(e.Subject+" "+e.Body); !slices.Equal(a, b) {
			t.Errorf("%s: French uses %v, English %v", f.Code, a, b)
		}
		for _, m := range frenchMarks {
			if strings.Contains(e.Name+" "+e.Subject+" "+e.Body, m) {
				t.Errorf("%s: %q in the English texts", f.Code, m)
			}
		}
	}
}

func sortedHashtags(text string) []string {
	tags := hashtagsIn(text)
	slices.Sort(tags)
	return slices.Compact(tags)
}
