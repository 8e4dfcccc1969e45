package prompts

import "fmt"

// The two templates of a prompt version.
const (
	PartSystem = "system"
	PartUser   = "user"
)

// TemplateError is a prompt template that does not parse or does not
// render with the data of a reply: which version, which of its two
// templates (PartSystem or PartUser), and text/template's own words, which
// a page shows as they are inside a sentence of the admin's language.
type TemplateError struct {
	Version string
	Part    string
	Err     error
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("prompts: %s: %s template: %v", e.Version, e.Part, e.Err)
}

// Unwrap is text/template's error.
func (e *TemplateError) Unwrap() error { return e.Err }
