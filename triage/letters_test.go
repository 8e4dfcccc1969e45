package triage

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestSaveLetterTemplateRefuses checks what is refused before anything is
// stored: the letter workflow runs here without a store.
func TestSaveLetterTemplateRefuses(t *testing.T) {
	l := NewLetters(&Service{}, nil)
	admin := Actor{TenantID: 1, UserID: 1, Role: RoleAdmin}
	valid := LetterTemplate{ActionTemplate: ActionTemplate{Name: "Relance amiable", Subject: "Relance – compte #customer_code",
		Body: "Madame, Monsieur,\n\nMerci de régler #items_list_selected, soit #total_due."}, LetterKind: LetterSimple, Mode: SendConfirm}
	with := func(f func(*LetterTemplate)) LetterTemplate {
		t := valid
		f(&t)
		return t
	}
	tests := []struct {
		name  string
		actor Actor
		tmpl  LetterTemplate
		field string // "" expects ErrForbidden
		want  string
	}{
		{"a collector", Actor{TenantID: 1, UserID: 2, Role: RoleCollector}, valid, "", ""},
		{"unknown kind", admin, with(func(t *LetterTemplate) { t.LetterKind = "fax" }), "letter_kind", ""},
		{"unknown mode", admin, with(func(t *LetterTemplate) { t.Mode = "pigeon" }), "mode", ""},
		{"no name", admin, with(func(t *LetterTemplate) { t.Name = "  " }), "name", ""},
		{"a subject on two lines", admin, with(func(t *LetterTemplate) { t.Subject = "Relance\nurgente" }), "subject", ""},
		{"an empty body", admin, with(func(t *LetterTemplate) { t.Body = "\n " }), "body", ""},
		{"a body too long", admin, with(func(t *LetterTemplate) { t.Body = strings.Repeat("é", MaxLetterBody+1) }), "body", ""},
		{"French typos in hashtags", admin, with(func(t *LetterTemplate) { t.Body = "Merci de régler #montant_du avant le #date_limite." }),
			"body", "#montant_du, #date_limite"},
		{"an English typo in the subject", admin, with(func(t *LetterTemplate) { t.Subject = "Account #customer_cod" }), "body", "#customer_cod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.SaveTemplate(context.Background(), tt.actor, tt.tmpl)
			if tt.field == "" {
				if !errors.Is(err, ErrForbidden) {
					t.Fatalf("err = %v, want ErrForbidden", err)
				}
				return
			}
			v, ok := errors.AsType[*ValidationError](err)
			if !ok || v.Field != tt.field || !strings.Contains(v.Message, tt.want) {
				t.Fatalf("err = %v, want a %s error naming %q", err, tt.field, tt.want)
			}
		})
	}
}

func TestLetterStatusRank(t *testing.T) {
	order := []LetterStatus{LetterQueued, LetterSent, LetterDelivered, LetterAcknowledged}
	if !slices.IsSortedFunc(order, func(a, b LetterStatus) int { return a.Rank() - b.Rank() }) || LetterStatus("lost").Rank() >= 0 {
		t.Errorf("ranks out of order")
	}
	for _, s := range []LetterStatus{LetterReturned, LetterAcknowledged, LetterFailed} {
		if !s.Final() {
			t.Errorf("%s is not final", s)
		}
	}
	if LetterDelivered.Final() {
		t.Error("a delivered registered letter can still be acknowledged")
	}
}

func TestDefaultLetterTemplates(t *testing.T) {
	for _, lang := range Langs {
		ts := DefaultLetterTemplates(lang)
		var kinds []string
		for _, lt := range ts {
			kinds = append(kinds, lt.LetterKind)
			if err := CheckHashtags(lt.Subject + "\n" + lt.Body); err != nil || lt.Kind != "letter" || !lt.Mode.Valid() {
				t.Errorf("%s %s: %v", lang, lt.Code, err)
			}
		}
		if !slices.Equal(kinds, LetterKinds) {
			t.Errorf("%s kinds = %v, want one of each", lang, kinds)
		}
	}
	fr, en := DefaultLetterTemplates(LangFR), DefaultLetterTemplates(LangEN)
	for i := range fr {
		if fr[i].Code != en[i].Code || fr[i].Body == en[i].Body {
			t.Errorf("template %d: codes %s/%s, bodies translated: %v", i, fr[i].Code, en[i].Code, fr[i].Body != en[i].Body)
		}
	}
}
