package letters

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// day is a calendar date as triage stores it, midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// frHead is a French supplier's letterhead.
var frHead = Letterhead{
	Name:    "Établissements Lefèvre & Fils",
	Address: "12, rue de l’Église\nZI des Érables\n69003 Lyon CEDEX",
	Legal:   "SAS au capital de 150 000 € — RCS Lyon 512 345 678 — TVA FR 12 512345678 — IBAN FR76 3000 4000 0312 3456 7890 143",
}

// enHead is an English supplier's letterhead.
var enHead = Letterhead{
	Name:    "Harbour Tools Ltd",
	Address: "4 Quay Street\nBristol BS1 4DJ\nUnited Kingdom",
	Legal:   "Registered in England and Wales no. 01234567 — VAT GB 123 4567 89",
}

// frItems are the open items of a French customer.
func frItems() []triage.Item {
	return []triage.Item{
		{Number: "FA-2026-0142", Kind: triage.ItemInvoice, Issued: day(2026, 1, 12), Due: day(2026, 2, 11), Amount: 1245.6, OpenAmount: 1245.6, Currency: "EUR"},
		{Number: "FA-2026-0187", Kind: triage.ItemInvoice, Issued: day(2026, 1, 28), Due: day(2026, 2, 27), Amount: 18400, OpenAmount: 9200, Currency: "EUR"},
		{Number: "AV-2026-0009", Kind: triage.ItemCreditNote, Issued: day(2026, 2, 3), Due: day(2026, 2, 3), Amount: -310.25, OpenAmount: -310.25, Currency: "EUR"},
	}
}

// manyItems are n invoices, for tables over several pages.
func manyItems(n int) []triage.Item {
	items := make([]triage.Item, n)
	for i := range items {
		amount := float64(100+i*37) + float64(i%100)/100
		items[i] = triage.Item{
			Number: fmt.Sprintf("FA-2025-%04d", 1000+i), Kind: triage.ItemInvoice,
			Issued: day(2025, 9, 1).AddDate(0, 0, i), Due: day(2025, 10, 1).AddDate(0, 0, i),
			Amount: amount, OpenAmount: amount, Currency: "EUR",
		}
	}
	return items
}

// frLetter is a French reminder letter with its items.
func frLetter(k Kind) Letter {
	items := frItems()
	return Letter{
		Kind: k, Lang: "fr", Head: frHead, Date: day(2026, 3, 10),
		To:      Recipient{Name: "Boulangerie Dupré SARL", Code: "C10042", Address: "Mme Hélène Dupré\n8, avenue Jean-Jaurès\n13001 Marseille"},
		Subject: "Relance — factures échues de #customer_name",
		Body: "Madame, Monsieur,\n\nSauf erreur de notre part, votre compte #customer_code présente un solde échu de #total_due à ce jour (#today) :\n\n" +
			"#items_list\n\nNous vous remercions de bien vouloir procéder au règlement sous huit jours. « Si votre paiement a été émis entre-temps, veuillez ne pas tenir compte de ce courrier. »\n\n" +
			"Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.\n\n#collector_name\nService recouvrement",
		Values: triage.HashtagValues{"#total_due": triage.FormatMoney("fr", 10135.35, "EUR"), "#collector_name": "Camille Roux"},
		Items:  items, Selected: items[:1],
	}
}

// enLetter is an English reminder letter.
func enLetter() Letter {
	items := []triage.Item{
		{Number: "INV-88120", Kind: triage.ItemInvoice, Issued: day(2026, 1, 5), Due: day(2026, 2, 4), Amount: 2480, OpenAmount: 2480, Currency: "GBP"},
		{Number: "INV-88191", Kind: triage.ItemInvoice, Issued: day(2026, 1, 19), Due: day(2026, 2, 18), Amount: 615.5, OpenAmount: 115.5, Currency: "GBP"},
	}
	return Letter{
		Kind: KindSimple, Lang: "en", Head: enHead, Date: day(2026, 3, 10),
		To:      Recipient{Name: "Clifton Garden Supplies", Code: "C20317", Address: "Attn: Accounts Payable\n27 Whiteladies Road\nBristol BS8 2LY"},
		Subject: "Overdue invoices — account #customer_code",
		Body: "Dear Sir or Madam,\n\nOur records show that the following invoices, totalling #total_due, are now overdue:\n\n#items_list_selected\n\n" +
			"We would be grateful if you could arrange payment within seven days.\n\nYours faithfully,\n\n#collector_name\nCredit Control",
		Values: triage.HashtagValues{"#total_due": triage.FormatMoney("en", 2595.5, "GBP"), "#collector_name": "James O’Neill"},
		Items:  items, Selected: items,
	}
}

// testLogo is a 240×80 logo encoded as format ("png" or "jpeg").
func testLogo(t testing.TB, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 240, 80))
	for y := range 80 {
		for x := range 240 {
			img.Set(x, y, color.RGBA{R: uint8(20 + x/3), G: 60, B: uint8(140 + y), A: 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatalf("encode %s logo: %v", format, err)
	}
	return b.Bytes()
}
