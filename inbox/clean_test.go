package inbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// cleanCases returns the reply bodies of testdata/clean, keyed by file name
// without extension, with the expected Text of each (NAME.want).
func cleanCases(t testing.TB) (names []string, bodies, wants map[string]string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "clean", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("testdata/clean holds %d bodies, want at least 30", len(files))
	}
	bodies, wants = map[string]string{}, map[string]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".want")
		if err != nil {
			t.Fatalf("%s: every body needs its expected Text: %v", name, err)
		}
		names = append(names, name)
		bodies[name] = string(body)
		wants[name] = strings.TrimSuffix(string(want), "\n")
	}
	return names, bodies, wants
}

func TestCleanBodyTestdata(t *testing.T) {
	names, bodies, wants := cleanCases(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := CleanBody(bodies[name])
			if got.Text != wants[name] {
				t.Errorf("Text:\n%s\n--- want:\n%s\n--- quoted:\n%s\n--- signature:\n%s", got.Text, wants[name], got.Quoted, got.Signature)
			}
			checkNothingLost(t, bodies[name], got)
		})
	}
}

// Quoted keeps the reminder for item matching, Signature what was cut off.
func TestCleanBodyParts(t *testing.T) {
	tests := []struct {
		name                   string
		body                   string
		text, quoted, sig      string
		quotedHas, quotedLacks string
	}{
		{
			name:   "gmail quote goes to Quoted without markers",
			body:   "Payée hier.\n\nLe 17/11/2025 à 09:12, Anna <a@delmas.fr> a écrit :\n> Facture F-2025-1187 échue.\n>\n> Cordialement",
			text:   "Payée hier.",
			quoted: "Le 17/11/2025 à 09:12, Anna <a@delmas.fr> a écrit :\nFacture F-2025-1187 échue.\n\nCordialement",
		},
		{
			name:      "outlook block and what follows go to Quoted",
			body:      "Paid.\r\n\r\nFrom: Anna\r\nSent: Monday\r\nTo: ap@x.com\r\nSubject: INV-5531\r\n\r\nInvoice INV-5531 is overdue.\r\n",
			text:      "Paid.",
			quotedHas: "Invoice INV-5531 is overdue.",
		},
		{
			name: "signature and disclaimer go to Signature",
			body: "Le virement part demain.\n\nCordialement,\nJean Dupont\n01 23 45 67 89\n\nCe message et ses pièces jointes sont confidentiels.",
			text: "Le virement part demain.",
			sig:  "Cordialement,\nJean Dupont\n01 23 45 67 89\n\nCe message et ses pièces jointes sont confidentiels.",
		},
		{
			name: "rfc 3676 separator",
			body: "Bonjour,\nok pour le 30.\n-- \nJean",
			text: "Bonjour,\nok pour le 30.",
			sig:  "--\nJean",
		},
		{
			name: "a sign-off followed by a sentence is kept",
			body: "Payé.\n\nCordialement,\nJean\n\nNous attendons toujours l'avoir pour la facture F-12 que vous nous aviez promis.",
			text: "Payé.\n\nCordialement,\nJean\n\nNous attendons toujours l'avoir pour la facture F-12 que vous nous aviez promis.",
		},
		{
			name: "a sign-off with a name on the same line",
			body: "Payé le 12.\nCordialement, Jean Dupont",
			text: "Payé le 12.",
			sig:  "Cordialement, Jean Dupont",
		},
		{
			name: "a lower-case sentence after a sign-off word is no sign-off",
			body: "Merci.\nCordialement nous avons payé",
			text: "Merci.\nCordialement nous avons payé",
		},
		{
			name: "thanks alone at the end stay",
			body: "Bonjour,\nc'est payé.\nMerci !",
			text: "Bonjour,\nc'est payé.\nMerci !",
		},
		{
			name: "thanks after a greeting only stay",
			body: "Bonjour,\n\nMerci\nJean",
			text: "Bonjour,\n\nMerci\nJean",
		},
		{
			name: "a signature never takes all of Text",
			body: "Cordialement,\nJean Dupont",
			text: "Cordialement,\nJean Dupont",
		},
		{
			name: "only a footer above the quote: the whole body, unmarked",
			body: "Envoyé de mon iPhone\n\n> Le 17 nov. 2025 à 09:12, Anna <a@b.fr> a écrit :\n> Facture échue",
			text: "Envoyé de mon iPhone\n\nLe 17 nov. 2025 à 09:12, Anna <a@b.fr> a écrit :\nFacture échue",
		},
		{
			name: "prose attribution without date or address does not cut",
			body: "Le comptable a écrit :\nnous paierons le 30.",
			text: "Le comptable a écrit :\nnous paierons le 30.",
		},
		{
			name: "one header after From: is prose",
			body: "From: today on, we pay by card.\nTo: be confirmed.\nThanks",
			text: "From: today on, we pay by card.\nTo: be confirmed.\nThanks",
		},
		{
			name:   "lone carriage returns are line breaks",
			body:   "Payé.\r\rOn Mon, 17 Nov 2025 at 09:12, A <a@b.com> wrote:\r> due",
			text:   "Payé.",
			quoted: "On Mon, 17 Nov 2025 at 09:12, A <a@b.com> wrote:\ndue",
		},
		{
			name: "nested markers are all removed",
			body: "ok\n> > > F-1\n>> F-2",
			text: "ok", quoted: "F-1\nF-2",
		},
		{
			name:   "inline answers keep quoted runs apart",
			body:   "On 17/11/2025 09:12, Anna wrote:\n> INV-1 is due.\nPaid.\n> INV-2 is due.\nDisputed.",
			text:   "Paid.\nDisputed.",
			quoted: "On 17/11/2025 09:12, Anna wrote:\nINV-1 is due.\n\nINV-2 is due.",
		},
		{
			name:   "lotus notes attribution",
			body:   "Paid today.\n\nAnna Martin/DELMAS wrote on 17/11/2025 09:12:\n\nInvoice INV-1 is due.",
			text:   "Paid today.",
			quoted: "Anna Martin/DELMAS wrote on 17/11/2025 09:12:\n\nInvoice INV-1 is due.",
		},
		{
			name: "prose quoting a colleague is no attribution",
			body: "Votre collègue nous a écrit le 12/11 :\nla facture sera annulée.",
			text: "Votre collègue nous a écrit le 12/11 :\nla facture sera annulée.",
		},
		{
			name:      "outlook header in bold after html conversion, fields apart",
			body:      "Réglé.\n\n**De :** Anna Martin\n\n**Envoyé :** lundi 17 novembre 2025\n\n**Objet :** Relance F-12\n\nF-12 échue",
			text:      "Réglé.",
			quotedHas: "F-12 échue",
		},
		{
			name: "a last sign-off line goes even with nothing after it",
			body: "Bonjour,\nNous avons payé.\nBonne journée !",
			text: "Bonjour,\nNous avons payé.",
			sig:  "Bonne journée !",
		},
		{
			name: "thanks joined to a sign-off",
			body: "Bonjour,\nnous réglerons le 30.\nMerci et bonne journée\nJean",
			text: "Bonjour,\nnous réglerons le 30.",
			sig:  "Merci et bonne journée\nJean",
		},
		{
			name: "bilingual sign-off",
			body: "Hallo,\nbezahlt.\n\nMit freundlichen Grüßen / Kind regards\nJens Müller",
			text: "Hallo,\nbezahlt.",
			sig:  "Mit freundlichen Grüßen / Kind regards\nJens Müller",
		},
		{
			name: "sign-off with a place",
			body: "Hallo,\nbezahlt.\nViele Grüße aus Hamburg\nJens",
			text: "Hallo,\nbezahlt.",
			sig:  "Viele Grüße aus Hamburg\nJens",
		},
		{
			name: "a sign-off word opening a sentence",
			body: "Hi,\nRegards the invoice, we paid it.",
			text: "Hi,\nRegards the invoice, we paid it.",
		},
		{name: "empty", body: "", text: ""},
		{name: "blank", body: " \n\t\n\u00a0\n", text: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanBody(tt.body)
			if got.Text != tt.text {
				t.Errorf("Text = %q, want %q", got.Text, tt.text)
			}
			if tt.quoted != "" && got.Quoted != tt.quoted {
				t.Errorf("Quoted = %q, want %q", got.Quoted, tt.quoted)
			}
			if tt.quotedHas != "" && !strings.Contains(got.Quoted, tt.quotedHas) {
				t.Errorf("Quoted = %q, want it to hold %q", got.Quoted, tt.quotedHas)
			}
			if got.Signature != tt.sig {
				t.Errorf("Signature = %q, want %q", got.Signature, tt.sig)
			}
			checkNothingLost(t, tt.body, got)
		})
	}
}

func TestStripSubjectPrefixes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"RE: Relance facture F-2025-1187", "Relance facture F-2025-1187"},
		{"Re : Relance facture", "Relance facture"},
		{"RE : TR: RE: Relance", "Relance"},
		{"AW: WG: Zahlungserinnerung RE-2025-0457", "Zahlungserinnerung RE-2025-0457"},
		{"TR : Relance", "Relance"},
		{"RV: Recordatorio de pago", "Recordatorio de pago"},
		{"SV: Påminnelse", "Påminnelse"},
		{"Fwd: Overdue invoice", "Overdue invoice"},
		{"FW: FWD: fw: Statement", "Statement"},
		{"R: Sollecito di pagamento", "Sollecito di pagamento"},
		{"I: R: Sollecito", "Sollecito"},
		{"Antw: Herinnering factuur", "Herinnering factuur"},
		{"[EXT] RE: Statement", "Statement"},
		{"[External] Re: [EXT] Fwd: Statement", "Statement"},
		{"EXT: RE: Statement", "Statement"},
		{"Re[2]: Statement", "Statement"},
		{"RE\u00a0: Relance", "Relance"},
		{"  re:re:Relance  ", "Relance"},
		{"Relance : facture F-12", "Relance : facture F-12"},
		{"Rappel: facture échue", "Rappel: facture échue"},
		{"Remittance advice", "Remittance advice"},
		{"TRAVAUX: facture", "TRAVAUX: facture"},
		{"Réf: F-12", "Réf: F-12"},
		{"RE:", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StripSubjectPrefixes(tt.in); got != tt.want {
			t.Errorf("StripSubjectPrefixes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Large inputs built to hit every per-line check at once must come back
// whole. Their speed is measured by BenchmarkCleanBody, never asserted here.
func TestCleanBodyLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	const size = 10 << 20
	inputs := map[string]string{
		"one line":           strings.Repeat("a", size),
		"attribution starts": strings.Repeat("Le 17/11/2025 à 09:12, Anna <\n", size/30),
		"from lines":         strings.Repeat("From: x\n\n", size/10),
		"sign-offs":          "Payé.\n" + strings.Repeat("Cordialement\n\n", size/14),
		"quoted":             strings.Repeat("> Le 17/11/2025 à 09:12, Anna a écrit :\n", size/40),
		"blank lines":        "x\n" + strings.Repeat("\n", size),
		"long header":        "De : " + strings.Repeat("x", size) + "\nEnvoyé : a\nÀ : b\n",
		"long disclaimer":    "ok\n" + strings.Repeat("Ce message est confidentiel ", size/28),
	}
	for name, in := range inputs {
		got := CleanBody(in)
		if len(got.Text)+len(got.Quoted)+len(got.Signature) == 0 && strings.TrimSpace(in) != "" {
			t.Errorf("%s: everything lost", name)
		}
	}
}

// checkNothingLost asserts that every non-blank line of body, without its
// quote markers, is somewhere in the result.
func checkNothingLost(t testing.TB, body string, c Cleaned) {
	t.Helper()
	all := c.Text + "\n" + c.Quoted + "\n" + c.Signature
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	for _, line := range strings.Split(body, "\n") {
		l := strings.TrimSpace(strings.TrimLeft(line, "> \t"))
		if l != "" && !strings.Contains(all, l) {
			t.Fatalf("line %q lost:\ntext %q\nquoted %q\nsignature %q", l, c.Text, c.Quoted, c.Signature)
		}
	}
}

func FuzzCleanBody(f *testing.F) {
	_, bodies, _ := cleanCases(f)
	for _, b := range bodies {
		f.Add(b)
	}
	f.Add("")
	f.Add(">\n> >\n--\n")
	f.Add("Le 1\nLe 2\na écrit :\n> x")
	f.Fuzz(func(t *testing.T, body string) {
		c := CleanBody(body)
		if utf8.ValidString(body) && !(utf8.ValidString(c.Text) && utf8.ValidString(c.Quoted) && utf8.ValidString(c.Signature)) {
			t.Fatalf("invalid UTF-8 out of valid input %q: %+v", body, c)
		}
		if strings.Contains(c.Text, "\r") || strings.Contains(c.Text, "\n\n\n") {
			t.Fatalf("Text not tidy: %q", c.Text)
		}
		if strings.HasPrefix(c.Text, "\n") || strings.HasSuffix(c.Text, "\n") {
			t.Fatalf("Text starts or ends with a blank line: %q", c.Text)
		}
		if c.Text == "" && strings.TrimSpace(strings.ReplaceAll(body, ">", "")) != "" {
			t.Fatalf("empty Text out of %q: %+v", body, c)
		}
		if strings.HasPrefix(c.Text, ">") || strings.Contains(c.Text, "\n>") ||
			strings.HasPrefix(c.Quoted, ">") || strings.Contains(c.Quoted, "\n>") {
			t.Fatalf("quote marker left: %+v", c)
		}
		checkNothingLost(t, body, c)
	})
}

func BenchmarkCleanBody(b *testing.B) {
	names, bodies, _ := cleanCases(b)
	var total int64
	for _, n := range names {
		total += int64(len(bodies[n]))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			CleanBody(bodies[n])
		}
	}
}
