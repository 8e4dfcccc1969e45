package postal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DropDir posts letters by writing them to a directory a print-and-post
// service ingests: <id>.pdf and its manifest <id>.json, which names the
// PDF and comes last. The service reports back by writing
// <id>.status.json files next to them.
type DropDir struct {
	dir  string
	now  func() time.Time
	mu   sync.Mutex
	seen seenEvents
}

// Manifest is the description of a dropped letter, <id>.json.
type Manifest struct {
	ID        string    `json:"id"`
	PDF       string    `json:"pdf"` // file name of the PDF, in the same directory
	SHA256    string    `json:"sha256"`
	Kind      string    `json:"kind"`
	Pages     int       `json:"pages"`
	Recipient Address   `json:"recipient"`
	Sender    Address   `json:"sender"`
	CreatedAt time.Time `json:"created_at"`
}

// Address is a postal address of a manifest or an API request.
type Address struct {
	Name  string   `json:"name"`
	Code  string   `json:"code,omitempty"`
	Lines []string `json:"lines"`
}

// statusFile is what the print service writes back, <id>.status.json: one
// status, or the list of its changes.
type statusFile struct {
	Status Status       `json:"status"`
	At     time.Time    `json:"at"`
	Detail string       `json:"detail"`
	Events []statusFile `json:"events"`
}

// NewDropDir posts to dir, created if missing.
func NewDropDir(dir string) (*DropDir, error) {
	if dir == "" {
		return nil, errors.New("postal: drop directory: no path")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("postal: drop directory: %w", err)
	}
	return &DropDir{dir: dir, now: time.Now, seen: seenEvents{}}, nil
}

// Name names the provider in receipts.
func (d *DropDir) Name() string { return "dropdir" }

// Send writes the PDF, then the manifest, each atomically (a temporary
// file renamed), so that the service never reads half a letter. A mail
// already dropped is not written again.
func (d *DropDir) Send(ctx context.Context, m Mail) (Receipt, error) {
	if err := m.check(); err != nil {
		return Receipt{}, err
	}
	if err := ctx.Err(); err != nil {
		return Receipt{}, fmt.Errorf("postal: drop %s: %w", m.ID, err)
	}
	sum := sha256.Sum256(m.PDF)
	digest := hex.EncodeToString(sum[:])
	manifestPath := filepath.Join(d.dir, m.ID+".json")
	if old, err := readManifest(manifestPath); err == nil {
		if old.SHA256 != digest {
			return Receipt{}, fmt.Errorf("postal: drop %s: already dropped with another PDF (sha256 %s)", m.ID, old.SHA256)
		}
		return Receipt{Provider: d.Name(), Ref: m.ID, Status: StatusQueued, At: old.CreatedAt}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Receipt{}, err
	}
	man := Manifest{
		ID: m.ID, PDF: m.ID + ".pdf", SHA256: digest, Kind: string(m.Kind), Pages: m.Pages,
		Recipient: Address{Name: m.To.Name, Code: m.To.Code, Lines: lines(m.To.Address)},
		Sender:    Address{Name: m.From.Name, Lines: lines(m.From.Address)},
		CreatedAt: d.now().UTC().Truncate(time.Second),
	}
	body, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return Receipt{}, fmt.Errorf("postal: drop %s: manifest: %w", m.ID, err)
	}
	if err := writeAtomic(filepath.Join(d.dir, man.PDF), m.PDF); err != nil {
		return Receipt{}, fmt.Errorf("postal: drop %s: %w", m.ID, err)
	}
	if err := writeAtomic(manifestPath, append(body, '\n')); err != nil {
		return Receipt{}, fmt.Errorf("postal: drop %s: %w", m.ID, err)
	}
	return Receipt{Provider: d.Name(), Ref: m.ID, Status: StatusQueued, At: man.CreatedAt}, nil
}

// Track reads the status files of refs and returns the changes not
// reported yet. A letter without a status file has no news. A malformed
// status file does not hide the others: their events are returned with an
// error naming it.
func (d *DropDir) Track(ctx context.Context, refs []string) ([]Event, error) {
	var events []Event
	var errs []error
	for _, ref := range refs {
		if err := ctx.Err(); err != nil {
			return events, fmt.Errorf("postal: track: %w", err)
		}
		evs, err := d.read(ref)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		events = append(events, d.changes(evs)...)
	}
	return events, errors.Join(errs...)
}

// read reads the events of a letter's status file, none when it is absent.
func (d *DropDir) read(ref string) ([]Event, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	path := filepath.Join(d.dir, ref+".status.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("postal: status of %s: %w", ref, err)
	}
	var f statusFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("postal: status file %s: %w", path, err)
	}
	list := f.Events
	if len(list) == 0 {
		list = []statusFile{f}
	}
	events := make([]Event, 0, len(list))
	for _, s := range list {
		if !s.Status.Valid() {
			return nil, fmt.Errorf("postal: status file %s: unknown status %q", path, s.Status)
		}
		if s.At.IsZero() {
			return nil, fmt.Errorf("postal: status file %s: status %q has no date (\"at\")", path, s.Status)
		}
		events = append(events, Event{Ref: ref, Status: s.Status, At: s.At, Detail: s.Detail})
	}
	return events, nil
}

// changes keeps the events not reported yet.
func (d *DropDir) changes(events []Event) []Event {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen.fresh(events)
}

// seenEvents remembers the events reported per reference, so that a
// provider reports each change once.
type seenEvents map[string]map[string]bool

// fresh keeps the events not reported yet and remembers them.
func (s seenEvents) fresh(events []Event) []Event {
	var out []Event
	for _, e := range events {
		key := string(e.Status) + "@" + e.At.UTC().Format(time.RFC3339Nano)
		if s[e.Ref] == nil {
			s[e.Ref] = map[string]bool{}
		}
		if !s[e.Ref][key] {
			s[e.Ref][key] = true
			out = append(out, e)
		}
	}
	return out
}

// lines splits an address into its non-empty lines.
func lines(address string) []string {
	var out []string
	for _, ln := range strings.Split(strings.ReplaceAll(address, "\r\n", "\n"), "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

// readManifest reads a dropped letter's manifest.
func readManifest(path string) (Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Manifest{}, err
		}
		return Manifest{}, fmt.Errorf("postal: manifest %s: %w", path, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return Manifest{}, fmt.Errorf("postal: manifest %s: %w", path, err)
	}
	return m, nil
}

// writeAtomic writes a file through a temporary one in the same directory,
// synced then renamed, so that a reader sees all of it or nothing. The
// temporary name starts with a dot, which ingesting services skip.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o640)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
