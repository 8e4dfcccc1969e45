package postal

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// HTTP posts letters through a generic REST postal API:
//
//	POST {base}/letters  (JSON, PDF in base64, Idempotency-Key header) → {"id", "status"}
//	GET  {base}/letters/{id}                                          → {"id", "status", "events": [...]}
//
// authenticated with a bearer token.
type HTTP struct {
	base   *url.URL
	token  string
	client *http.Client
	now    func() time.Time
	mu     sync.Mutex
	seen   seenEvents
}

// maxResponse bounds what is read of an answer.
const maxResponse = 1 << 20

// NewHTTP posts to the API at baseURL. A nil client is one with a 30 s
// timeout.
func NewHTTP(baseURL string, token string, client *http.Client) (*HTTP, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("postal: API URL %q: want http(s)://host[/path]", baseURL)
	}
	if token == "" {
		return nil, errors.New("postal: API token is empty")
	}
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	return &HTTP{base: u, token: token, client: client, now: time.Now, seen: seenEvents{}}, nil
}

// Name names the provider in receipts.
func (h *HTTP) Name() string { return "http" }

// sendRequest is the body of POST /letters.
type sendRequest struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	Pages     int     `json:"pages"`
	PDF       string  `json:"pdf"` // base64
	Recipient Address `json:"recipient"`
	Sender    Address `json:"sender"`
}

// letterResponse is the API's description of a letter.
type letterResponse struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Events []struct {
		Status string    `json:"status"`
		At     time.Time `json:"at"`
		Detail string    `json:"detail"`
	} `json:"events"`
}

// Send posts a letter with m.ID as Idempotency-Key: after a lost answer,
// sending again returns the letter the API already has.
func (h *HTTP) Send(ctx context.Context, m Mail) (Receipt, error) {
	if err := m.check(); err != nil {
		return Receipt{}, err
	}
	body, err := json.Marshal(sendRequest{
		ID: m.ID, Kind: string(m.Kind), Pages: m.Pages, PDF: base64.StdEncoding.EncodeToString(m.PDF),
		Recipient: Address{Name: m.To.Name, Code: m.To.Code, Lines: lines(m.To.Address)},
		Sender:    Address{Name: m.From.Name, Lines: lines(m.From.Address)},
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("postal: send %s: %w", m.ID, err)
	}
	var r letterResponse
	if err := h.do(ctx, http.MethodPost, "letters", m.ID, body, &r); err != nil {
		return Receipt{}, fmt.Errorf("postal: send %s: %w", m.ID, err)
	}
	if err := checkRef(r.ID); err != nil {
		return Receipt{}, fmt.Errorf("postal: send %s: %w: %w", m.ID, ErrTemporary, err)
	}
	// The API accepted the letter: a status it names otherwise is still one
	// waiting to be posted.
	st := Status(r.Status)
	if !st.Valid() {
		st = StatusQueued
	}
	return Receipt{Provider: h.Name(), Ref: r.ID, Status: st, At: h.now().UTC()}, nil
}

// Track asks the API for each letter's events and returns those not
// reported yet. A letter the API cannot tell about does not hide the
// others: their events are returned with an error naming it.
func (h *HTTP) Track(ctx context.Context, refs []string) ([]Event, error) {
	var events []Event
	var errs []error
	for _, ref := range refs {
		if err := checkRef(ref); err != nil {
			errs = append(errs, err)
			continue
		}
		var r letterResponse
		if err := h.do(ctx, http.MethodGet, "letters/"+url.PathEscape(ref), "", nil, &r); err != nil {
			if ctx.Err() != nil {
				return events, fmt.Errorf("postal: track %s: %w", ref, err)
			}
			errs = append(errs, fmt.Errorf("postal: track %s: %w", ref, err))
			continue
		}
		evs, err := h.events(ref, r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		h.mu.Lock()
		events = append(events, h.seen.fresh(evs)...)
		h.mu.Unlock()
	}
	return events, errors.Join(errs...)
}

// events reads the events of a letter's description; one without events
// has its current status, dated now.
func (h *HTTP) events(ref string, r letterResponse) ([]Event, error) {
	if len(r.Events) == 0 {
		st := Status(r.Status)
		if !st.Valid() {
			return nil, fmt.Errorf("postal: track %s: unknown status %q", ref, r.Status)
		}
		return []Event{{Ref: ref, Status: st, At: h.now().UTC().Truncate(time.Second)}}, nil
	}
	out := make([]Event, 0, len(r.Events))
	for _, e := range r.Events {
		st := Status(e.Status)
		if !st.Valid() {
			return nil, fmt.Errorf("postal: track %s: unknown status %q", ref, e.Status)
		}
		if e.At.IsZero() {
			return nil, fmt.Errorf("postal: track %s: event %q has no date", ref, e.Status)
		}
		out = append(out, Event{Ref: ref, Status: st, At: e.At, Detail: e.Detail})
	}
	return out, nil
}

// do sends one request and decodes its JSON answer into out.
func (h *HTTP) do(ctx context.Context, method, path, idempotencyKey string, body []byte, out any) error {
	u := h.base.JoinPath(path)
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", idempotencyKey)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		// The letter may or may not have been received: sending again with
		// the same key is safe.
		return fmt.Errorf("%w: %w", ErrTemporary, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("%w: read answer: %w", ErrTemporary, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return statusError(resp, data, h.now())
	}
	if err := json.Unmarshal(data, out); err != nil {
		// A garbled answer to a request that may have succeeded: retried
		// with the same key, it does no harm.
		return fmt.Errorf("%w: answer of %s %s is not the expected JSON: %w", ErrTemporary, method, u.Path, err)
	}
	return nil
}
