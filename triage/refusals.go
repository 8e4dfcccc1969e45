package triage

import (
	"fmt"
	"maps"
	"slices"
)

// Code names why the domain refused an input, so that a page can say it in
// the reader's language: the web catalog has a sentence "domain.<code>" for
// every code, taking the ValidationError's Args in order.
type Code string

// The refusals of the workflow. Each has an English sentence in refusalTexts
// (the ValidationError's Message, for logs, the JSON API and the CLI).
const (
	CodeRequired          Code = "required"
	CodeUnknownSource     Code = "unknown_source"
	CodeReplyEmpty        Code = "reply_empty"
	CodeStatusChoice      Code = "status_choice"
	CodeCommentLength     Code = "comment_length"
	CodeDisputeResolver   Code = "dispute_resolver"
	CodeNotOpenItem       Code = "not_open_item"
	CodeActionNeedsDate   Code = "action_needs_date"
	CodeFollowUpPast      Code = "follow_up_past"
	CodeDatePast          Code = "date_past"
	CodeNoReply           Code = "no_reply"
	CodeTooManyReplies    Code = "too_many_replies"
	CodeSubjectOneLine    Code = "subject_one_line"
	CodeTextLength        Code = "text_length"
	CodeNotEmail          Code = "not_email"
	CodeNoRecipient       Code = "no_recipient"
	CodeTooManyRecipients Code = "too_many_recipients"
	CodeUnknownHashtags   Code = "unknown_hashtags"
	CodeThresholdRange    Code = "threshold_range"
	CodeUnknownCountry    Code = "unknown_country"
	CodeLetterKind        Code = "letter_kind"
	CodeLetterMode        Code = "letter_mode"
	CodeNameLength        Code = "name_length"
	CodeSubjectLength     Code = "subject_length"
	CodeAddressLength     Code = "address_length"
	CodeLegalLength       Code = "legal_length"
	CodeLogoSize          Code = "logo_size"
	CodeNoLetter          Code = "no_letter"
	CodeTranslationLang   Code = "translation_lang"
	CodeTranslationNoText Code = "translation_no_text"
	CodeTranslationSubj   Code = "translation_subject"
	CodeTranslationLength Code = "translation_length"
	CodeTranslationTags   Code = "translation_hashtags"
	CodeNotTenantUser     Code = "not_tenant_user"
)

// refusalTexts is the English sentence of each code, with fmt verbs for its
// arguments.
var refusalTexts = map[Code]string{
	CodeRequired:          "is required",
	CodeUnknownSource:     "unknown source %q",
	CodeReplyEmpty:        "a reply needs a text or a raw message",
	CodeStatusChoice:      "choose a status from the list",
	CodeCommentLength:     "is longer than %d characters",
	CodeDisputeResolver:   "a dispute needs someone to resolve it",
	CodeNotOpenItem:       "%s is not an open item of this customer",
	CodeActionNeedsDate:   "a specific action needs a date",
	CodeFollowUpPast:      "the follow-up date is in the past",
	CodeDatePast:          "the new date is in the past",
	CodeNoReply:           "select at least one reply",
	CodeTooManyReplies:    "at most %d replies at once",
	CodeSubjectOneLine:    "write a subject on one line",
	CodeTextLength:        "write a text of at most %d characters",
	CodeNotEmail:          "%q is not an email address",
	CodeNoRecipient:       "give at least one recipient",
	CodeTooManyRecipients: "at most %d recipients",
	CodeUnknownHashtags:   "unknown hashtag(s) %s; known: %s",
	CodeThresholdRange:    "must be between 0 and 1",
	CodeUnknownCountry:    "unknown country %s",
	CodeLetterKind:        "choose simple, registered or electronic",
	CodeLetterMode:        "choose manual, confirm or automatic",
	CodeNameLength:        "give a name of at most %d characters",
	CodeSubjectLength:     "write a subject on one line of at most %d characters",
	CodeAddressLength:     "write an address of at most %d characters",
	CodeLegalLength:       "write legal mentions of at most %d characters",
	CodeLogoSize:          "the logo must weigh at most %d KB",
	CodeNoLetter:          "select at least one letter",
	CodeTranslationLang:   "%q is not a language templates are translated into",
	CodeTranslationNoText: "the %s translation has a subject but no text",
	CodeTranslationSubj:   "write the %s subject on one line of at most %d characters",
	CodeTranslationLength: "write the %s text in at most %d characters",
	CodeTranslationTags:   "unknown hashtag(s) %s in the %s text; known: %s",
	CodeNotTenantUser:     "not a user of this company",
}

// Codes lists every refusal code, sorted: the web catalog must translate
// each one.
func Codes() []Code { return slices.Sorted(maps.Keys(refusalTexts)) }

// English is the code's English sentence with its fmt verbs, or "" for a
// code the domain does not know.
func (c Code) English() string { return refusalTexts[c] }

// Language is an argument of a refusal that names a language by its code:
// pages show its name in the reader's language, Message its English name.
type Language string

// String is the language's English name.
func (l Language) String() string { return LangName(string(l)) }

// Invalid builds a *ValidationError refusing field for the reason code, with
// the values its sentence takes; Message is the English sentence.
func Invalid(field string, code Code, args ...any) error {
	return &ValidationError{Field: field, Code: code, Args: args, Message: fmt.Sprintf(refusalTexts[code], args...)}
}
