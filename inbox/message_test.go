package inbox

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

// emlCase is what a testdata/eml message must give. Expectations were
// written from the message, not from the parser's output.
type emlCase struct {
	file    string
	subject string
	from    string // address
	msgID   string
	lang    string
	auto    bool
	back    string // ReturnDate, YYYY-MM-DD
	bounce  bool
	rcpts   []string // bounce recipients
	atts    []string // attachment names, in order
	hints   int      // attachments flagged as possible remittance advice
	refs    []string
	has     string // in CleanText
	lacks   string // from the quoted reminder: never in CleanText
	warn    string // a substring of one warning
}

// FR/EN/DE/ES/IT/NL reminder phrases that must stay out of the new text.
const (
	remFR = "Sauf erreur ou omission"
	remEN = "Our records show"
	remDE = "bei der Durchsicht"
	remES = "Salvo error"
	remIT = "da un controllo contabile"
	remNL = "Volgens onze administratie"
)

var emlCases = []emlCase{
	{file: "01_gmail_fr_promise.eml", subject: "Re: Relance : factures échues – ACME Distribution", from: "compta@boulangerie-martin.fr",
		msgID: "CAF3x9qT7Lm2vR0pJw8Y1bq=kD5uN4hZ@mail.gmail.com", lang: "fr", refs: []string{"F-2026-09405", "F-2026-10274"},
		has: "Je fais le virement pour la facture F-2026-09405", lacks: remFR},
	{file: "02_gmail_en_paid_pdf.eml", subject: "Re: Payment reminder - invoice F-2026-00912 overdue", from: "tom@hl-joinery.co.uk",
		msgID: "CAKx7TgW1q0hn3Rr+ZpA9Vv2sYy@mail.gmail.com", lang: "en", atts: []string{"Remittance_Advice_13112026.pdf"}, hints: 1,
		refs: []string{"F-2026-00912"}, has: "We paid this on 13 November by BACS", lacks: remEN},
	{file: "03_outlook_fr_price_dispute.eml", subject: "RE: Relance facture F-2026-08553", from: "comptabilite@renov-alpes.fr",
		msgID: "PR3P192MB07310C4E1B2A9D7F5E3AB1C2D4E59@PR3P192MB0731.EURP192.PROD.OUTLOOK.COM", lang: "fr",
		refs: []string{"F-2026-08553"}, has: "Nous contestons le montant de la facture F-2026-08553", lacks: remFR},
	{file: "04_outlook_en_copy_related_logo.eml", subject: "RE: Payment reminder - overdue invoices on account C30208", from: "ap@northgate-fm.co.uk",
		msgID: "LO2P265MB5124A7B1E3C9F0D2B6A8E4F1C7D3B9A2@LO2P265MB5124.GBRP265.PROD.OUTLOOK.COM", lang: "en",
		refs: []string{"F-2026-01101", "F-2026-01033"}, has: "Could you please send us a copy", lacks: remEN},
	{file: "05_outlook_de_credit_note_latin1.eml", subject: "AW: Zahlungserinnerung Kundennummer C40117", from: "buchhaltung@holzbau-weiss.de",
		msgID: "8b1e2f3c4d5a6b7c8d9e0f1a2b3c4d5e@holzbau-weiss.de", lang: "de", refs: []string{"F-2026-07714", "F-2026-07802"},
		has: "wenn die zugesagte Gutschrift über die zurückgesandten Paletten", lacks: remDE},
	{file: "06_apple_iphone_fr_short.eml", subject: "Re: Relance facture F-2026-08730", from: "m.garnier@garage-garnier.fr",
		msgID: "3C1F9A2E-7B4D-4E8A-9F61-2D5C8B0A7E13@garage-garnier.fr", lang: "fr", refs: []string{"F-2026-08730"},
		has: "je fais le virement vendredi", lacks: remFR},
	{file: "07_apple_en_pdf_inside_alternative.eml", subject: "Re: Payment reminder - invoice F-2026-00977 overdue", from: "claire@wrightcatering.co.uk",
		msgID: "A7F3E9D1-2B4C-4D6E-8F0A-1C3E5B7D9F2A@wrightcatering.co.uk", lang: "en", atts: []string{"Remittance-WrightCatering-18Nov.pdf"}, hints: 1,
		refs: []string{"F-2026-00977"}, has: "Payment for F-2026-00977 went out this morning", lacks: remEN},
	{file: "08_thunderbird_de_flowed_paid.eml", subject: "Re: Zahlungserinnerung Kundennummer C40233", from: "m.engel@engel-elektro.de",
		msgID: "5d0c7e2a-3b1f-4c88-9e6d-2a7f1b9c4e30@engel-elektro.de", lang: "de", refs: []string{"F-2026-07931"},
		has: "per SEPA-Überweisung bezahlt (Verwendungszweck", lacks: remDE},
	{file: "09_thunderbird_fr_inline_answers.eml", subject: "Re: Relance : factures échues", from: "pharmacie.centre@wanadoo.fr",
		msgID: "b4e8d1a0-6c2f-4e9b-8a31-7f5d2c0e9b14@wanadoo.fr", lang: "fr", refs: []string{"F-2026-09961", "F-2026-10118"},
		has: "Pour celle-là nous attendons toujours la livraison", lacks: remFR},
	{file: "10_html_only_fr_list_link.eml", subject: "Re: Relance : factures échues – ACME Distribution", from: "factures@transports-lemoine.fr",
		msgID: "20261123152000.44817@transports-lemoine.fr", lang: "fr", refs: []string{"F-2026-10302", "F-2026-10455"},
		has: "- F-2026-10455 : sera réglée le 15 décembre", lacks: remFR},
	{file: "11_html_only_en_table.eml", subject: "RE: Statement of account C30377", from: "purchase.ledger@brightwellhotels.ie",
		msgID: "DB9PR02MB7281E6F5A4B3C2D1E0F9A8B7C6D5E4F3@DB9PR02MB7281.eurprd02.prod.outlook.com", lang: "en",
		refs: []string{"INV-10442", "INV-10458"}, has: "INV-10458 | Disputed - wrong quantity", lacks: "do not show"},
	{file: "12_utf16_base64_fr_receivership.eml", subject: "Re: Relance facture F-2026-09033", from: "contact@vidal-cuisines.fr",
		msgID: "utf16-20261125110000@vidal-cuisines.fr", lang: "fr", refs: []string{"F-2026-09033"},
		has: "placée en redressement judiciaire le 12 novembre 2026", lacks: "Gérante, Vidal Cuisines"},
	{file: "13_utf16le_html_de_copy.eml", subject: "AW: Zahlungserinnerung – F-2026-07650", from: "p.schaefer@schaefer-gastro.de",
		msgID: "utf16le.7650@schaefer-gastro.de", lang: "de", refs: []string{"F-2026-07650"},
		has: "bitte senden Sie uns eine Kopie der Rechnung F-2026-07650", lacks: "Schäfer Gastro GmbH"},
	{file: "14_latin1_qp_fr_payment_plan.eml", subject: "RE : Relance facture F-2026-08807", from: "contact@menuiserie-faure.fr",
		msgID: "000001db3e5a$4b2c1d00$e1845700$@menuiserie-faure.fr", lang: "fr", refs: []string{"F-2026-08807"},
		has: "en trois échéances de 2 140,00 EUR", lacks: remFR},
	{file: "15_win1252_qp_fr_not_ordered.eml", subject: "Re : Facture F-2026-10577 – erreur", from: "lea.morel@comptoir-gourmand.fr",
		msgID: "win1252.10577.1@comptoir-gourmand.fr", lang: "fr", refs: []string{"F-2026-10577"},
		has: "Nous n’avons pas commandé les 12 cartons de gobelets facturés sur la F-2026-10577 (412,80 €)", lacks: "Le Comptoir Gourmand"},
	{file: "16_rfc2047_iso8859-15_subject_cheque.eml", subject: "Chèque envoyé - 1 980,00 €", from: "y.perrin@cave-perrin.fr",
		msgID: "cheque-10630@cave-perrin.fr", lang: "fr", refs: []string{"F-2026-10630"},
		has: "Le chèque de 1 980,00 € pour la facture F-2026-10630 est parti", lacks: remFR},
	{file: "17_rfc2047_utf8_b_split_char_quantity.eml", subject: "RE: Relance – facture F-2026-10711 – désaccord sur la quantité livrée", from: "t.roux@roux-materiaux.fr",
		msgID: "AM0PR07MB6113F2E4D1C0B9A8@AM0PR07MB6113.eurprd07.prod.outlook.com", lang: "fr", refs: []string{"F-2026-10711"},
		has: "Nous avons reçu 18 palettes au lieu des 24", lacks: remFR},
	{file: "18_shift_jis_body_iso2022jp_subject.eml", subject: "Re: Payment reminder - ヤマダ精機ヨーロッパ", from: "finance@yamada-seiki.eu",
		msgID: "20261125021409.5A3C.7B1E@yamada-seiki.eu", lang: "en", refs: []string{"F-2026-01188"},
		has: "needs approval from our head office in Osaka", lacks: remEN},
	{file: "19_broken_rfc2047_subject.eml", subject: "Re: Relance facture F-2026-10824 déjà payée", from: "f.lefevre@lefevre-peinture.fr",
		msgID: "broken2047.10824@lefevre-peinture.fr", lang: "fr", refs: []string{"F-2026-10824"},
		has: "a déjà été payée par virement le 24 novembre", lacks: "Lefèvre Peinture"},
	{file: "20_gmail_inline_forward_fr.eml", subject: "Fwd: Re: Relance facture F-2026-09590", from: "isabelle@fleurs-caron.fr",
		msgID: "CAB8nq=Fw0rD3dX9Lk2pM7uT1yZ@mail.gmail.com", lang: "fr", refs: []string{"F-2026-09590"},
		has: "Voici la réponse de notre cabinet comptable", lacks: "est programmé pour le 30 novembre"},
	{file: "21_outlook_en_rfc822_bank_confirmation.eml", subject: "RE: Second reminder - overdue invoices on account C30655", from: "payments@greenfield-dairy.co.uk",
		msgID: "CWLP265MB3378A1B2C3D4E5F6@CWLP265MB3378.GBRP265.PROD.OUTLOOK.COM", lang: "en",
		atts: []string{"Payment sent ACME DISTRIBUTION LTD.eml"}, refs: []string{"INV-10561", "INV-10574"},
		has: "both invoices were paid on Monday", lacks: "Your payment has been sent"},
	{file: "22_outlook_de_reminder_attached_rfc822.eml", subject: "WG: Zahlungserinnerung Kundennummer C40301", from: "s.krause@krause-baeckerei.de",
		msgID: "7f31c2d9a8b04e5f9c61d2e3b4a5f6e7@krause-baeckerei.de", lang: "de",
		atts: []string{"Zahlungserinnerung Kundennummer C40301.eml"}, refs: []string{"F-2026-07588"},
		has: "wir haben keine Lieferung zu dieser Rechnung erhalten", lacks: remDE},
	{file: "23_outlook_fr_pdf_rfc2231_name.eml", subject: "RE: Relance facture F-2026-09877", from: "compta@hotel-lesalpages.fr",
		msgID: "PAXP193MB1822C9D8E7F6A5B4@PAXP193MB1822.EURP193.PROD.OUTLOOK.COM", lang: "fr",
		atts: []string{"Avis de virement F-2026-09877.pdf"}, hints: 1, refs: []string{"F-2026-09877"},
		has: "l'avis de virement correspondant au règlement", lacks: remFR},
	{file: "24_gmail_es_pdf_octet_stream.eml", subject: "Re: Recordatorio de pago - factura F-2026-05120", from: "administracion@distgomez.es",
		msgID: "CAJ2pL4mT9qXw3Zr8VnB0uK5eYs@mail.gmail.com", lang: "es", atts: []string{"justificante_transferencia.pdf"}, hints: 1,
		refs: []string{"F-2026-05120"}, has: "Les adjunto el justificante de la transferencia", lacks: remES},
	{file: "25_gmail_it_jpeg_scan.eml", subject: "Re: Sollecito di pagamento fattura F-2026-06231", from: "amministrazione@dagino.it",
		msgID: "CAM5kR8vN2wQ7yU1tP3sL9dZ0hX@mail.gmail.com", lang: "it", atts: []string{"contabile_bonifico.jpg"}, hints: 1,
		refs: []string{"F-2026-06231"}, has: "in allegato la contabile del bonifico", lacks: remIT},
	{file: "26_autoreply_fr_auto_submitted.eml", subject: "Réponse automatique : Relance facture F-2026-10890", from: "c.dumas@dumas-traiteur.fr",
		msgID: "ooo-7e1c2d3f@dumas-traiteur.fr", lang: "fr", auto: true, back: "2026-12-07", refs: []string{"F-2026-10890"},
		has: "Je suis absente jusqu'au 7 décembre inclus", lacks: "Claire Dumas"},
	{file: "27_autoreply_en_outlook_until_3rd.eml", subject: "Automatic reply: Payment reminder - overdue invoices on account C30721", from: "r.hale@halefoods.co.uk",
		msgID: "LO4P265MB6801AUTO3F2E1D0C@LO4P265MB6801.GBRP265.PROD.OUTLOOK.COM", lang: "en", auto: true, back: "2026-12-03",
		has: "I am out of the office until December 3rd"},
	{file: "28_autoreply_de_bis_zum.eml", subject: "Automatische Antwort: Zahlungserinnerung Kundennummer C40412", from: "t.berger@berger-metallbau.de",
		msgID: "auto.20261123073102.C40412@berger-metallbau.de", lang: "de", auto: true, back: "2026-12-04",
		has: "Ich bin bis zum 4. Dezember nicht im Büro", lacks: "Thomas Berger"},
	{file: "29_autoreply_es_x_autoreply.eml", subject: "Respuesta automática: Recordatorio de pago", from: "lfernandez@hosteleria-fernandez.es",
		msgID: "autoreply-88213@hosteleria-fernandez.es", lang: "es", auto: true, back: "2026-12-09",
		has: "Estoy fuera de la oficina hasta el 9 de diciembre", lacks: "Lucía Fernández"},
	{file: "30_autoreply_fr_no_headers_subject.eml", subject: "Absence du bureau", from: "b.lucas@lucas-plomberie.fr",
		msgID: "absence.lucas.20261124@lucas-plomberie.fr", lang: "fr", auto: true, back: "2026-11-30",
		has: "Je suis absent jusqu'au lundi 30 novembre"},
	{file: "31_autoreply_en_phrase_only.eml", subject: "RE: Payment reminder - invoice F-2026-01240 overdue", from: "olivia.grant@grantandco.ie",
		msgID: "0a9b8c7d6e5f4a3b2c1d@grantandco.ie", lang: "en", auto: true, back: "2026-12-02", refs: []string{"F-2026-01240"},
		has: "I am currently out of the office until 2 December"},
	{file: "32_autoreply_precedence_bulk_ticket.eml", subject: "[Ticket #48213] RE: Payment reminder - overdue invoices on account C70118", from: "ap-helpdesk@medline-supplies.nl",
		msgID: "ticket-48213-ack@medline-supplies.nl", lang: "en", auto: true, has: "Your request has been received"},
	{file: "33_autoreply_nl_tot_en_met.eml", subject: "Automatisch antwoord: Betalingsherinnering factuur F-2026-04410", from: "s.devries@bakkerij-devries.nl",
		msgID: "autoreply.devries.20261123@bakkerij-devries.nl", lang: "nl", auto: true, back: "2026-12-05", refs: []string{"F-2026-04410"},
		has: "Ik ben afwezig tot en met 5 december", lacks: "Sanne de Vries"},
	{file: "34_autoreply_it_fino_al.eml", subject: "Risposta automatica: Sollecito di pagamento fattura F-2026-06302", from: "m.rossi@rossi-edilizia.it",
		msgID: "ooo.rossi.1123@rossi-edilizia.it", lang: "it", auto: true, back: "2026-12-10", refs: []string{"F-2026-06302"},
		has: "sono fuori ufficio fino al 10 dicembre", lacks: "Marco Rossi"},
	{file: "35_dsn_postfix_bounce.eml", subject: "Undelivered Mail Returned to Sender", from: "MAILER-DAEMON@mx1.acme-distribution.fr",
		msgID: "20261124065852.7A2B14D1B2C@mx1.acme-distribution.fr", lang: "en", bounce: true, rcpts: []string{"compta@ancien-client.fr"},
		refs: []string{"F-2026-08112"}, has: "your message could not\nbe delivered", lacks: remFR},
	{file: "36_dsn_exchange_fr_non_remis.eml", subject: "Non remis : Relance : factures échues", from: "postmaster@acme-distribution.fr",
		msgID: "8d2c1e0f-ndr-4b3a@PR1P192MB0123.EURP192.PROD.OUTLOOK.COM", lang: "fr", bounce: true, rcpts: []string{"comptabilite@boutique-fermee.fr"},
		has: "Votre message n'a pas pu être remis à comptabilite@boutique-fermee.fr"},
	{file: "37_bounce_exim_no_dsn.eml", subject: "Mail delivery failed: returning message to sender", from: "Mailer-Daemon@mx2.acme-distribution.com",
		msgID: "E1tF3aB-0007Xy-2k@mx2.acme-distribution.com", lang: "en", bounce: true, rcpts: []string{"accounts@closed-pub.co.uk"},
		refs: []string{"F-2026-01302"}, has: "The following address(es) failed", lacks: remEN},
	{file: "38_malformed_missing_end_boundary.eml", subject: "Re: Relance facture F-2026-10999", from: "p.meunier@meunier-sarl.fr",
		msgID: "truncated.10999@meunier-sarl.fr", lang: "fr", atts: []string{"reclamation.pdf"}, hints: 1, refs: []string{"F-2026-10999"},
		has: "Nous ne sommes pas d'accord avec les pénalités de retard", warn: "end boundary missing"},
	{file: "39_malformed_wrong_boundary.eml", subject: "Re: Zahlungserinnerung F-2026-07702", from: "a.kowalski@kowalski-bau.de",
		msgID: "wrongboundary.7702@kowalski-bau.de", lang: "de", refs: []string{"F-2026-07702"},
		has: "wir bitten um Ratenzahlung: 3 Raten à 1.200 EUR", lacks: "Agnes Kowalski", warn: "not found"},
	{file: "40_unknown_charset_x_mac_foo.eml", subject: "Re: Relance facture F-2026-10712", from: "j.dupuis@dupuis-imprimerie.fr",
		msgID: "xmacfoo.10712@dupuis-imprimerie.fr", lang: "fr", refs: []string{"F-2026-10712"},
		has: "sera réglée le 10 décembre par virement, après validation", lacks: "Jean Dupuis", warn: "unknown charset x-mac-foo"},
	{file: "41_no_content_type_raw_utf8.eml", subject: "facture F-2026-10455", from: "compta@serrurerie-blanc.fr",
		msgID: "20261126210300.GA4411@serrurerie-blanc.fr", lang: "fr", refs: []string{"F-2026-10455"},
		has: "pouvez-vous m'envoyer un duplicata de la facture F-2026-10455"},
	{file: "42_garbled_date_no_message_id.eml", subject: "RE: Relance facture F-2026-10160", from: "compta@garage-central.fr",
		lang: "fr", refs: []string{"F-2026-10160"}, has: "Je ne suis plus en charge de la comptabilité fournisseurs", lacks: "Luc Moreau", warn: "unreadable Date"},
	{file: "43_broken_base64_body.eml", subject: "Re: Relance facture F-2026-10033", from: "s.marchand@marchand-fleurs.fr",
		msgID: "b64broken.10033@marchand-fleurs.fr", lang: "fr", refs: []string{"F-2026-10033"},
		has: "Merci de vérifier de votre côté.", warn: "invalid base64"},
	{file: "44_gmail_es_payment_plan.eml", subject: "Re: Recordatorio de pago - facturas vencidas", from: "jortega@bodegasortega.es",
		msgID: "CAH3vX9sR1mP8qL0kT5wN2yZ7bJ@mail.gmail.com", lang: "es", refs: []string{"F-2026-05087", "F-2026-05133"},
		has: "pagar la factura F-2026-05087 en tres plazos mensuales", lacks: remES},
	{file: "45_gmail_it_invoice_copy.eml", subject: "Re: Sollecito di pagamento fattura F-2026-06255", from: "f.conti@conti-ottica.it",
		msgID: "CAN7dP2xK4vQ9sW1mL8rT3bY6hZ@mail.gmail.com", lang: "it", refs: []string{"F-2026-06255"},
		has: "Potreste inviarcene una copia in PDF?", lacks: remIT},
	{file: "46_outlook_nl_dispute.eml", subject: "RE: Betalingsherinnering factuur F-2026-04472", from: "inkoop@jansenhoreca.nl",
		msgID: "AS8PR04MB8321D7C6B5A4F3E2@AS8PR04MB8321.eurprd04.prod.outlook.com", lang: "nl", refs: []string{"F-2026-04472"},
		has: "er zijn 20 dozen gefactureerd, maar wij hebben er maar 15 ontvangen", lacks: remNL},
	{file: "47_outlook_ios_en_wrong_contact.eml", subject: "Re: Payment reminder - invoice F-2026-01277 overdue", from: "emma.walsh@parksidedental.co.uk",
		msgID: "DB7PR05MB5450IOS9E8D7C6B5@DB7PR05MB5450.eurprd05.prod.outlook.com", lang: "en", refs: []string{"F-2026-01277"},
		has: "no longer deal with their accounts", lacks: remEN},
	{file: "48_fr_financial_difficulty_lf.eml", subject: "Re: Relance : factures échues", from: "contact@aubert-paysage.fr",
		msgID: "CADiff1cult3=Tr3s0rer1e@mail.gmail.com", lang: "fr", refs: []string{"F-2026-09201", "F-2026-09788"},
		has: "Nous ne pourrons pas payer les deux factures avant janvier", lacks: remFR},
	{file: "49_outlook_html_only_de_paid.eml", subject: "AW: Zahlungserinnerung F-2026-07855", from: "l.hoffmann@hoffmann-catering.de",
		msgID: "FR3P281MB2391B8A7C6D5E4F3@FR3P281MB2391.DEUP281.PROD.OUTLOOK.COM", lang: "de", refs: []string{"F-2026-07855"},
		has: "die Zahlung über 4.980,00 EUR für die F-2026-07855", lacks: remDE},
	{file: "50_outlook_fr_winmail_dat.eml", subject: "RE: Relance facture F-2026-10390", from: "c.lambert@lambert-optique.fr",
		msgID: "000501db3f2a$1c2d3e40$4f5a6b70$@lambert-optique.fr", lang: "fr", atts: []string{"winmail.dat"}, refs: []string{"F-2026-10390"},
		has: "sera effectué le 15 décembre, à réception du règlement", lacks: "Corinne Lambert"},
	{file: "51_apple_en_related_screenshot_and_logo.eml", subject: "Re: Payment reminder - invoice F-2026-01311 overdue", from: "noah@becker-design.com",
		msgID: "C1D2E3F4-A5B6-4C7D-8E9F-0A1B2C3D4E5F@becker-design.com", lang: "en",
		atts: []string{"Screenshot 2026-11-25 at 09.38.12.png"}, hints: 1, refs: []string{"F-2026-01311"},
		has: "Screenshot of our online banking below", lacks: remEN},
	{file: "52_smime_signed_fr_plan.eml", subject: "Échéancier – compte C10588", from: "daf@chevalier-industries.fr",
		msgID: "smime.c10588.1@chevalier-industries.fr", lang: "fr",
		has: "en quatre mensualités de 2 100 € à partir du 5 décembre", lacks: "DAF – Chevalier Industries"},
	{file: "53_fr_human_mentions_absence.eml", subject: "Re: Relance facture F-2026-10001", from: "alain.mercier@mercier-elec.fr",
		msgID: "CAHuman4bs3nt=Xy@mail.gmail.com", lang: "fr", refs: []string{"F-2026-10001"},
		has: "Le virement de 780,00 € pour la facture F-2026-10001 partira demain matin", lacks: remFR},
	{file: "54_en_invoice_ref_shapes.eml", subject: "RE: Statement C30377 - INV-10442 / INV-10458", from: "accounts@byrnehospitality.ie",
		msgID: "refs.shapes.30377@byrnehospitality.ie", lang: "en",
		refs: []string{"INV-10442", "INV-10458", "10463", "CN-2026-0077", "F-2026-00912"},
		has:  "invoices 10458 and 10463 are on hold", lacks: "Byrne Hospitality Group"},
	{file: "55_fr_refs_digits_after_keyword.eml", subject: "Re: Relance factures 1187, 1203, 1219, 1245", from: "compta@garnier-fils.fr",
		msgID: "digits.refs.1187@garnier-fils.fr", lang: "fr", refs: []string{"1187", "1203", "1219", "1245", "FA25-0456"},
		has: "La facture 1245 fait l'objet d'un litige", lacks: "Garnier & Fils SAS"},
	{file: "56_de_rechnung_nr_re_prefix.eml", subject: "AW: Mahnung Rechnung 4711", from: "c.vogel@vogel-getraenke.de",
		msgID: "re5512.vogel@vogel-getraenke.de", lang: "de", refs: []string{"4711", "RE-2026-5512"},
		has: "die Rechnung Nr. 4711 haben wir am 19.11. überwiesen", lacks: "Vogel Getränke GmbH"},
	{file: "57_outlook_fr_long_qp_admin_dispute.eml", subject: "RE: Relance facture F-2026-10215", from: "fournisseurs@hotels-aravis.fr",
		msgID: "PR2P192MB1199E8F7A6B5C4D3@PR2P192MB1199.EURP192.PROD.OUTLOOK.COM", lang: "fr", refs: []string{"F-2026-10215"},
		has: "le bon de commande correspondant (BC-2026-3391) n'a jamais été réceptionné informatiquement", lacks: "Ce message et toutes les pièces jointes"},
	{file: "58_mbox_from_line_en.eml", subject: "Re: Payment reminder - invoice F-2026-01290 overdue", from: "ap@seaview-hotel.co.uk",
		msgID: "3f2e1d0c-mbox-4b5a@seaview-hotel.co.uk", lang: "en", refs: []string{"F-2026-01290"},
		has: "on Friday 27 November with our weekly payment run", lacks: "Seaview Hotel Accounts"},
	{file: "59_gmail_en_crlf_promise.eml", subject: "Re: Payment reminder - invoice F-2026-01266 overdue", from: "lucy@pembertonflorist.co.uk",
		msgID: "CAL9fQ2vP7rX1mN4kT8sY0wB3zJ@mail.gmail.com", lang: "en", refs: []string{"F-2026-01266"},
		has: "will be made by 4 December at the latest", lacks: remEN},
	{file: "60_outlook_es_latin1_price_dispute.eml", subject: "RV: Recordatorio de pago - factura F-2026-05177", from: "compras@hotelesruiz.es",
		msgID: "DU2PR03MB7890A1B2C3D4E5F6@DU2PR03MB7890.eurprd03.prod.outlook.com", lang: "es", refs: []string{"F-2026-05177"},
		has: "no corresponde con la tarifa pactada para 2026", lacks: remES},
	{file: "61_outlook_it_quality_dispute.eml", subject: "R: Sollecito di pagamento fattura F-2026-06288", from: "acquisti@grecoforniture.it",
		msgID: "VI1PR06MB4455F6E5D4C3B2A1@VI1PR06MB4455.eurprd06.prod.outlook.com", lang: "it", refs: []string{"F-2026-06288"},
		has: "è arrivata danneggiata: 6 cartoni su 20", lacks: remIT},
	{file: "62_outlook_fr_nested_related_pdf.eml", subject: "RE: Relance facture F-2026-10500", from: "m.leroy@leroy-boissons.fr",
		msgID: "PAXP191MB2020ABCDEF012345@PAXP191MB2020.EURP191.PROD.OUTLOOK.COM", lang: "fr",
		atts: []string{"Bordereau remise cheque.pdf"}, hints: 1, refs: []string{"F-2026-10500"},
		has: "Ci-joint le bordereau de remise de chèque", lacks: remFR},
	{file: "63_html_meta_charset_win1252.eml", subject: "Re: Relance facture F-2026-10588", from: "g.noel@noel-traiteur.fr",
		msgID: "meta.charset.10588@noel-traiteur.fr", lang: "fr", refs: []string{"F-2026-10588"},
		has: "(1 050,00 €) a été envoyé aujourd’hui par virement", lacks: "Gérard Noël"},
	{file: "64_read_receipt_mdn.eml", subject: "Lu : Relance facture F-2026-10622", from: "compta@bistrotduport.fr",
		msgID: "mdn.10622@bistrotduport.fr", lang: "fr", auto: true, refs: []string{"F-2026-10622"}, has: "a été lu le mardi 24 novembre"},
	{file: "65_thunderbird_en_bottom_post.eml", subject: "Re: Payment reminder - invoice F-2026-01355 overdue", from: "accounts@harbourmarine.co.uk",
		msgID: "9b8a7c6d-bottom-post@harbourmarine.co.uk", lang: "en", refs: []string{"F-2026-01355"},
		has: "This invoice is not due yet", lacks: remEN},
	{file: "66_raw_utf8_headers.eml", subject: "Re: Relance échéance dépassée – F-2026-10677", from: "zoe@creperie-zoe.fr",
		msgID: "raw8bit.10677@creperie-zoe.fr", lang: "fr", refs: []string{"F-2026-10677"},
		has: "Pourriez-vous m'envoyer un RIB à jour ?"},
	{file: "67_fr_very_short_ok.eml", subject: "Re: Relance facture F-2026-10790", from: "bruno@picard-cycles.fr",
		msgID: "short.ok.10790@picard-cycles.fr", lang: "", refs: []string{"F-2026-10790"}, has: "OK", lacks: remFR},
}

func TestParseMessageTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "eml", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 60 {
		t.Fatalf("testdata/eml holds %d messages, want at least 60", len(files))
	}
	covered := map[string]bool{}
	for _, c := range emlCases {
		covered[c.file] = true
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s has no expectation in emlCases", filepath.Base(f))
		}
	}
	for _, c := range emlCases {
		t.Run(strings.TrimSuffix(c.file, ".eml"), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "eml", c.file))
			if err != nil {
				t.Fatal(err)
			}
			m, err := ParseMessage(raw, DefaultLimits())
			if err != nil {
				t.Fatalf("ParseMessage: %v", err)
			}
			checkMessage(t, c, m)
		})
	}
}

func checkMessage(t *testing.T, c emlCase, m *Message) {
	t.Helper()
	if m.Subject != c.subject {
		t.Errorf("Subject = %q, want %q", m.Subject, c.subject)
	}
	if m.From.Email != c.from {
		t.Errorf("From = %q, want %q", m.From.Email, c.from)
	}
	if m.MessageID != c.msgID {
		t.Errorf("MessageID = %q, want %q", m.MessageID, c.msgID)
	}
	if m.Lang != c.lang {
		t.Errorf("Lang = %q, want %q", m.Lang, c.lang)
	}
	if m.AutoReply != c.auto {
		t.Errorf("AutoReply = %v (%s), want %v", m.AutoReply, m.AutoReplyReason, c.auto)
	}
	switch {
	case c.back == "" && m.ReturnDate != nil:
		t.Errorf("ReturnDate = %s, want none", m.ReturnDate.Format(time.DateOnly))
	case c.back != "" && (m.ReturnDate == nil || m.ReturnDate.Format(time.DateOnly) != c.back):
		t.Errorf("ReturnDate = %v, want %s", m.ReturnDate, c.back)
	}
	if m.Bounce != c.bounce || !slices.Equal(m.BounceRecipients, c.rcpts) {
		t.Errorf("Bounce = %v %q, want %v %q", m.Bounce, m.BounceRecipients, c.bounce, c.rcpts)
	}
	var names []string
	hints := 0
	for _, a := range m.Attachments {
		names = append(names, a.Name)
		if a.RemittanceHint {
			hints++
		}
		if a.Size != len(a.Data) {
			t.Errorf("attachment %s: Size %d, %d bytes of data", a.Name, a.Size, len(a.Data))
		}
	}
	if !slices.Equal(names, c.atts) || hints != c.hints {
		t.Errorf("attachments = %q with %d remittance hints, want %q with %d", names, hints, c.atts, c.hints)
	}
	if !slices.Equal(m.InvoiceRefs, c.refs) {
		t.Errorf("InvoiceRefs = %q, want %q", m.InvoiceRefs, c.refs)
	}
	if !strings.Contains(m.CleanText, c.has) {
		t.Errorf("CleanText lacks %q:\n%s", c.has, m.CleanText)
	}
	if c.lacks != "" && strings.Contains(m.CleanText, c.lacks) {
		t.Errorf("CleanText holds %q:\n%s", c.lacks, m.CleanText)
	}
	if c.lacks != "" && strings.HasPrefix(c.lacks, remFR[:4]) && !strings.Contains(m.Quoted, c.lacks) {
		t.Errorf("Quoted lacks the reminder %q", c.lacks)
	}
	warned := c.warn == ""
	for _, w := range m.Warnings {
		warned = warned || strings.Contains(w, c.warn)
	}
	if !warned {
		t.Errorf("Warnings = %q, want one with %q", m.Warnings, c.warn)
	}
	if c.warn == "" && len(m.Warnings) > 0 {
		t.Errorf("unexpected warnings %q", m.Warnings)
	}
	checkInvariants(t, m)
}

// checkInvariants holds for every parsed message: text a database and a
// browser accept.
func checkInvariants(t testing.TB, m *Message) {
	t.Helper()
	for name, s := range map[string]string{"Text": m.Text, "CleanText": m.CleanText, "Quoted": m.Quoted,
		"Subject": m.Subject, "From": m.From.String(), "MessageID": m.MessageID, "InReplyTo": m.InReplyTo} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
		if strings.ContainsRune(s, 0) {
			t.Errorf("%s holds a NUL byte", name)
		}
	}
	if m.Lang != "" && !slices.Contains(Languages, m.Lang) {
		t.Errorf("Lang = %q", m.Lang)
	}
}

func TestParseMessageNotAMessage(t *testing.T) {
	for name, in := range map[string]string{
		"empty":       "",
		"blank":       "\n\r\n  \n",
		"text":        "Bonjour,\nje vous confirme le paiement.\n",
		"json":        `{"id":"c1","text":"payé","status":"already_paid"}`,
		"csv":         "number;amount\nF-2026-09405;1245.60\n",
		"binary":      "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"unknown key": "Hello: world\n\nbody\n",
		"pdf":         "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := ParseMessage([]byte(in), DefaultLimits())
			if !errors.Is(err, ErrNotMessage) || m != nil {
				t.Fatalf("ParseMessage = %v, %v; want ErrNotMessage", m, err)
			}
		})
	}
}

func TestParseMessageLimits(t *testing.T) {
	deep := func(levels int) string {
		var b strings.Builder
		b.WriteString("From: a@example.com\nSubject: deep\nContent-Type: multipart/mixed; boundary=b" + itoa(0) + "\n\n")
		for i := 1; i <= levels; i++ {
			b.WriteString("--b" + itoa(i-1) + "\nContent-Type: multipart/mixed; boundary=b" + itoa(i) + "\n\n")
		}
		b.WriteString("--b" + itoa(levels) + "\nContent-Type: text/plain\n\nhello\n")
		for i := levels; i >= 0; i-- {
			b.WriteString("--b" + itoa(i) + "--\n")
		}
		return b.String()
	}
	many := func(parts int) string {
		var b strings.Builder
		b.WriteString("From: a@example.com\nSubject: many\nContent-Type: multipart/mixed; boundary=zz\n\n")
		for range parts {
			b.WriteString("--zz\nContent-Type: text/plain\n\nx\n")
		}
		b.WriteString("--zz--\n")
		return b.String()
	}
	tests := []struct {
		name string
		raw  string
		lim  Limits
		want error
	}{
		{"size", "From: a@example.com\nSubject: big\n\n" + strings.Repeat("x", 2000), Limits{MaxBytes: 1000}, ErrTooLarge},
		{"header", "From: a@example.com\nSubject: " + strings.Repeat("y", 5000) + "\n\nbody", Limits{MaxHeaderBytes: 1024}, ErrTooLarge},
		{"part header", "From: a@example.com\nContent-Type: multipart/mixed; boundary=q\n\n--q\nX-Pad: " + strings.Repeat("z", 3000) + "\n\nx\n--q--\n", Limits{MaxHeaderBytes: 1024}, ErrTooLarge},
		{"depth", deep(30), DefaultLimits(), ErrTooDeep},
		{"depth ok", deep(10), DefaultLimits(), nil},
		{"parts", many(50), Limits{MaxParts: 20}, ErrTooManyParts},
		{"parts ok", many(50), DefaultLimits(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMessage([]byte(tt.raw), tt.lim)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("ParseMessage: %v", err)
				}
				checkInvariants(t, m)
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func itoa(i int) string { return string(rune('a'+i/26)) + string(rune('a'+i%26)) }

// Every prefix of every test message is still read without a panic: a
// message cut by a full disk or a dropped connection is repaired, not lost.
func TestParseMessageTruncated(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "eml", "*.eml"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		step := max(len(raw)/40, 1)
		for n := 0; n < len(raw); n += step {
			m, err := ParseMessage(raw[:n], DefaultLimits())
			if err != nil {
				if !errors.Is(err, ErrNotMessage) || strings.Contains(err.Error(), parserFailure) {
					t.Errorf("%s[:%d]: %v", filepath.Base(f), n, err)
				}
				continue
			}
			checkInvariants(t, m)
		}
	}
}

func TestParseMessageRepairs(t *testing.T) {
	tests := []struct {
		name, raw      string
		subject, text  string
		from           string
		date           string
		warn           string
		attachments    int
		attachmentType string
	}{
		{name: "no header end", raw: "From: a@example.com\nSubject: hi\nBonjour, payé hier.\n",
			subject: "hi", text: "Bonjour, payé hier.", from: "a@example.com", warn: "header not ended"},
		{name: "stray header line", raw: "From: a@example.com\nthis is not a header\nSubject: hi\n\nbody\n",
			subject: "hi", text: "body", from: "a@example.com", warn: "without a colon"},
		{name: "leading blank lines", raw: "\n\nFrom: a@example.com\nSubject: hi\n\nbody\n", subject: "hi", text: "body", from: "a@example.com"},
		{name: "latin1 raw header", raw: "From: Ren\xe9 <r@example.fr>\nSubject: R\xe9ponse\n\nok merci\n",
			subject: "Réponse", text: "ok merci", from: "r@example.fr", warn: "Windows-1252"},
		{name: "date with comment", raw: "From: a@example.com\nDate: Tue, 3 Mar 2026 10:02:00 +0100 (CET)\n\nx\n", text: "x", from: "a@example.com", date: "2026-03-03T10:02:00+01:00"},
		{name: "date iso", raw: "From: a@example.com\nDate: 2026-03-03 10:02:00 +0100\n\nx\n", text: "x", from: "a@example.com", date: "2026-03-03T10:02:00+01:00"},
		{name: "date no seconds", raw: "From: a@example.com\nDate: 3 Mar 2026 10:02 GMT\n\nx\n", text: "x", from: "a@example.com", date: "2026-03-03T10:02:00Z"},
		{name: "missing date", raw: "From: a@example.com\n\nx\n", text: "x", from: "a@example.com", warn: "no Date"},
		{name: "loose address", raw: "From: Service compta <compta@example.fr\nSubject: s\n\nx\n", subject: "s", text: "x", from: "compta@example.fr"},
		{name: "bad content type", raw: "From: a@example.com\nContent-Type: text\n\nplain text\n", text: "plain text", from: "a@example.com", warn: "Content-Type"},
		{name: "broken params", raw: "From: a@example.com\nContent-Type: text/plain; charset=utf-8; format\n\nhé\n", text: "hé", from: "a@example.com"},
		{name: "multipart without boundary", raw: "From: a@example.com\nContent-Type: multipart/mixed\n\nsome text\n", text: "some text", from: "a@example.com", warn: "without parts"},
		{name: "unknown transfer encoding", raw: "From: a@example.com\nContent-Transfer-Encoding: x-uue\n\nhello\n", text: "hello", from: "a@example.com", warn: "unknown transfer encoding"},
		{name: "bad qp escape", raw: "From: a@example.com\nContent-Transfer-Encoding: quoted-printable\n\n100 =ZZ euros =\nsoft\n", text: "100 =ZZ euros soft", from: "a@example.com"},
		{name: "invalid utf-8", raw: "From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\nbad \xff\xfe bytes\n", text: "bad \uFFFD bytes", from: "a@example.com", warn: "invalid UTF-8"},
		{name: "8bit without charset", raw: "From: a@example.com\n\nr\xe9gl\xe9\n", text: "réglé", from: "a@example.com", warn: "without charset"},
		{name: "utf-8 labelled ascii", raw: "From: a@example.com\nContent-Type: text/plain; charset=us-ascii\n\nréglé\n", text: "réglé", from: "a@example.com"},
		{name: "iso-8859-1 curly quote", raw: "From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n\nd\x92accord \x80\n", text: "d’accord €", from: "a@example.com"},
		{name: "octet stream pdf sniffed", raw: "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nsee attached\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n",
			text: "see attached", from: "a@example.com", attachments: 1, attachmentType: "application/pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMessage([]byte(tt.raw), DefaultLimits())
			if err != nil {
				t.Fatalf("ParseMessage: %v", err)
			}
			checkInvariants(t, m)
			if m.Subject != tt.subject || m.Text != tt.text || m.From.Email != tt.from {
				t.Errorf("got subject %q text %q from %q, want %q %q %q", m.Subject, m.Text, m.From.Email, tt.subject, tt.text, tt.from)
			}
			if tt.date != "" && m.Date.Format(time.RFC3339) != tt.date {
				t.Errorf("Date = %s, want %s", m.Date.Format(time.RFC3339), tt.date)
			}
			if tt.warn != "" && !slices.ContainsFunc(m.Warnings, func(w string) bool { return strings.Contains(w, tt.warn) }) {
				t.Errorf("Warnings = %q, want one with %q", m.Warnings, tt.warn)
			}
			if len(m.Attachments) != tt.attachments {
				t.Fatalf("%d attachments, want %d", len(m.Attachments), tt.attachments)
			}
			if tt.attachments > 0 && m.Attachments[0].ContentType != tt.attachmentType {
				t.Errorf("attachment type %q, want %q", m.Attachments[0].ContentType, tt.attachmentType)
			}
		})
	}
}

func TestHeaderDecoding(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=?UTF-8?Q?Re=3A_Relance_=E2=80=93_facture?=", "Re: Relance – facture"},
		{"=?iso-8859-1?Q?R=E9ponse_automatique?=", "Réponse automatique"},
		{"=?windows-1252?Q?Re=A0:_Facture_=96_erreur?=", "Re : Facture – erreur"},
		{"=?ISO-8859-15?B?pA==?=", "€"},
		{"=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=", "éé"},             // adjacent words join
		{"=?utf-8?B?ww==?= =?utf-8?B?qQ==?=", "é"},              // a character split across words
		{"=?UTF-8?Q?d=C3=A9j=C3=A0 pay=C3=A9e?=", "déjà payée"}, // spaces inside a word
		{"Re: =?UTF-8?Q?pay=C3=A9e", "Re: payée"},               // no closing ?=
		{"=?x-unknown?Q?caf=E9?=", "café"},                      // unknown charset: Windows-1252
		{"=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"},              // text between words kept
		{"plain\r\n  folded\tvalue", "plain folded value"},
		{"=?utf-8?Q?=00nul?=", "nul"},
		{"=?Shift_JIS?B?g4SDfYNf?=", "ヤマダ"},
	}
	p := &parser{}
	for _, tt := range tests {
		if got := p.headerText(tt.in); got != tt.want {
			t.Errorf("headerText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeCharset(t *testing.T) {
	tests := []struct {
		label string
		in    []byte
		want  string
		warn  bool
	}{
		{"utf-8", []byte("déjà"), "déjà", false},
		{"UTF-8", []byte("d\xe9j\xe0"), "d\uFFFDj\uFFFD", true},
		{"iso-8859-1", []byte("r\xe9gl\xe9 \x80"), "réglé €", false},
		{"iso-8859-15", []byte("\xa4"), "€", false},
		{"windows-1252", []byte("\x93ok\x94"), "“ok”", false},
		{"utf-16", []byte("\xff\xfeh\x00\xe9\x00"), "hé", false},
		{"utf-16", []byte("\xfe\xff\x00h\x00\xe9"), "hé", false},
		{"UTF-16LE", []byte("h\x00\xe9\x00"), "hé", false},
		{"shift_jis", []byte("\x83\x84\x83\x7d\x83\x5f"), "ヤマダ", false},
		{"koi8-r", []byte("\xf0\xd2\xc9\xd7\xc5\xd4"), "Привет", false},
		{"x-mac-foo", []byte("caf\xe9"), "café", true},
		{"x-mac-foo", []byte("café"), "café", true},
		{"", []byte("plain"), "plain", false},
		{`"utf-8"`, []byte("ok"), "ok", false},
	}
	for _, tt := range tests {
		got, warn := decodeCharset(tt.label, tt.in)
		if got != tt.want || (warn != "") != tt.warn {
			t.Errorf("decodeCharset(%q, %q) = %q, %q; want %q, warning %v", tt.label, tt.in, got, warn, tt.want, tt.warn)
		}
	}
}

func TestDecodeBase64Lenient(t *testing.T) {
	tests := []struct {
		in   string
		want string
		bad  bool
	}{
		{"aGVsbG8=", "hello", false},
		{"aGVs\r\nbG8=\r\n", "hello", false},
		{"aGVsbG8", "hello", false},              // padding missing
		{"aGVs bG8=", "hello", false},            // space inside
		{"aGVs\n#garbage#\nbG8=", "hello", true}, // a garbage line skipped
		{"aGVsbG8=a", "hello", true},             // dangling character
		{"aGk=aGk=", "hihi", false},              // two encodings glued together
		{"", "", false},
	}
	for _, tt := range tests {
		got, bad := decodeBase64Lenient([]byte(tt.in))
		if string(got) != tt.want || bad != tt.bad {
			t.Errorf("decodeBase64Lenient(%q) = %q, %v; want %q, %v", tt.in, got, bad, tt.want, tt.bad)
		}
	}
}

func TestUnflow(t *testing.T) {
	in := "Hello, this is \nflowed text.\n> quoted \n> line\n-- \nsig"
	want := "Hello, this is flowed text.\n> quoted line\n-- \nsig"
	if got := unflow(in, false); got != want {
		t.Errorf("unflow = %q, want %q", got, want)
	}
	if got := unflow("a \nb", true); got != "ab" {
		t.Errorf("unflow delsp = %q", got)
	}
}

func TestMessageNewReply(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "eml", "01_gmail_fr_promise.eml"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMessage(raw, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	r := m.NewReply(7, triage.SourceIMAP, raw)
	if r.TenantID != 7 || r.Source != triage.SourceIMAP || r.MessageID != m.MessageID || r.InReplyTo != "rem-20261124-C10042@acme-distribution.fr" ||
		r.From != "Sophie Martin <compta@boulangerie-martin.fr>" || r.Subject != m.Subject || !r.ReceivedAt.Equal(m.Date) ||
		r.Text != m.Text || r.BodyClean != m.CleanText || r.Lang != "fr" || r.AutoReply || !bytes.Equal(r.Raw, raw) {
		t.Errorf("NewReply = %+v", r)
	}
	m.Date = time.Time{}
	if r := m.NewReply(7, triage.SourceAPI, raw); time.Since(r.ReceivedAt) > time.Minute {
		t.Errorf("ReceivedAt without a Date = %v, want now", r.ReceivedAt)
	}
	m.Bounce = true
	if r := m.NewReply(7, triage.SourceIMAP, raw); !r.AutoReply {
		t.Error("a bounce is not stored as an automatic reply")
	}
}

// FuzzParseMessage checks that no input makes the parser panic, and that
// what it returns is always valid UTF-8 without NUL bytes.
func FuzzParseMessage(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "eml", "*.eml"))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	lim := Limits{MaxBytes: 1 << 20, MaxParts: 200, MaxDepth: 10, MaxHeaderBytes: 16 << 10, MaxTextBytes: 256 << 10}
	// The hostile messages small enough to mutate quickly.
	for _, c := range hostileCases() {
		if raw := c.raw(); len(raw) <= 64<<10 {
			f.Add(raw)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseMessage(raw, lim)
		if err != nil {
			if m != nil {
				t.Fatal("a message and an error")
			}
			if strings.Contains(err.Error(), parserFailure) {
				t.Fatalf("the parser panicked: %v", err)
			}
			if !errors.Is(err, ErrNotMessage) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTooManyParts) && !errors.Is(err, ErrTooDeep) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		checkInvariants(t, m)
		if len(m.Text) > lim.MaxTextBytes {
			t.Fatalf("Text is %d bytes, over the limit", len(m.Text))
		}
	})
}
