package inbox

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func TestFormTokenRoundTrip(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	tok, err := SignFormToken(testKey, FormClaims{TenantID: 3, CustomerID: 42, Items: []string{"F-2025-01187"}, Expires: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	c, err := VerifyFormToken(testKey, tok, now)
	if err != nil {
		t.Fatal(err)
	}
	if c.TenantID != 3 || c.CustomerID != 42 || !slices.Equal(c.Items, []string{"F-2025-01187"}) || !c.Expires.Equal(now.Add(time.Hour)) {
		t.Errorf("claims = %+v", c)
	}
}

func TestFormTokenRejects(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	good, _ := SignFormToken(testKey, FormClaims{TenantID: 1, CustomerID: 2, Expires: now.Add(time.Hour)})
	expired, _ := SignFormToken(testKey, FormClaims{TenantID: 1, CustomerID: 2, Expires: now})
	otherKey, _ := SignFormToken([]byte("another key another key another key"), FormClaims{TenantID: 1, CustomerID: 2, Expires: now.Add(time.Hour)})
	// A customer editing the payload to reach another customer must fail.
	parts := strings.Split(good, ".")
	forged := parts[0] + "." + "eyJ0IjoxLCJjIjozLCJlIjo5OTk5OTk5OTk5fQ" + "." + parts[2]
	tests := []struct {
		name, token string
		want        error
	}{
		{"empty", "", ErrTokenInvalid},
		{"garbage", "hello", ErrTokenInvalid},
		{"wrong version", "v0" + good[2:], ErrTokenInvalid},
		{"forged payload", forged, ErrTokenInvalid},
		{"truncated signature", good[:len(good)-3], ErrTokenInvalid},
		{"other key", otherKey, ErrTokenInvalid},
		{"expired", expired, ErrTokenExpired},
		{"huge", "v1." + strings.Repeat("A", MaxTokenLen), ErrTokenInvalid},
		{"bad base64 signature", parts[0] + "." + parts[1] + ".!!!", ErrTokenInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := VerifyFormToken(testKey, tt.token, now); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSignFormTokenNeedsClaims(t *testing.T) {
	if _, err := SignFormToken(testKey, FormClaims{TenantID: 1}); err == nil {
		t.Error("want an error without customer and expiry")
	}
}

func FuzzVerifyFormToken(f *testing.F) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	good, _ := SignFormToken(testKey, FormClaims{TenantID: 1, CustomerID: 2, Items: []string{"F-1"}, Expires: now.Add(time.Hour)})
	f.Add(good)
	f.Add("v1..")
	f.Add("v1.e30.")
	f.Fuzz(func(t *testing.T, tok string) {
		c, err := VerifyFormToken(testKey, tok, now)
		if err == nil && (c.TenantID == 0 || c.CustomerID == 0) {
			t.Errorf("accepted token without tenant/customer: %q", tok)
		}
		if err == nil && tok != good {
			t.Errorf("accepted a token that was never signed: %q", tok)
		}
	})
}
