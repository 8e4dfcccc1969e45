// Package cues finds intent cues in customer replies, in any of the
// languages the lexicons cover, and names them with language-neutral
// tokens: a German "bereits überwiesen" and a French "déjà viré" both give
// cue_paid, so that a model trained on French history recognises a German
// reply.
//
// # Lexicons
//
// The lexicons are the files lexicon/<lang>.txt, embedded in the binary.
// Each line holds a cue, white space, then a pattern; blank lines and lines
// starting with # are ignored:
//
//	paid	déjà (payé|réglé|viré)
//	promise	(nous|je) (paierons|réglerons) [le] {date}
//	absent	absent* … jusqu'au {date}
//
// Patterns are compared with replies after Fold: case, accents, apostrophe
// and hyphen styles do not matter. Apostrophes and hyphens split words,
// and "n'" reads "ne", so "n'avons" matches "ne avons"; English "n't"
// reads "not" after the verb ("haven't" = "have not", "can't" = "can
// not"). A pattern is a sequence of:
//
//	word        that word
//	stem*       a word starting with stem (at least 4 letters)
//	(a|b c)     one of the alternatives
//	[a|b]       optionally one of the alternatives
//	…  or ...   zero to three words of the same clause
//	{date}      12/03, 12.03.2025, 2025-03-12, "15 mars", "March 15",
//	            a month, a weekday, tomorrow
//	{amount}    a number with a currency before or after it
//	{num}       a number
//
// A match never spans a clause break (. , ; : ! ? brackets, quotes, a new
// line, or "but" in any language). When matches overlap, the shorter one
// is dropped: "déjà payé une partie" gives paid_partial only.
// The pseudo-cue "mask" gives no token; it exists to swallow the phrases of
// quoted reminders, such as "si vous avez déjà réglé cette facture".
//
// # Negation
//
// A cue in a negated clause gives neg_<cue>: a negator (pas, jamais, not,
// never, nicht, kein, no, nunca, non, niet…) within the three words before
// the match, in the same clause, or a French "ne" within the three words
// before with pas, jamais, plus or rien within the two words after its
// start ("nous ne paierons pas"). A pattern that spells its own negation
// ("not_delivered	(pas|jamais) (reçu|livré)") is never negated again; a
// negator skipped by a … gap negates ("wir werden nicht bezahlen"). The
// cues credit_note, copy_request, question, bank_details and thanks are
// never negated: "we have not received the credit note" still awaits one.
//
// Tenants add their own phrases with [Lexicon.With].
package cues
