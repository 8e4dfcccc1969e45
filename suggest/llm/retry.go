package llm

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff shapes the waits between retries: full jitter, a uniform wait
// in [0, min(Max, Base·2^attempt)], unless the server says how long to wait
// with Retry-After, which is honoured up to Max.
type Backoff struct {
	Base time.Duration // bound of the first wait (default 500ms)
	Max  time.Duration // cap of every wait, Retry-After included (default 30s)
}

func (b Backoff) withDefaults() Backoff {
	if b.Base <= 0 {
		b.Base = 500 * time.Millisecond
	}
	if b.Max <= 0 {
		b.Max = 30 * time.Second
	}
	return b
}

// doer is what go-openai sends its requests with.
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

// retryDoer retries a request after a 429, a 5xx or a network error, at most
// retries times, and never once its context is done or a wait would outlast
// the context's deadline: the caller's timeout bounds waits too.
type retryDoer struct {
	next    doer
	retries int
	backoff Backoff
	sleep   func(ctx context.Context, d time.Duration) error
	jitter  func(bound time.Duration) time.Duration
	now     func() time.Time // reads Retry-After dates
	stats   *Stats
}

// Do implements doer.
func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		resp, err := d.next.Do(req)
		if attempt >= d.retries || !retryable(ctx, resp, err) {
			return resp, err
		}
		wait := d.wait(attempt, resp)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return resp, err
		}
		next, rerr := rewind(req)
		if rerr != nil {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			_ = resp.Body.Close()
		}
		d.stats.retry()
		if err := d.sleep(ctx, wait); err != nil {
			return nil, err
		}
		req = next
	}
}

// retryable reports whether an attempt failed in a way a later one may not:
// rate limiting, a server error, or the network (but not the caller giving up).
func retryable(ctx context.Context, resp *http.Response, err error) bool {
	if err != nil {
		return ctx.Err() == nil
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
}

// wait is how long to wait before the attempt after attempt (0-based).
func (d *retryDoer) wait(attempt int, resp *http.Response) time.Duration {
	b := d.backoff
	if resp != nil {
		if w, ok := retryAfter(resp.Header.Get("Retry-After"), d.now()); ok {
			return min(w, b.Max)
		}
	}
	bound := b.Max
	if attempt < 30 && b.Base<<attempt < b.Max {
		bound = b.Base << attempt
	}
	return d.jitter(bound)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP-date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(min(s, 24*3600)) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// rewind returns a copy of req with a fresh body, for another attempt.
func rewind(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	if req.GetBody == nil {
		return nil, errNoRewind
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	next := req.Clone(req.Context())
	next.Body = body
	return next, nil
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// fullJitter is a uniform duration in [0, bound].
func fullJitter(bound time.Duration) time.Duration {
	if bound <= 0 {
		return 0
	}
	return rand.N(bound + 1)
}
