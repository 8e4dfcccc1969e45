package cues

import "slices"

// cueNames are the language-neutral cues, in the order of their tokens'
// indexes. Adding one is safe; renaming one changes the features of
// trained models.
var cueNames = []string{
	"paid", "paid_partial", "promise", "promise_event", "pay_run", "instalments",
	"credit_note", "wrong_price", "discount", "damaged", "missing_goods",
	"not_delivered", "not_ordered", "nonconforming", "service_not_done",
	"copy_request", "invoice_not_received", "po_missing", "wrong_entity",
	"wrong_address", "absent", "returns", "maternity", "left_company",
	"wrong_person", "forward_to", "cash_trouble", "insolvency",
	"dispute_settled", "agree", "thanks", "bank_details", "question",
}

// Mask is the pseudo-cue of phrases that swallow the cues inside them and
// give no token: the boilerplate of quoted reminders.
const Mask = "mask"

// cueIndex maps a cue name to its index in cueNames; Mask maps to maskCue.
var cueIndex = func() map[string]int {
	m := make(map[string]int, len(cueNames)+1)
	for i, c := range cueNames {
		m[c] = i
	}
	m[Mask] = maskCue
	return m
}()

const maskCue = -1

// tokenNames[i] holds the tokens of cue i: plain, then negated.
var tokenNames = func() [][2]string {
	t := make([][2]string, len(cueNames))
	for i, c := range cueNames {
		t[i] = [2]string{"cue_" + c, "cue_neg_" + c}
	}
	return t
}()

// Cues returns the names of the cues a lexicon may give, sorted.
func Cues() []string {
	c := slices.Clone(cueNames)
	slices.Sort(c)
	return c
}
