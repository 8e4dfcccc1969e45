package prompts

import (
	"strings"
	"testing"
)

func TestDefaultCompilesAndRenders(t *testing.T) {
	c, err := Compile(Default())
	if err != nil {
		t.Fatal(err)
	}
	d := sample()
	d.Reply = "Nous avons payé la facture F-1 hier."
	sys, usr, err := c.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- already_paid: Paiement effectué (payment) — d", "language (fr)"} {
		if !strings.Contains(sys, want) {
			t.Errorf("system prompt lacks %q:\n%s", want, sys)
		}
	}
	for _, want := range []string{"- F-1 due 2026-03-01 open 10,00 €", "- [already_paid] payé hier", "Nous avons payé la facture F-1 hier."} {
		if !strings.Contains(usr, want) {
			t.Errorf("user prompt lacks %q:\n%s", want, usr)
		}
	}
}

func TestCompileRejects(t *testing.T) {
	for _, v := range []Version{
		{Name: "syntax", System: "{{.Company", User: "x"},
		{Name: "unknown field", System: "ok", User: "{{.Invoice}}"},
		{Name: "bad range", System: "{{range .Reply}}{{end}}", User: "x"},
	} {
		if _, err := Compile(v); err == nil || !strings.Contains(err.Error(), v.Name) {
			t.Errorf("Compile(%s) = %v, want an error naming the version", v.Name, err)
		}
	}
}
