package report

import "embed"

// fonts holds the PDF font, copied from npm by `make assets` (see fonts/README.md).
//
//go:embed fonts/DejaVuSansCondensed.ttf fonts/DejaVuSansCondensed-Bold.ttf
var fonts embed.FS
