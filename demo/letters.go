package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/triage-ar/triage/triage"
)

// demoLetterStatus is the status of the demo catalog whose follow-up is a
// formal notice by registered letter, to show letters planned from a reply.
var demoLetterStatus = triage.Status{Code: "formal_notice", Label: "Mise en demeure à envoyer", Kind: triage.KindOther,
	FollowUpDays: 1, ActionTemplate: "letter_formal_notice", Mode: triage.ModeConfirm,
	Description: "Le client ne répond plus aux relances : envoyer une mise en demeure en LRAR."}

// demoLetters are the letter actions in the demo agenda: one per kind, on
// French and English customers.
var demoLetters = []struct {
	Customer, Template string
	DueDays            int
}{
	{"C10042", "letter_reminder", 0},
	{"C10057", "letter_formal_notice", 0},
	{"C20011", "letter_electronic_notice", 1},
}

// letters gives the demo tenant its letterhead with a logo, the default
// letter templates with their English translations, a status planning a
// letter, and letter actions in the agenda of the customers' collectors.
func (s *Seeder) letters(ctx context.Context, tenantID int64, customers map[string]int64, position int) error {
	logo, err := demoLogo()
	if err != nil {
		return err
	}
	head := triage.Letterhead{TenantID: tenantID, Address: "18 rue de l'Industrie\n69007 Lyon\nFrance",
		Legal: "ACME Distribution SAS au capital de 250 000 € – RCS Lyon 512 345 678 – TVA FR12 512345678",
		Logo:  logo, LogoMIME: "image/png", ShowLogo: true}
	if err := s.DB.SaveLetterhead(ctx, head, triage.Audit{TenantID: tenantID, Action: "seed", Entity: "tenant", EntityID: tenantID}); err != nil {
		return err
	}
	for _, lt := range triage.TranslatedLetterTemplates() {
		lt.TenantID = tenantID
		if _, err := s.DB.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: tenantID, Action: "seed", Entity: "action_template"}); err != nil {
			return err
		}
	}
	st := demoLetterStatus
	st.TenantID = tenantID
	if err := s.DB.UpsertStatus(ctx, st, position); err != nil {
		return err
	}
	today := triage.Day(s.Now)
	for _, l := range demoLetters {
		id, ok := customers[l.Customer]
		if !ok {
			return fmt.Errorf("demo: letter for unknown customer %s", l.Customer)
		}
		c, err := s.DB.Customer(ctx, tenantID, id)
		if err != nil {
			return err
		}
		items, err := s.DB.OpenItems(ctx, tenantID, id)
		if err != nil {
			return err
		}
		var overdue []string
		for _, it := range items {
			if it.Overdue(s.Now) {
				overdue = append(overdue, it.Number)
			}
		}
		if _, err := s.DB.PlanLetter(ctx, triage.Action{TenantID: tenantID, CustomerID: id, Items: overdue, Template: l.Template,
			Due: today.AddDate(0, 0, l.DueDays), AssigneeID: c.CollectorID}); err != nil {
			return err
		}
	}
	return nil
}

// demoLogo draws the demo company's logo: a small PNG, three bars and a
// baseline in the company's colours.
func demoLogo() ([]byte, error) {
	const w, h = 120, 40
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	navy, orange := color.RGBA{0x1f, 0x3a, 0x5f, 0xff}, color.RGBA{0xe8, 0x7d, 0x1e, 0xff}
	for y := range h {
		for x := range w {
			img.Set(x, y, color.White)
		}
	}
	bars := []struct{ x0, top int }{{8, 22}, {24, 14}, {40, 6}}
	for i, b := range bars {
		c := navy
		if i == len(bars)-1 {
			c = orange
		}
		for y := b.top; y < 34; y++ {
			for x := b.x0; x < b.x0+12; x++ {
				img.Set(x, y, c)
			}
		}
	}
	for x := 4; x < w-4; x++ {
		for y := 35; y < 37; y++ {
			img.Set(x, y, navy)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("demo: logo: %w", err)
	}
	return buf.Bytes(), nil
}
