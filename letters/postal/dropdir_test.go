package postal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func newTestDropDir(t *testing.T) (*DropDir, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "outgoing")
	d, err := NewDropDir(dir)
	if err != nil {
		t.Fatalf("NewDropDir: %v", err)
	}
	d.now = func() time.Time { return time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC) }
	return d, dir
}

func TestDropDirSend(t *testing.T) {
	d, dir := newTestDropDir(t)
	m := testMail(t, "triage-1-42")
	r, err := d.Send(t.Context(), m)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	want := Receipt{Provider: "dropdir", Ref: "triage-1-42", Status: StatusQueued, At: time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)}
	if r != want {
		t.Errorf("receipt %+v, want %+v", r, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"triage-1-42.json", "triage-1-42.pdf"}) {
		t.Errorf("files %v: want the PDF and its manifest, no temporary file left", names)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "triage-1-42.pdf"))
	if err != nil || !slices.Equal(pdf, m.PDF) {
		t.Fatalf("the dropped PDF differs from the mail's (%v)", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "triage-1-42.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man Manifest
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	sum := sha256.Sum256(m.PDF)
	wantMan := Manifest{
		ID: "triage-1-42", PDF: "triage-1-42.pdf", SHA256: hex.EncodeToString(sum[:]), Kind: "registered", Pages: 1,
		Recipient: Address{Name: "Boulangerie Dupré SARL", Code: "C10042", Lines: []string{"Mme Hélène Dupré", "8, avenue Jean-Jaurès", "13001 Marseille"}},
		Sender:    Address{Name: "Établissements Lefèvre & Fils", Lines: []string{"12, rue de l’Église", "69003 Lyon"}},
		CreatedAt: want.At,
	}
	if got, _ := json.Marshal(man); string(got) != string(must(json.Marshal(wantMan))) {
		t.Errorf("manifest\n%s\nwant\n%s", got, must(json.Marshal(wantMan)))
	}

	// Sent again (a retry after a crash): same reference, nothing rewritten.
	d.now = func() time.Time { return time.Date(2026, 3, 11, 8, 0, 0, 0, time.UTC) }
	again, err := d.Send(t.Context(), m)
	if err != nil || again != want {
		t.Fatalf("second Send = %+v, %v; want %+v", again, err, want)
	}
	if b2, _ := os.ReadFile(filepath.Join(dir, "triage-1-42.json")); string(b2) != string(b) {
		t.Error("the manifest was rewritten by the second Send")
	}
	// The same id with another letter is a bug upstream: refused.
	other := testMail(t, "triage-1-42")
	other.PDF = append(slices.Clone(other.PDF), '\n')
	if _, err := d.Send(t.Context(), other); err == nil || !strings.Contains(err.Error(), "already dropped") {
		t.Errorf("Send of another PDF under the same id: err = %v", err)
	}
}

func TestDropDirSendRefuses(t *testing.T) {
	d, dir := newTestDropDir(t)
	m := testMail(t, "../escape")
	if _, err := d.Send(t.Context(), m); err == nil {
		t.Fatal("Send accepted an id with a path")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := d.Send(ctx, testMail(t, "triage-1-43")); err == nil {
		t.Fatal("Send with a cancelled context succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files written by refused sends", len(entries))
	}
	if _, err := NewDropDir(""); err == nil {
		t.Error("NewDropDir(\"\") accepted")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDropDir(file); err == nil {
		t.Error("NewDropDir of a file accepted")
	}
}

func TestDropDirTrack(t *testing.T) {
	d, dir := newTestDropDir(t)
	for _, id := range []string{"triage-1-42", "triage-1-43", "triage-1-44"} {
		if _, err := d.Send(t.Context(), testMail(t, id)); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	at := func(s string) time.Time { return must(time.Parse(time.RFC3339, s)) }
	write("triage-1-42.status.json", `{"status": "sent", "at": "2026-03-10T16:00:00Z", "detail": "remis à La Poste, 1A 123 456 7890 1"}`)
	write("triage-1-43.status.json", `{"events": [
		{"status": "sent", "at": "2026-03-10T16:00:00Z"},
		{"status": "acknowledged", "at": "2026-03-12T10:12:00Z", "detail": "AR signé par H. Dupré"}]}`)
	// triage-1-44 has no news yet

	refs := []string{"triage-1-42", "triage-1-43", "triage-1-44"}
	got, err := d.Track(t.Context(), refs)
	if err != nil {
		t.Fatalf("Track: %v", err)
	}
	want := []Event{
		{Ref: "triage-1-42", Status: StatusSent, At: at("2026-03-10T16:00:00Z"), Detail: "remis à La Poste, 1A 123 456 7890 1"},
		{Ref: "triage-1-43", Status: StatusSent, At: at("2026-03-10T16:00:00Z")},
		{Ref: "triage-1-43", Status: StatusAcknowledged, At: at("2026-03-12T10:12:00Z"), Detail: "AR signé par H. Dupré"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("events\n%+v\nwant\n%+v", got, want)
	}
	// Asked again: no change, no event.
	if got, err := d.Track(t.Context(), refs); err != nil || len(got) != 0 {
		t.Fatalf("second Track = %+v, %v; want nothing new", got, err)
	}
	// The service writes a change, and a broken file for another letter.
	write("triage-1-42.status.json", `{"status": "returned", "at": "2026-03-14T11:00:00Z", "detail": "destinataire inconnu à l'adresse"}`)
	write("triage-1-44.status.json", `{"status": "delivered", "at": `)
	got, err = d.Track(t.Context(), refs)
	if err == nil || !strings.Contains(err.Error(), "triage-1-44.status.json") {
		t.Errorf("Track with a malformed status file: err = %v, want one naming the file", err)
	}
	want = []Event{{Ref: "triage-1-42", Status: StatusReturned, At: at("2026-03-14T11:00:00Z"), Detail: "destinataire inconnu à l'adresse"}}
	if !slices.Equal(got, want) {
		t.Errorf("events despite the broken file\n%+v\nwant\n%+v", got, want)
	}
}

func TestDropDirTrackMalformed(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"not json", "sent", "invalid character"},
		{"unknown status", `{"status": "lost", "at": "2026-03-10T16:00:00Z"}`, `unknown status "lost"`},
		{"no date", `{"status": "sent"}`, "no date"},
		{"unknown field", `{"statut": "sent", "at": "2026-03-10T16:00:00Z"}`, "unknown field"},
		{"bad date", `{"status": "sent", "at": "10/03/2026"}`, "cannot parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, dir := newTestDropDir(t)
			if err := os.WriteFile(filepath.Join(dir, "triage-1-42.status.json"), []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			events, err := d.Track(t.Context(), []string{"triage-1-42"})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "triage-1-42.status.json") {
				t.Fatalf("Track = %+v, %v; want an error naming the file and %q", events, err, tt.want)
			}
		})
	}
	d, _ := newTestDropDir(t)
	if _, err := d.Track(t.Context(), []string{"../../etc/passwd"}); err == nil {
		t.Error("Track accepted a reference with a path")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
