package demo_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/letters"
	"github.com/triage-ar/triage/triage"
)

// TestDemoLetters seeds the demo and checks what `make run` shows of
// letters: one template per kind, a letterhead with its logo, addresses,
// pending letters in the agenda, each rendering to a PDF.
func TestDemoLetters(t *testing.T) {
	db, svc, tn := seededDemo(t)
	ctx := context.Background()
	ts, err := db.LetterTemplates(ctx, tn)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, lt := range ts {
		kinds[lt.LetterKind] = true
	}
	if len(kinds) != 3 {
		t.Errorf("demo letter kinds = %v, want all three", kinds)
	}
	h, err := db.Letterhead(ctx, tn)
	if err != nil || !h.ShowLogo || h.Address == "" || h.Legal == "" {
		t.Fatalf("letterhead = %+v, %v", h, err)
	}
	if mime, err := letters.CheckLogo(h.Logo); err != nil || mime != "image/png" {
		t.Errorf("demo logo: %s %v", mime, err)
	}
	cat, err := db.Catalog(ctx, tn)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := cat.Find("formal_notice"); !ok || st.ActionTemplate != "letter_formal_notice" {
		t.Errorf("no demo status plans a letter: %+v", st)
	}
	due, err := db.LetterActionsDue(ctx, tn, nil, time.Now().AddDate(0, 0, 7))
	if err != nil || len(due) != 3 {
		t.Fatalf("demo letters in the agenda = %d, %v", len(due), err)
	}
	l := triage.NewLetters(svc, db)
	for _, x := range due {
		if x.Customer.Address == "" || len(x.Action.Items) == 0 || x.Action.AssigneeID == nil {
			t.Errorf("demo letter %d: address %q items %q assignee %v", x.Action.ID, x.Customer.Address, x.Action.Items, x.Action.AssigneeID)
		}
		d, _, err := l.DraftForSending(ctx, tn, x.Action.ID)
		if err != nil {
			t.Fatal(err)
		}
		var pdf bytes.Buffer
		if err := letters.Render(&pdf, jobs.ComposeLetter(d)); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
			t.Errorf("demo letter %d does not render: %v", x.Action.ID, err)
		}
	}
}
