package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/letters"
	"github.com/triage-ar/triage/triage"
)

// TestDemoSpeaksTheCustomersLanguage seeds the demo and checks that its
// templates come in French and English, and that a letter to an English
// customer is written in English, one to a French customer in French.
func TestDemoSpeaksTheCustomersLanguage(t *testing.T) {
	db, svc, tn := seededDemo(t)
	ctx := context.Background()
	ts, err := db.ActionTemplates(ctx, tn)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		if en := x.Translations[triage.LangEN]; strings.TrimSpace(en.Body) == "" || en.Body == x.Body {
			t.Errorf("demo template %s has no English translation: %+v", x.Code, x.Translations)
		}
	}
	due, err := db.LetterActionsDue(ctx, tn, nil, time.Now().AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ lang, has, hasNot string }{
		"C20011": {triage.LangEN, "Statement of your account C20011", "Relevé de votre compte"},
		"C10042": {triage.LangFR, "Relance : factures impayées", "Reminder: unpaid invoices"},
	}
	l := triage.NewLetters(svc, db)
	seen := 0
	for _, x := range due {
		w, ok := want[x.Customer.Code]
		if !ok {
			continue
		}
		seen++
		if x.Customer.Lang != w.lang {
			t.Errorf("demo customer %s speaks %q, want %q", x.Customer.Code, x.Customer.Lang, w.lang)
		}
		d, _, err := l.DraftForSending(ctx, tn, x.Action.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := letters.Text(jobs.ComposeLetter(d))
		if !strings.Contains(text, w.has) || strings.Contains(text, w.hasNot) {
			t.Errorf("letter to %s (%s):\n%s\nwant %q and not %q", x.Customer.Code, w.lang, text, w.has, w.hasNot)
		}
	}
	if seen != len(want) {
		t.Errorf("the demo agenda has %d of the letters to %d customers expected", seen, len(want))
	}
}
