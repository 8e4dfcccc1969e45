package letters

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"testing"
)

func TestCheckLogo(t *testing.T) {
	huge := func() []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4001, 1))); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	pngLogo := testLogo(t, "png")
	tests := []struct {
		name string
		data []byte
		mime string // "" when refused
	}{
		{"png", pngLogo, "image/png"},
		{"jpeg", testLogo(t, "jpeg"), "image/jpeg"},
		{"empty", nil, ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`), ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ""},
		{"truncated png", pngLogo[:40], ""},
		{"too wide", huge(), ""},
		{"too heavy", append(bytes.Clone(pngLogo), make([]byte, maxLogoBytes)...), ""},
		{"pdf named logo.png", []byte("%PDF-1.4\n%âãÏÓ\n"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mime, err := CheckLogo(tt.data)
			if tt.mime == "" {
				if !errors.Is(err, ErrInvalidImage) {
					t.Fatalf("CheckLogo: mime %q, err %v; want ErrInvalidImage", mime, err)
				}
				return
			}
			if err != nil || mime != tt.mime {
				t.Fatalf("CheckLogo = %q, %v; want %q", mime, err, tt.mime)
			}
		})
	}
}
