package inbox

import (
	"testing"
	"time"
)

func TestReturnDate(t *testing.T) {
	feb := time.Date(2025, 2, 20, 9, 0, 0, 0, time.UTC)
	dec := time.Date(2025, 12, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		ref  time.Time
		want string // "" for none
	}{
		{"Je suis absent jusqu'au 3 mars.", feb, "2025-03-03"},
		{"Je suis absente jusqu’au lundi 3 mars 2025 inclus.", feb, "2025-03-03"},
		{"Je suis absent(e) jusqu'au 03/03/2025.", feb, "2025-03-03"},
		{"Absente du 24 février au 3 mars, je traiterai votre message à mon retour.", feb, "2025-03-03"},
		{"De retour le 4 mars.", feb, "2025-03-04"},
		{"I am out of the office until March 3rd.", feb, "2025-03-03"},
		{"I'm away until Monday, March 3 with limited access to email.", feb, "2025-03-03"},
		{"I am on leave from 24 February to 3 March 2025.", feb, "2025-03-03"},
		{"I will be back on 10/03.", feb, "2025-03-10"},
		{"Out of office until 3/17.", feb, "2025-03-17"},
		{"Ich bin bis zum 3. März nicht im Büro.", feb, "2025-03-03"},
		{"Ich bin vom 24.02. bis 03.03.2025 abwesend.", feb, "2025-03-03"},
		{"Ab dem 4. März bin ich wieder erreichbar.", feb, "2025-03-04"},
		{"Estoy fuera de la oficina hasta el 3 de marzo.", feb, "2025-03-03"},
		{"Estaré ausente hasta el lunes 3 de marzo de 2025.", feb, "2025-03-03"},
		{"Sono fuori ufficio fino al 3 marzo.", feb, "2025-03-03"},
		{"Ik ben afwezig tot en met 3 maart.", feb, "2025-03-03"},
		{"I am out of the office until January 5.", dec, "2026-01-05"}, // the next January
		{"Je suis absent jusqu'au 2 janvier 2026.", dec, "2026-01-02"}, // explicit year
		{"Je suis absent jusqu'au 31 février.", feb, ""},               // no such day
		{"I am out of the office until further notice.", feb, ""},      // no date
		{"Je suis absent jusqu'au 3 mars 1990.", feb, ""},              // implausible
		{"Merci, le virement partira le 3 mars.", feb, ""},             // no cue
	}
	for _, tt := range tests {
		got, ok := ReturnDate(tt.text, tt.ref)
		switch {
		case tt.want == "" && ok:
			t.Errorf("ReturnDate(%q) = %s, want none", tt.text, got.Format(time.DateOnly))
		case tt.want != "" && (!ok || got.Format(time.DateOnly) != tt.want):
			t.Errorf("ReturnDate(%q) = %s %v, want %s", tt.text, got.Format(time.DateOnly), ok, tt.want)
		}
	}
}

func TestDetectAutoReply(t *testing.T) {
	const head = "From: x@example.com\nDate: Thu, 20 Feb 2025 09:00:00 +0100\n"
	tests := []struct {
		name, raw string
		auto      bool
		reason    string
		back      string
	}{
		{"auto-submitted", head + "Auto-Submitted: auto-replied\nSubject: Re: facture\n\nMerci.\n", true, "Auto-Submitted: auto-replied", ""},
		{"auto-submitted no", head + "Auto-Submitted: no\nSubject: Re: facture\n\nPayé hier, merci.\n", false, "", ""},
		{"x-autoreply", head + "X-Autoreply: yes\nSubject: x\n\nAway.\n", true, "X-Autoreply header", ""},
		{"x-autorespond", head + "X-Autorespond: on\nSubject: x\n\nAway.\n", true, "X-Autorespond header", ""},
		{"precedence junk", head + "Precedence: junk\nSubject: x\n\ntext\n", true, "Precedence: junk", ""},
		{"precedence list", head + "Precedence: list\nSubject: x\n\nLe paiement est parti hier.\n", false, "", ""},
		{"subject fr", head + "Subject: Absence du bureau\n\nJe suis absente jusqu'au 3 mars.\n", true, "out-of-office subject: Absence du bureau", "2025-03-03"},
		{"subject en", head + "Subject: Out of Office: Payment reminder\n\nI am out of the office until March 3rd.\n", true, "out-of-office subject: Out of Office", "2025-03-03"},
		{"subject de", head + "Subject: Automatische Antwort: Zahlungserinnerung\n\nIch bin bis zum 3. März nicht im Büro.\n", true, "out-of-office subject: Automatische Antwort", "2025-03-03"},
		{"subject es", head + "Subject: =?utf-8?q?Respuesta_autom=C3=A1tica=3A_Recordatorio?=\n\nEstoy fuera de la oficina hasta el 3 de marzo.\n", true, "out-of-office subject: Respuesta automática", "2025-03-03"},
		{"phrase fr", head + "Subject: RE: Relance\n\nBonjour,\n\nJe suis absente jusqu'au 3 mars, je traiterai votre message à mon retour.\n", true, "out-of-office phrase: Je suis absente", "2025-03-03"},
		{"phrase de", head + "Subject: AW: Mahnung\n\nIch bin bis zum 3. März nicht im Büro.\n", true, "out-of-office phrase: Ich bin bis zum 3. März nicht im Büro", "2025-03-03"},
		{"phrase es", head + "Subject: RE: Recordatorio\n\nMe encuentro fuera de la oficina hasta el 3 de marzo.\n", true, "out-of-office phrase: Me encuentro fuera de la oficina", "2025-03-03"},
		{"past absence", head + "Subject: RE: Relance\n\nJ'étais absent la semaine dernière, le virement part demain.\n", false, "", ""},
		{"promise", head + "Subject: RE: Relance\n\nLe virement partira le 3 mars.\n", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMessage([]byte(tt.raw), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if m.AutoReply != tt.auto || m.AutoReplyReason != tt.reason {
				t.Errorf("AutoReply = %v %q, want %v %q", m.AutoReply, m.AutoReplyReason, tt.auto, tt.reason)
			}
			got := ""
			if m.ReturnDate != nil {
				got = m.ReturnDate.Format(time.DateOnly)
			}
			if got != tt.back {
				t.Errorf("ReturnDate = %q, want %q", got, tt.back)
			}
		})
	}
}
