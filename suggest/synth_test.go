package suggest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// intents are a few ways customers say each default status, in French and
// English: the seed of synthetic histories for tests and benchmarks.
var intents = map[string][]string{
	"promise_to_pay":       {"nous réglerons la facture d'ici la fin du mois", "le virement partira le 15", "we will pay next friday", "payment is scheduled for our next payment run"},
	"already_paid":         {"nous avons déjà réglé cette facture par virement", "le paiement a été effectué hier", "we already paid this invoice last week", "payment was sent, remittance attached"},
	"payment_plan":         {"pouvons-nous payer en trois fois", "nous souhaitons un échéancier de paiement", "could we pay in monthly instalments", "we would like a payment plan"},
	"financial_difficulty": {"nous traversons des difficultés de trésorerie", "la société est en redressement judiciaire", "we are facing cash flow problems", "our company is in administration"},
	"invoice_copy":         {"pouvez-vous m'envoyer une copie de la facture", "je ne retrouve pas cette facture merci de la renvoyer", "could you send me a copy of the invoice", "we never received this invoice please resend it"},
	"wrong_contact":        {"je ne m'occupe plus de la comptabilité", "merci d'écrire à notre service fournisseurs", "i no longer work in accounts payable", "please contact our finance department instead"},
	"out_of_office":        {"je suis absente jusqu'au 24 mars", "je suis en congés de retour lundi", "i am out of the office until april", "i am on leave with limited access to email"},
	"price_dispute":        {"le prix unitaire ne correspond pas au devis", "la remise prévue n'a pas été appliquée", "the unit price is wrong", "you charged more than the quoted price"},
	"admin_dispute":        {"il manque le numéro de bon de commande", "la facture est adressée à la mauvaise entité", "the purchase order number is missing", "the invoice was sent to the wrong company"},
	"quality_dispute":      {"la marchandise est arrivée abîmée", "il manque deux cartons à la livraison", "the goods arrived damaged", "part of the delivery is missing"},
	"awaiting_credit_note": {"nous attendons l'avoir promis par votre commercial", "merci de nous faire parvenir l'avoir avant paiement", "we are waiting for the credit note", "please issue the credit note first"},
	"dispute_resolved":     {"le litige est réglé vous pouvez relancer", "suite à l'avoir reçu tout est en ordre", "the dispute is settled", "thanks for the credit note all is fine now"},
	"other":                {"merci pour votre message", "pouvez-vous me rappeler", "please call me back", "what is this about"},
}

var (
	openers = []string{"Bonjour,", "Bonjour Madame,", "Hello,", "Hi Anna,", "Madame, Monsieur,", ""}
	closers = []string{"Cordialement", "Bien à vous", "Regards", "Thanks", "Merci", ""}
	fillers = []string{"concernant la facture F-2025-01187", "pour le relevé du mois", "regarding invoice INV-10442", "au sujet de votre relance du 12/03", "about your reminder", "montant 1 245,60 €", ""}
)

// lexicon is 3 000 pseudo-words made of syllables: the varied vocabulary of
// real replies (names, products, places) that says nothing of the intent.
var lexicon = func() []string {
	syl := []string{"ba", "ko", "ri", "mel", "tan", "su", "dor", "vi", "lo", "pra", "ne", "gui", "sta", "fo", "zel"}
	rng := rand.New(rand.NewPCG(42, 42))
	out := make([]string, 3000)
	for i := range out {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		out[i] = b.String()
	}
	return out
}()

// synthHistory returns n labelled texts over the given statuses (all
// default statuses when nil), deterministic for a seed: an intent phrase
// with openers, fillers, closers and a few random lexicon words around it.
func synthHistory(n int, statuses []string, seed uint64) []LabelledText {
	if statuses == nil {
		for s := range intents {
			statuses = append(statuses, s)
		}
		slices.Sort(statuses)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	out := make([]LabelledText, n)
	for i := range out {
		st := statuses[i%len(statuses)]
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s %s", pick(openers), pick(fillers), pick(intents[st]))
		for range rng.IntN(12) {
			b.WriteString(" " + pick(lexicon))
		}
		fmt.Fprintf(&b, ". %s", pick(closers))
		out[i] = LabelledText{ID: int64(i + 1), Text: b.String(), Status: st}
	}
	return out
}

// examplesOf turns labelled texts into classifier examples.
func examplesOf(h []LabelledText) []Example {
	out := make([]Example, len(h))
	for i, x := range h {
		out[i] = Example{Text: x.Text, Label: x.Status}
	}
	return out
}
