package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/triage"
)

// apiMaxBody bounds an API request: a raw message up to the parser's limit.
var apiMaxBody = inbox.DefaultLimits().MaxBytes + 64<<10

// apiProblemBody is an RFC 9457 problem details body; Field names the bad input.
type apiProblemBody struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	Field  string `json:"field,omitempty"`
}

// apiProblem answers with a problem details document.
func apiProblem(c *gin.Context, status int, title, detail, field string) {
	c.Header("Content-Type", "application/problem+json")
	b, _ := json.Marshal(apiProblemBody{Type: "about:blank", Title: title, Status: status, Detail: detail, Field: field})
	c.Data(status, "application/problem+json", b)
	c.Abort()
}

// requireAPIToken authenticates a request by its bearer token and sets the
// tenant it belongs to. API routes take no cookie, so they need no CSRF token.
func (s *server) requireAPIToken(c *gin.Context) {
	tok, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	hash := inbox.HashAPIToken(strings.TrimSpace(tok))
	if !ok || hash == "" {
		c.Header("WWW-Authenticate", `Bearer realm="triage"`)
		apiProblem(c, http.StatusUnauthorized, "missing or malformed API token", "send Authorization: Bearer trg_…", "")
		return
	}
	tenantID, err := s.db.TenantByAPIToken(c.Request.Context(), hash)
	if errors.Is(err, triage.ErrNotFound) {
		c.Header("WWW-Authenticate", `Bearer realm="triage", error="invalid_token"`)
		apiProblem(c, http.StatusUnauthorized, "unknown or revoked API token", "", "")
		return
	}
	if err != nil {
		s.log.ErrorContext(c.Request.Context(), "api token lookup", "err", err)
		apiProblem(c, http.StatusServiceUnavailable, "try again later", "", "")
		return
	}
	c.Set("api_tenant", tenantID)
	c.Next()
}

// apiPostReply ingests a reply pushed by another system: a raw message
// (Content-Type: message/rfc822) or a JSON object. It answers 201 with the
// stored reply, or 200 with the same reply when the request was a retry.
func (s *server) apiPostReply(c *gin.Context) {
	ctx := c.Request.Context()
	tenantID := c.GetInt64("api_tenant")
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		apiProblem(c, http.StatusRequestEntityTooLarge, "request too large", err.Error(), "body")
		return
	}
	idem := c.GetHeader("Idempotency-Key")
	ct, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	var nr triage.NewReply
	switch ct {
	case "message/rfc822":
		nr, err = inbox.RawReply(ctx, s.db, tenantID, body, idem)
	case "application/json":
		var in inbox.APIReply
		if derr := strictJSON(body, &in); derr != nil {
			apiProblem(c, http.StatusBadRequest, "invalid JSON", derr.Error(), "body")
			return
		}
		nr, err = inbox.StructuredReply(ctx, s.db, tenantID, in, idem, s.now())
	default:
		apiProblem(c, http.StatusUnsupportedMediaType, "unsupported content type",
			"send application/json or message/rfc822", "Content-Type")
		return
	}
	if err != nil {
		s.apiFail(c, err)
		return
	}
	r, created, err := s.svc.IngestReply(ctx, nr)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	if created {
		if err := inbox.RecordBounce(ctx, s.db, nr); err != nil {
			s.log.WarnContext(ctx, "api: bounce not recorded on the customer", "reply", r.ID, "err", err)
		}
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK // a retry: the reply was stored by an earlier request
	}
	c.JSON(status, gin.H{"id": r.ID, "state": r.State, "message_id": r.MessageID, "customer_id": r.CustomerID})
}

// strictJSON decodes one JSON object, refusing unknown fields: a typo in an
// integration must fail loudly, not be ignored.
func strictJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
