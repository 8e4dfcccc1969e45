package inbox

import (
	"strings"

	"github.com/triage-ar/triage/suggest/extract"
	"github.com/triage-ar/triage/triage"
)

// InvoiceRefs returns the invoice-like references found in texts, in order
// of appearance, without duplicates (see extract.Refs).
func InvoiceRefs(texts ...string) []string {
	return extract.Refs(texts...)
}

// ItemsReferenced returns the numbers of the items refs designate, in the
// order of items: the reply's references resolved against a customer's
// open items.
func ItemsReferenced(refs []string, items []triage.Item) []string {
	return extract.MatchItems("", refs, numbers(items))
}

// CustomerByInvoices returns the customer whose items refs designate, when
// they designate items of exactly one customer: the last resort of matching
// after the thread and the sender (MatchCustomer).
func CustomerByInvoices(refs []string, items []triage.Item) (int64, bool) {
	designated := map[string]bool{}
	for _, n := range extract.MatchItems("", refs, numbers(items)) {
		designated[n] = true
	}
	var owner int64
	for _, it := range items {
		if !designated[it.Number] {
			continue
		}
		if owner != 0 && owner != it.CustomerID {
			return 0, false
		}
		owner = it.CustomerID
	}
	return owner, owner != 0
}

// numbers returns the numbers of items, in order.
func numbers(items []triage.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Number
	}
	return out
}

// ThreadIDs returns the message ids a reply answers, nearest first: its
// In-Reply-To, then its References from the newest. A reminder we sent
// among them links the reply to that reminder's customer.
func (m *Message) ThreadIDs() []string {
	var out []string
	seen := map[string]bool{"": true}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	add(m.InReplyTo)
	for i := len(m.References) - 1; i >= 0; i-- {
		add(m.References[i])
	}
	return out
}

// freeMailDomains are consumer mail providers: a sender there says nothing
// about which company it writes for, so matching never goes by them.
var freeMailDomains = map[string]bool{}

func init() {
	for _, d := range strings.Fields(`gmail.com googlemail.com yahoo.com yahoo.fr yahoo.de yahoo.es yahoo.it yahoo.co.uk
		ymail.com hotmail.com hotmail.fr hotmail.de hotmail.es hotmail.it hotmail.co.uk outlook.com outlook.fr outlook.de
		outlook.es live.com live.fr live.de msn.com icloud.com me.com mac.com aol.com aol.fr gmx.de gmx.net gmx.fr gmx.com
		web.de t-online.de freenet.de orange.fr wanadoo.fr free.fr sfr.fr neuf.fr laposte.net bbox.fr numericable.fr
		libero.it virgilio.it tiscali.it alice.it telefonica.net terra.es protonmail.com proton.me tutanota.com
		zoho.com mail.com yandex.com yandex.ru mail.ru qq.com 163.com skynet.be telenet.be bluewin.ch ziggo.nl kpnmail.nl`) {
		freeMailDomains[d] = true
	}
}
