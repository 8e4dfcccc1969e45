package cues

import (
	"slices"
	"strings"
	"testing"
)

// replies are realistic customer replies with the exact tokens they must
// give; quoted reminder vocabulary must give none.
var replies = []struct {
	text string
	want string // space-separated tokens
}{
	// French
	{"Bonjour, la facture a déjà été réglée par virement le 12/03.", "cue_paid"},
	{"Nous n'avons pas encore payé cette facture.", "cue_neg_paid"},
	{"Le virement est parti hier, vous trouverez ci-joint l'avis de virement.", "cue_paid"},
	{"Nous réglerons le solde le 15 avril.", "cue_promise"},
	{"Le paiement interviendra d'ici la fin du mois.", "cue_promise"},
	{"Nous vous réglerons dès réception du paiement de notre client.", "cue_promise cue_promise_event"},
	{"La facture est en attente de validation par la direction.", "cue_promise_event"},
	{"Serait-il possible d'obtenir un échéancier en 3 fois ?", "cue_instalments cue_question"},
	{"Nous attendons toujours votre avoir pour la casse.", "cue_credit_note cue_damaged"},
	{"Le prix facturé ne correspond pas au devis.", "cue_wrong_price"},
	{"La remise de 5 % convenue n'a pas été appliquée.", "cue_discount"},
	{"La marchandise est arrivée abîmée, deux cartons écrasés.", "cue_damaged"},
	{"Il manque 4 palettes sur la livraison du 3 mars.", "cue_missing_goods"},
	{"Nous n'avons jamais reçu la marchandise.", "cue_not_delivered"},
	{"Nous n'avons jamais passé cette commande.", "cue_not_ordered"},
	{"Pourriez-vous nous renvoyer une copie de la facture ?", "cue_copy_request cue_question"},
	{"Nous n'avons pas reçu cette facture.", "cue_invoice_not_received"},
	{"Merci d'indiquer le numéro de bon de commande sur vos factures.", "cue_po_missing cue_thanks"},
	{"Je suis absente jusqu'au 24 août.", "cue_absent"},
	{"Je serai de retour le lundi 2 septembre.", "cue_returns"},
	{"Mme Durand ne fait plus partie de la société.", "cue_left_company"},
	{"Je transmets votre mail au service comptabilité.", "cue_forward_to"},
	{"Nous traversons des difficultés de trésorerie.", "cue_cash_trouble"},
	{"La société est en redressement judiciaire.", "cue_insolvency"},
	{"Le litige est réglé, merci.", "cue_dispute_settled cue_thanks"},
	{"Veuillez trouver notre nouveau RIB.", "cue_bank_details"},
	{"Nous ne paierons pas cette facture.", "cue_neg_promise"},
	{"La facture n'a pas été réglée car la prestation n'a jamais été réalisée.", "cue_neg_paid cue_service_not_done"},
	{"D'accord pour l'échéancier proposé.", "cue_agree cue_instalments"},
	// French quoted reminders: no cue
	{"Votre facture est échue", ""},
	{"Sauf erreur de notre part, vos factures échues restent impayées.", ""},
	{"Si vous avez déjà effectué ce règlement, merci de ne pas tenir compte de ce message.", ""},
	// English
	{"We have already paid this invoice on 3 March.", "cue_paid"},
	{"We haven't paid yet.", "cue_neg_paid"},
	{"Payment will be made by the end of the month.", "cue_promise"},
	{"We will pay once we get paid by our client.", "cue_promise cue_promise_event"},
	{"The invoice is awaiting approval.", "cue_promise_event"},
	{"It will go in our next payment run.", "cue_pay_run"},
	{"Could we pay in instalments?", "cue_instalments cue_question"},
	{"We are still waiting for the credit note.", "cue_credit_note"},
	{"We were overcharged, the agreed price was lower.", "cue_wrong_price"},
	{"The goods arrived damaged.", "cue_damaged"},
	{"We have not yet received the goods.", "cue_not_delivered"},
	{"We never received the invoice.", "cue_invoice_not_received"},
	{"Please send us a copy of the invoice.", "cue_copy_request"},
	{"Please quote our PO number on the invoice.", "cue_po_missing"},
	{"I am out of the office until 12 May.", "cue_absent"},
	{"John is no longer with the company.", "cue_left_company"},
	{"We are facing cash flow difficulties.", "cue_cash_trouble"},
	{"The company has entered administration.", "cue_insolvency"},
	{"Thanks, the issue is now resolved.", "cue_dispute_settled cue_thanks"},
	{"Invoice no 4711 paid.", "cue_paid"},
	// English quoted reminders: no cue
	{"invoice overdue", ""},
	{"If you have already paid, please disregard this reminder.", ""},
	// German
	{"Die Rechnung wurde bereits überwiesen.", "cue_paid"},
	{"Wir haben noch nicht bezahlt.", "cue_neg_paid"},
	{"Wir werden die Rechnung bis Ende des Monats begleichen.", "cue_promise"},
	{"Die Ware ist beschädigt angekommen.", "cue_damaged"},
	{"Wir haben die Rechnung nicht erhalten.", "cue_invoice_not_received"},
	{"Bitte senden Sie uns eine Rechnungskopie.", "cue_copy_request"},
	{"Wir bitten um eine Gutschrift.", "cue_credit_note"},
	{"Ich bin bis einschließlich 3. Juni nicht im Büro.", "cue_absent cue_returns"},
	{"Zahlungserinnerung", ""},
	// Spanish
	{"Ya hemos pagado la factura.", "cue_paid"},
	{"Todavía no hemos pagado.", "cue_neg_paid"},
	{"Pagaremos la factura la semana que viene.", "cue_promise"},
	{"No hemos recibido la factura.", "cue_invoice_not_received"},
	{"Falta un bulto en la entrega.", "cue_missing_goods"},
	{"factura vencida", ""},
	// Italian
	{"Abbiamo già pagato la fattura.", "cue_paid"},
	{"Non abbiamo ancora pagato.", "cue_neg_paid"},
	{"Siamo in attesa della nota di credito.", "cue_credit_note"},
	{"La merce è arrivata danneggiata.", "cue_damaged"},
	{"Vorremmo un piano di rientro in 6 rate.", "cue_instalments"},
	{"Sollecito di pagamento: fattura scaduta", ""},
	// Mixed languages in one reply
	{"Bonjour, already paid. Danke!", "cue_paid cue_thanks"},
}

func TestReplies(t *testing.T) {
	l := Default()
	for _, r := range replies {
		got := strings.Join(l.Tokens(r.text), " ")
		if got != r.want {
			t.Errorf("%q\n got  %q\n want %q (%v)", r.text, got, r.want, l.Find(r.text))
		}
	}
	if len(replies) < 60 {
		t.Errorf("%d replies, want at least 60", len(replies))
	}
}

func TestFindOffsets(t *testing.T) {
	text := "Bonjour,\nnous n’avons PAS encore payé ; le virement partira le 15/04."
	want := []Match{
		{Cue: "paid", Negated: true, Start: strings.Index(text, "payé"), End: strings.Index(text, "payé") + len("payé"), Lang: "fr"},
		{Cue: "promise", Start: strings.Index(text, "virement"), End: strings.Index(text, "15/04") + len("15/04"), Lang: "fr"},
	}
	if got := Default().Find(text); !slices.Equal(got, want) {
		t.Errorf("Find(%q)\n got  %+v\n want %+v", text, got, want)
	}
}
