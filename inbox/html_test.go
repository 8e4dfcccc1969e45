package inbox

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "<p>Bonjour,</p><p>Le virement est parti.</p>", "Bonjour,\n\nLe virement est parti."},
		{"gmail divs", "<div>Hello,</div><div><br></div><div>Paid today.</div><div>Tom</div>", "Hello,\n\nPaid today.\nTom"},
		{"outlook mso", `<p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Payé.<o:p></o:p></p>`, "Bonjour,\n\nPayé."},
		{"br", "line one<br>line two<br/>line three", "line one\nline two\nline three"},
		{"whitespace", "<p>  several\n   spaces\tand\r\nnewlines  </p>", "several spaces and newlines"},
		{"entities and nbsp", "<p>Total&nbsp;: 1&nbsp;245,60&nbsp;&euro; &amp; TVA &lt;20%&gt;</p>", "Total : 1 245,60 € & TVA <20%>"},
		{"unordered list", "<p>Status:</p><ul><li>F-1 paid</li><li>F-2 disputed</li></ul><p>Bye</p>", "Status:\n\n- F-1 paid\n- F-2 disputed\n\nBye"},
		{"ordered list", `<ol start="3"><li>third</li><li>fourth</li></ol>`, "3. third\n4. fourth"},
		{"nested list", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"},
		{"link", `<p>See <a href="https://portal.example.com/inv">our portal</a>.</p>`, "See our portal (https://portal.example.com/inv)."},
		{"link same as text", `<a href="https://example.com/">example.com</a>`, "example.com"},
		{"mailto", `Write to <a href="mailto:ap@example.com">ap@example.com</a> or <a href="mailto:cc@example.com?subject=x">Claire</a>`, "Write to ap@example.com or Claire (cc@example.com)"},
		{"bare link", `<a href="https://example.com/x"></a>`, "https://example.com/x"},
		{"javascript link", `<a href="javascript:alert(1)">click</a>`, "click"},
		{"script style head", "<html><head><title>T</title><style>p{}</style></head><body><script>evil()</script><p>Body</p><noscript>x</noscript></body></html>", "Body"},
		{"hidden", `<span style="display: none">preheader</span><div hidden>h</div><p>Shown</p>`, "Shown"},
		{"table", "<table><tr><th>Invoice</th><th>Amount</th></tr><tr><td>F-1</td><td>10,00</td></tr></table>", "Invoice | Amount\nF-1 | 10,00"},
		{"layout table one cell", "<table><tr><td>Only</td></tr><tr><td>Rows</td></tr></table>", "Only\nRows"},
		{"blockquote", "<p>Paid.</p><blockquote>Dear customer,<br><br>Please pay.</blockquote>", "Paid.\n\n> Dear customer,\n>\n> Please pay."},
		{"nested blockquote", "<blockquote>a<blockquote>b</blockquote>c</blockquote>", "> a\n> > b\n> c"},
		{"hr", "<p>Bonjour</p><hr><p><b>De :</b> X</p>", "Bonjour\n\n________________________________\n\nDe : X"},
		{"pre", "<pre>F-1    10,00\nF-2    20,00</pre>", "F-1    10,00\nF-2    20,00"},
		{"invisible characters", "<p>pa\u200Byé\u00AD</p>", "payé"},
		{"images dropped", `<p>Logo <img src="cid:x" alt="ACME"> end</p>`, "Logo end"},
		{"broken html", "<div><p>unclosed <b>bold <i>both</div>text after", "unclosed bold both\n\ntext after"},
		{"comment", "<!--[if mso]><p>mso only</p><![endif]--><p>Text</p>", "Text"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A document nested far deeper than any mail is converted without
// exhausting the stack.
func TestHTMLToTextDeep(t *testing.T) {
	for _, n := range []int{400, 200000} {
		in := strings.Repeat("<div>", n) + "deep<script>x()</script>" + strings.Repeat("</div>", n)
		if got := HTMLToText(in); got != "deep" {
			t.Errorf("%d levels: HTMLToText = %.80q…", n, got)
		}
	}
}
