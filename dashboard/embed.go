package dashboard

import "embed"

// Every file the dashboard embeds is declared here, so a reader finds them in one place.

// staticFiles holds the browser assets served under /static/: our own app.js and app.css, and
// the vendored libraries that `make assets` copies into static/vendor.
//
//go:embed static
var staticFiles embed.FS

// templateFiles are the page templates; layout.html holds the frame and shared partials.
//
//go:embed templates/*.html
var templateFiles embed.FS
