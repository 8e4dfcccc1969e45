package triage

import (
	"slices"
	"strings"
)

// Hashtags are the placeholders of email, action and letter templates
// (seed 000, 004): "#customer_name" and the like, replaced when the message
// is prepared. A template naming an unknown one is refused when saved, so
// that a typo is never sent to a customer as is.
var Hashtags = []string{
	"#customer_name", "#customer_code", "#customer_address", "#items_list", "#items_list_selected",
	"#total_due", "#status", "#comment", "#follow_up_date", "#collector_name", "#today",
	"#company_name", "#company_address", "#company_logo",
}

// HashtagValues maps a hashtag (with its #) to its text.
type HashtagValues map[string]string

// hashtagName is the characters a hashtag's name is made of.
func hashtagName(r byte) bool { return r == '_' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' }

// hashtagsIn returns the hashtags a text uses, in order, each once. A '#'
// followed by a digit or a space ("n° #12", "# ") is not a hashtag.
func hashtagsIn(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '#' || i+1 >= len(text) || !('a' <= text[i+1] && text[i+1] <= 'z') {
			continue
		}
		j := i + 1
		for j < len(text) && hashtagName(text[j]) {
			j++
		}
		if tag := text[i:j]; !slices.Contains(out, tag) {
			out = append(out, tag)
		}
		i = j - 1
	}
	return out
}

// UnknownHashtags returns the hashtags of a text that are not known, in
// order, each once, for forms that list them to the admin.
func UnknownHashtags(text string) []string {
	var unknown []string
	for _, tag := range hashtagsIn(text) {
		if !slices.Contains(Hashtags, tag) {
			unknown = append(unknown, tag)
		}
	}
	return unknown
}

// CheckHashtags reports the hashtags of a template that are not known.
func CheckHashtags(text string) error {
	if unknown := UnknownHashtags(text); len(unknown) > 0 {
		return Invalid("body", CodeUnknownHashtags, strings.Join(unknown, ", "), strings.Join(Hashtags, " "))
	}
	return nil
}

// RenderHashtags replaces the known hashtags of text by their values; one
// without a value becomes empty. Longest names are replaced first, so that
// #items_list_selected is not read as #items_list followed by "_selected".
func RenderHashtags(text string, v HashtagValues) string {
	tags := hashtagsIn(text)
	slices.SortFunc(tags, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, tag := range tags {
		if slices.Contains(Hashtags, tag) {
			pairs = append(pairs, tag, v[tag])
		}
	}
	if len(pairs) == 0 {
		return text
	}
	return strings.NewReplacer(pairs...).Replace(text)
}
