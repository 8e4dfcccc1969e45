package inbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Errors of form-link verification. Both are shown to the customer as a
// page asking for a new link; the detail is logged.
var (
	ErrTokenInvalid = errors.New("inbox: this link is not valid")
	ErrTokenExpired = errors.New("inbox: this link has expired")
)

// MaxTokenLen bounds a token before any decoding work is done on it.
const MaxTokenLen = 2048

// tokenVersion prefixes tokens so the format can evolve without ambiguity.
const tokenVersion = "v1"

// FormClaims is what a signed web-form link grants: answering for one
// customer of one tenant, optionally about some items, until Expires.
type FormClaims struct {
	TenantID   int64     `json:"t"`
	CustomerID int64     `json:"c"`
	Items      []string  `json:"i,omitempty"`
	Expires    time.Time `json:"-"`
	ExpiresAt  int64     `json:"e"`
}

// SignFormToken returns the token of a web-form link, signed with key.
func SignFormToken(key []byte, c FormClaims) (string, error) {
	if c.TenantID == 0 || c.CustomerID == 0 || c.Expires.IsZero() {
		return "", fmt.Errorf("inbox: sign form token: tenant, customer and expiry are required")
	}
	c.ExpiresAt = c.Expires.Unix()
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("inbox: sign form token: %w", err)
	}
	payload := tokenVersion + "." + base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + base64.RawURLEncoding.EncodeToString(formMAC(key, payload)), nil
}

// VerifyFormToken checks a token's signature and expiry at now.
func VerifyFormToken(key []byte, token string, now time.Time) (FormClaims, error) {
	if len(token) > MaxTokenLen {
		return FormClaims{}, fmt.Errorf("%w: %d bytes", ErrTokenInvalid, len(token))
	}
	i := strings.LastIndexByte(token, '.')
	if i < 0 || !strings.HasPrefix(token, tokenVersion+".") {
		return FormClaims{}, fmt.Errorf("%w: malformed", ErrTokenInvalid)
	}
	payload, sig := token[:i], token[i+1:]
	got, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil || !hmac.Equal(got, formMAC(key, payload)) {
		return FormClaims{}, fmt.Errorf("%w: bad signature", ErrTokenInvalid)
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(payload, tokenVersion+"."))
	if err != nil {
		return FormClaims{}, fmt.Errorf("%w: payload encoding", ErrTokenInvalid)
	}
	var c FormClaims
	if err := json.Unmarshal(b, &c); err != nil || c.TenantID == 0 || c.CustomerID == 0 {
		return FormClaims{}, fmt.Errorf("%w: payload", ErrTokenInvalid)
	}
	c.Expires = time.Unix(c.ExpiresAt, 0)
	if !now.Before(c.Expires) {
		return c, fmt.Errorf("%w on %s", ErrTokenExpired, c.Expires.UTC().Format(time.DateOnly))
	}
	return c, nil
}

// formMAC binds the signature to its purpose, so a MAC made with the same
// key for another use (CSRF, sessions) can never pass as a form link.
func formMAC(key []byte, payload string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("triage form link\x00"))
	m.Write([]byte(payload))
	return m.Sum(nil)
}
