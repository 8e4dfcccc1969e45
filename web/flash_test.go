package web

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestFlashKeysHaveMessages reads the handlers for every flash key they set
// and checks the message exists: a missing one silently shows nothing.
func TestFlashKeysHaveMessages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keyRe := regexp.MustCompile(`(?:setFlash\(c, |s\.act\(c, |actOnAction\(c, )"([a-z_]+)"|key = "([a-z_]+)"`)
	found := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			found++
			if _, ok := messages[defaultLang]["flash."+key]; !ok {
				t.Errorf("%s: flash %q has no message", f, key)
			}
		}
	}
	if found < 10 {
		t.Errorf("found %d flash keys: the pattern no longer matches the handlers", found)
	}
}

func TestTakeFlashRejectsForgedCookies(t *testing.T) {
	for _, v := range []string{"nope", "accepted:1:2", "accepted:1:2:x", "qualified:1:2:3:4:5", "accepted:-1:0:0"} {
		if f := parseFlash(v, defaultLang); f != nil {
			t.Errorf("cookie %q gave %+v", v, f)
		}
	}
	if f := parseFlash("accepted:3:1:0", defaultLang); f == nil || f.Text[:1] != "3" {
		t.Errorf("accepted:3:1:0 gave %+v", f)
	}
	if f := parseFlash("deleted:42", defaultLang); f == nil || f.Undo != 42 {
		t.Errorf("deleted:42 gave %+v", f)
	}
}
