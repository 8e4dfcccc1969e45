package letters

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
)

// ErrInvalidImage is a logo that is not a PNG or JPEG image within the
// size limits.
var ErrInvalidImage = errors.New("letters: the logo must be a PNG or JPEG image of at most 2 MB and 4000×4000 pixels")

// Limits of an uploaded logo: it is printed a few centimetres wide.
const (
	maxLogoBytes  = 2 << 20
	maxLogoPixels = 4000
)

// CheckLogo checks an uploaded logo: its content (not its name) must be a
// whole PNG or JPEG image of reasonable size. It returns the image's MIME
// type.
func CheckLogo(b []byte) (mime string, err error) {
	mime, _, err = decodeLogo(b)
	return mime, err
}

// decodeLogo checks a logo's size before decoding it, so that a small file
// announcing a huge image is refused without allocating it.
func decodeLogo(b []byte) (mime string, img image.Image, err error) {
	if len(b) == 0 || len(b) > maxLogoBytes {
		return "", nil, fmt.Errorf("%w (%d bytes)", ErrInvalidImage, len(b))
	}
	mime = http.DetectContentType(b)
	var cfg image.Config
	switch mime {
	case "image/png":
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
	case "image/jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	default:
		return "", nil, fmt.Errorf("%w (content is %s)", ErrInvalidImage, mime)
	}
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", ErrInvalidImage, err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxLogoPixels || cfg.Height > maxLogoPixels {
		return "", nil, fmt.Errorf("%w (%d×%d pixels)", ErrInvalidImage, cfg.Width, cfg.Height)
	}
	img, _, err = image.Decode(bytes.NewReader(b))
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", ErrInvalidImage, err)
	}
	return mime, img, nil
}

// logoPNG checks a logo and re-encodes it as a plain PNG, which the PDF
// writer reads whatever the original's variant (interlaced, progressive,
// CMYK...). It returns the image's size in pixels.
func logoPNG(b []byte) (data []byte, width, height int, err error) {
	_, img, err := decodeLogo(b)
	if err != nil {
		return nil, 0, 0, err
	}
	var out bytes.Buffer
	if err := png.Encode(&out, img); err != nil {
		return nil, 0, 0, fmt.Errorf("letters: logo: %w", err)
	}
	r := img.Bounds()
	return out.Bytes(), r.Dx(), r.Dy(), nil
}
