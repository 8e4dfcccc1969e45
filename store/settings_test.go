package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

func TestSettings(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "t1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Settings(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.ConfidenceThreshold != triage.DefaultConfidenceThreshold || s.Calendar.Country != "FR" || len(s.Calendar.Closed) != 0 {
		t.Fatalf("defaults: %+v", s)
	}
	closing := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	want := triage.Settings{ConfidenceThreshold: 0.75, Calendar: triage.Calendar{Country: "BE", Closed: []time.Time{closing}}}
	if err := db.SaveSettings(ctx, tn.ID, want); err != nil {
		t.Fatal(err)
	}
	got, err := db.Settings(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ConfidenceThreshold != 0.75 || got.Calendar.Country != "BE" || len(got.Calendar.Closed) != 1 || !got.Calendar.Closed[0].Equal(closing) {
		t.Errorf("saved %+v, read %+v", want, got)
	}
	var verr *triage.ValidationError
	if err := db.SaveSettings(ctx, tn.ID, triage.Settings{ConfidenceThreshold: 2}); !errors.As(err, &verr) || verr.Field != "confidence_threshold" {
		t.Errorf("threshold 2: err = %v", err)
	}
	if err := db.SaveSettings(ctx, tn.ID, triage.Settings{Calendar: triage.Calendar{Country: "ZZ"}}); !errors.As(err, &verr) {
		t.Errorf("country ZZ: err = %v", err)
	}
	if _, err := db.Settings(ctx, tn.ID+1000); !errors.Is(err, triage.ErrNotFound) {
		t.Errorf("unknown tenant: err = %v", err)
	}
}
