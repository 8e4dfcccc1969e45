package letters

import (
	"bytes"
	"testing"
)

// FuzzCompose feeds arbitrary subjects and bodies to the composition, the
// text preview and the PDF: none may panic, and a PDF is always written
// for a template CheckTemplate accepts.
func FuzzCompose(f *testing.F) {
	f.Add("Relance #customer_code", frLetter(KindSimple).Body)
	f.Add("Overdue", enLetter().Body)
	f.Add("#items_list", "#company_logo\n\n#items_list_selected#items_list#company_logo\r\n\r\n\t\n#")
	f.Add("«\u202f»", "Merci\u202f!\n\n\n\n"+string([]byte{0xff, 0xfe})+"#today#today")
	f.Add("", "##customer_name #a #_x #1 #\n \n#items_list_selectedx")
	logo := testLogo(f, "png")
	f.Fuzz(func(t *testing.T, subject, body string) {
		l := frLetter(KindRegistered)
		l.Subject, l.Body = subject, body
		l.Head.Logo = logo
		_ = Text(l)
		if len(body) > 4000 {
			return // long bodies only slow the PDF down, the layout is the same
		}
		var out bytes.Buffer
		err := Render(&out, l)
		if CheckTemplate(subject, body) == nil && err != nil {
			t.Fatalf("Render of an accepted template: %v", err)
		}
	})
}
