package dashboard

import "embed"

// staticFiles holds the browser assets served under /static/: our own app.js and app.css, and
// the vendored libraries that `make assets` copies into static/vendor.
//
//go:embed static
var staticFiles embed.FS
