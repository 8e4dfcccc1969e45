package llm

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/triage-ar/triage/triage"
)

// Schema is the JSON schema an answer must match. It is built for each
// reply, so that the server itself restricts the status to the tenant's
// catalog and the items to the customer's open ones. It follows the rules of
// OpenAI's strict mode: every property required, no additional property,
// optional values as nullable types.
type Schema struct {
	Name string
	doc  map[string]any
}

// MarshalJSON implements json.Marshaler.
func (s Schema) MarshalJSON() ([]byte, error) { return json.Marshal(s.doc) }

// String is the schema as JSON text.
func (s Schema) String() string {
	b, err := json.Marshal(s.doc)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// answerSchema is the schema of a qualification: codes are the catalog's
// status codes, open the numbers of the customer's open items.
func answerSchema(cat triage.Catalog, open []string) Schema {
	codes := make([]string, len(cat))
	for i, st := range cat {
		codes[i] = st.Code
	}
	status := map[string]any{"type": "string", "enum": codes}
	item := map[string]any{"type": "string"}
	if len(open) > 0 {
		item["enum"] = open
	}
	obj := func(props map[string]any) map[string]any {
		req := slices.Sorted(maps.Keys(props))
		return map[string]any{"type": "object", "properties": props, "required": req, "additionalProperties": false}
	}
	doc := obj(map[string]any{
		"status":  status,
		"comment": map[string]any{"type": "string", "description": "what the customer said, in their words and language, at most 300 characters"},
		"items":   map[string]any{"type": "array", "items": item, "description": "the open items the reply is about"},
		"follow_up_date": map[string]any{"type": []string{"string", "null"},
			"description": "promised payment date or return date, YYYY-MM-DD; null when none"},
		"item_statuses": map[string]any{"type": []string{"array", "null"},
			"description": "a status per item when the reply mixes intents; null otherwise",
			"items":       obj(map[string]any{"item": item, "status": status})},
		"confidence": map[string]any{"type": "number", "description": "probability, from 0 to 1, that the status is right"},
	})
	return Schema{Name: "qualification", doc: doc}
}
