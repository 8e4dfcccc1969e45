package letters

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of letters/testdata")

// poppler returns the path of a poppler tool (pdftotext, pdfimages). Away
// from CI a machine without it skips the test; on CI it must be installed
// (scripts/poppler.sh), so the test fails.
func poppler(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required on CI: run `bash scripts/poppler.sh install`", tool)
		}
		t.Skipf("%s is not installed: run `bash scripts/poppler.sh install` to run the PDF tests", tool)
	}
	return path
}

// pdfText extracts the text of a PDF as `pdftotext -layout` lays it out;
// pages are separated by form feeds.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return runPoppler(t, "pdftotext", pdf, "-layout", "-enc", "UTF-8")
}

// runPoppler runs a poppler tool on a PDF written to a temporary file and
// returns its output.
func runPoppler(t *testing.T, tool string, pdf []byte, args ...string) string {
	t.Helper()
	bin := poppler(t, tool)
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, path)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), bin, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v: %s", tool, err, stderr.String())
	}
	return string(out)
}

// golden compares got with testdata/<name>.golden, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./letters -update` to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// pages splits pdftotext's output into its pages.
func pages(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f\n"), "\f")
}
