package bench

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// backlogSender is a customer's accounts-payable contact.
type backlogSender struct {
	name, addr, company string
	french              bool
}

var backlogSenders = []backlogSender{
	{"Sophie Lefèvre", "compta@dupont-freres.fr", "Dupont Frères SARL", true},
	{"Jean-Marc Rousseau", "jm.rousseau@boulangeries-rousseau.fr", "Boulangeries Rousseau", true},
	{"Service Comptabilité", "fournisseurs@martin-batiment.fr", "Martin Bâtiment SAS", true},
	{"Claire Nguyen", "c.nguyen@transports-garnier.fr", "Transports Garnier", true},
	{"Émilie Bernard", "factures@clinique-saint-roch.fr", "Clinique Saint-Roch", true},
	{"Accounts Payable", "ap@northwind-traders.co.uk", "Northwind Traders Ltd", false},
	{"Mark Thompson", "mark.thompson@brightline-logistics.com", "Brightline Logistics", false},
	{"Priya Shah", "payables@harbourview-foods.co.uk", "Harbourview Foods", false},
	{"Daniel O'Connor", "d.oconnor@greenfield-hotels.ie", "Greenfield Hotels", false},
}

// Replies by intent, each with a %s for the invoice number.
var backlogReplies = map[bool][]string{
	true: {
		"Bonjour,\n\nNous avons bien reçu votre relance concernant la facture %s. Le règlement sera effectué par virement d'ici la fin du mois, dès validation par notre direction financière.\n\nNous vous prions de nous excuser pour ce retard.",
		"Bonjour,\n\nLa facture %s a été réglée le 14 par virement SEPA. Vous trouverez ci-joint l'avis de paiement de notre banque. Merci de vérifier de votre côté et de nous confirmer la bonne réception des fonds.",
		"Bonjour,\n\nNous contestons le montant de la facture %s : le prix unitaire facturé ne correspond pas à celui de notre bon de commande, et deux palettes sont arrivées endommagées. Merci de nous adresser un avoir avant tout règlement.",
		"Bonjour,\n\nNous ne retrouvons pas la facture %s dans notre système. Pourriez-vous nous en renvoyer une copie au format PDF, avec le numéro de commande, à l'adresse fournisseurs@ indiquée ci-dessous ?",
		"Bonjour,\n\nCompte tenu de notre trésorerie, nous vous proposons de régler la facture %s en trois mensualités, la première le 5 du mois prochain. Pouvez-vous nous confirmer votre accord ?",
		"Bonjour,\n\nJe suis absente du bureau jusqu'au lundi 3 inclus, avec un accès limité à mes courriels. Pour toute question urgente concernant la facture %s, merci de contacter le standard.",
	},
	false: {
		"Hello,\n\nThanks for the reminder about invoice %s. Payment has been scheduled in our next payment run on Friday; you should see the funds early next week.\n\nApologies for the delay.",
		"Hi,\n\nInvoice %s was paid on the 14th by BACS transfer. Please find our remittance advice attached and let us know if the payment has not reached your account.",
		"Hello,\n\nWe are disputing invoice %s: the quantities invoiced do not match the delivery note, and the agreed 5%% volume discount has not been applied. Please send a credit note and a corrected invoice.",
		"Hi,\n\nWe cannot find invoice %s on our ledger. Could you send us a copy as a PDF, quoting our purchase order number, so that we can get it approved?",
		"Hello,\n\nWe would like to settle invoice %s in three monthly instalments starting next month. Could you confirm this arrangement works for you?",
		"Thank you for your email. I am out of the office until Monday with limited access to email. For anything urgent regarding invoice %s please contact our accounts team.",
	},
}

// backlogReminder is the reminder the customer answers, quoted under the
// reply as most mail clients do.
var backlogReminder = map[bool]string{
	true: `Madame, Monsieur,

Sauf erreur de notre part, la facture %s d'un montant de %s € TTC, échue
le %s, reste impayée à ce jour. Nous vous remercions de bien vouloir
procéder à son règlement dans les meilleurs délais, ou de nous indiquer
les raisons qui s'y opposeraient.

Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte
de ce message et de nous transmettre la date et la référence du virement.

Coordonnées bancaires : IBAN FR76 3000 4000 0312 3456 7890 143, BIC BNPAFRPP.

Cordialement,
Le service recouvrement
ACME Distribution — 12 rue des Entrepreneurs, 69007 Lyon
Tél. 04 72 00 00 00 — relances@acme-distribution.fr
`,
	false: `Dear Sir or Madam,

Our records show that invoice %s for %s EUR, due on %s, remains unpaid.
We would be grateful if you could arrange payment at your earliest
convenience, or let us know of any reason that prevents it.

If payment has already been made, please disregard this message and send
us the date and reference of your transfer.

Bank details: IBAN FR76 3000 4000 0312 3456 7890 143, BIC BNPAFRPP.

Kind regards,
Credit control team
ACME Distribution — 12 rue des Entrepreneurs, 69007 Lyon, France
Tel. +33 4 72 00 00 00 — relances@acme-distribution.fr
`,
}

// backlogMessage is one generated customer reply.
type backlogMessage struct {
	raw        []byte
	attachment bool
}

// backlogMessages generates n distinct customer replies to payment
// reminders, in French and English, of a few kB each with the quoted
// reminder; one in six carries a PDF remittance advice of 8 to 40 kB and
// one in four is multipart/alternative with an HTML part. The same n
// gives the same messages.
func backlogMessages(n int) (msgs [][]byte, withAttachment int) {
	rng := rand.New(rand.NewPCG(8, 10000))
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	msgs = make([][]byte, n)
	for i := range n {
		m := backlogOne(rng, i, start.Add(time.Duration(i)*97*time.Second))
		msgs[i] = m.raw
		if m.attachment {
			withAttachment++
		}
	}
	return msgs, withAttachment
}

// backlogOne writes message i.
func backlogOne(rng *rand.Rand, i int, at time.Time) backlogMessage {
	s := backlogSenders[rng.IntN(len(backlogSenders))]
	invoice := fmt.Sprintf("F-2026-%05d", 1000+rng.IntN(90000))
	amount := fmt.Sprintf("%d,%02d", 150+rng.IntN(48000), rng.IntN(100))
	due := at.AddDate(0, 0, -15-rng.IntN(60)).Format("02/01/2006")
	replies := backlogReplies[s.french]
	body := fmt.Sprintf(replies[rng.IntN(len(replies))], invoice)
	var text strings.Builder
	text.WriteString(body)
	fmt.Fprintf(&text, "\n\n%s\n%s\n\n", s.name, s.company)
	if s.french {
		fmt.Fprintf(&text, "Le %s, ACME Distribution <relances@acme-distribution.fr> a écrit :\n", at.AddDate(0, 0, -2).Format("02/01/2006 à 15:04"))
	} else {
		fmt.Fprintf(&text, "On %s, ACME Distribution <relances@acme-distribution.fr> wrote:\n", at.AddDate(0, 0, -2).Format("Mon, 2 Jan 2006 at 15:04"))
	}
	for line := range strings.Lines(fmt.Sprintf(backlogReminder[s.french], invoice, amount, due)) {
		text.WriteString("> " + line)
	}
	subject := "RE: Relance - facture " + invoice
	if !s.french {
		subject = "Re: Payment reminder - invoice " + invoice
	}

	var b strings.Builder
	domain := s.addr[strings.IndexByte(s.addr, '@')+1:]
	traceHeaders(&b, rng, s.addr, domain, at)
	fmt.Fprintf(&b, "From: %s <%s>\r\n", mimeWord(s.name), s.addr)
	b.WriteString("To: ACME Distribution <relances@acme-distribution.fr>\r\n")
	fmt.Fprintf(&b, "Subject: %s\r\n", mimeWord(subject))
	fmt.Fprintf(&b, "Date: %s\r\n", at.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <bench.%d.%08x@%s>\r\n", i, rng.Uint32(), domain)
	fmt.Fprintf(&b, "In-Reply-To: <relance.%s@acme-distribution.fr>\r\n", invoice)
	b.WriteString("MIME-Version: 1.0\r\n")

	attach := rng.IntN(6) == 0
	html := rng.IntN(4) == 0
	plain := "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + crlf(text.String())
	part := plain
	if html {
		part = fmt.Sprintf("Content-Type: multipart/alternative; boundary=\"alt-%d\"\r\n\r\n--alt-%d\r\n%s\r\n--alt-%d\r\n"+
			"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n--alt-%d--\r\n",
			i, i, plain, i, htmlOf(text.String()), i)
	}
	if !attach {
		b.WriteString(part)
		return backlogMessage{raw: []byte(b.String())}
	}
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"mixed-%d\"\r\n\r\n--mixed-%d\r\n%s\r\n--mixed-%d\r\n", i, i, part, i)
	name := "avis-de-paiement-" + invoice + ".pdf"
	if !s.french {
		name = "remittance-advice-" + invoice + ".pdf"
	}
	fmt.Fprintf(&b, "Content-Type: application/pdf; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\n", name, name)
	pdf := make([]byte, 8000+rng.IntN(32000))
	copy(pdf, "%PDF-1.4\n")
	for j := 9; j < len(pdf); j++ {
		pdf[j] = byte(rng.Uint32())
	}
	enc := base64.StdEncoding.EncodeToString(pdf)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	fmt.Fprintf(&b, "%s\r\n--mixed-%d--\r\n", enc, i)
	return backlogMessage{raw: []byte(b.String()), attachment: true}
}

// traceHeaders writes the headers the mail's path adds before its own:
// the Return-Path, the Received lines of three relays, the sender's DKIM
// signature and the receiving server's verdict, over 2 kB as in real mail.
func traceHeaders(b *strings.Builder, rng *rand.Rand, addr, domain string, at time.Time) {
	fmt.Fprintf(b, "Return-Path: <%s>\r\n", addr)
	hops := []string{"mx1.acme-distribution.fr", "relay-" + fmt.Sprint(rng.IntN(40)) + ".mail-filter.eu", "smtp-out." + domain}
	for k, hop := range hops[:2] {
		fmt.Fprintf(b, "Received: from %s (%s [192.0.2.%d])\r\n\tby %s with ESMTPS id %08X%04X\r\n\tfor <relances@acme-distribution.fr>; %s\r\n",
			hops[k+1], hops[k+1], 1+rng.IntN(250), hop, rng.Uint32(), rng.IntN(0x10000), at.Add(-time.Duration(k+1)*time.Second).Format(time.RFC1123Z))
	}
	sig := make([]byte, 256)
	for j := range sig {
		sig[j] = byte(rng.Uint32())
	}
	fmt.Fprintf(b, "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=mail2026;\r\n\tt=%d; h=from:to:subject:date:message-id:in-reply-to:mime-version;\r\n"+
		"\tbh=%s;\r\n\tb=%s\r\n", domain, at.Unix(), base64.StdEncoding.EncodeToString(sig[:32]), foldBase64(base64.StdEncoding.EncodeToString(sig)))
	fmt.Fprintf(b, "Authentication-Results: mx1.acme-distribution.fr;\r\n\tdkim=pass header.d=%s header.s=mail2026;\r\n\tspf=pass smtp.mailfrom=%s;\r\n\tdmarc=pass header.from=%s\r\n",
		domain, addr, domain)
	fmt.Fprintf(b, "X-Spam-Status: No, score=-1.%d required=5.0 tests=BAYES_00,DKIM_SIGNED,DKIM_VALID,SPF_PASS\r\n", rng.IntN(10))
}

// foldBase64 folds a long base64 header value on 72-column lines.
func foldBase64(s string) string {
	var b strings.Builder
	for len(s) > 72 {
		b.WriteString(s[:72] + "\r\n\t")
		s = s[72:]
	}
	b.WriteString(s)
	return b.String()
}

// mimeWord encodes a header value that is not ASCII (RFC 2047).
func mimeWord(s string) string {
	for _, r := range s {
		if r >= 0x80 {
			return "=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
		}
	}
	return s
}

// crlf turns a text's line ends into CRLF.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// htmlOf is a text as the HTML part a mail client writes beside it.
func htmlOf(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	return crlf("<html><body><div dir=\"ltr\">" + strings.ReplaceAll(s, "\n", "<br>\n") + "</div></body></html>")
}
