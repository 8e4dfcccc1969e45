package letters

import _ "embed"

// The letters are set in DejaVu Sans (Bitstream Vera licence, see
// fonts/LICENSE), embedded so that the binary renders accents, € and the
// narrow no-break spaces of French typography wherever it runs.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// fontFamily is the name the PDF gives the embedded font.
const fontFamily = "DejaVu"
