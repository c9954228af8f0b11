# Timbang build, test and run targets. `make` alone lists them.
#
# A fresh clone needs Go (see go.mod), node/npm (for the pinned browser assets) and a C compiler
# (DuckDB and the race detector use cgo). Everything else is fetched by these targets:
# npm packages through dashboard/web/package-lock.json, golangci-lint through the Go module proxy.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

# Pinned linter. Bump deliberately: a new release can add findings.
GOLANGCI_LINT_VERSION := v2.15.0
GOLANGCI_LINT := $(CURDIR)/bin/golangci-lint

WEB := dashboard/web
VENDOR := dashboard/static/vendor
ECHARTS := $(WEB)/node_modules/echarts
# npm ci rewrites this hidden lockfile on every install, so it marks "node_modules is current".
NPM_STAMP := $(WEB)/node_modules/.package-lock.json
VENDOR_FILES := $(VENDOR)/echarts.min.js $(VENDOR)/LICENSE $(VENDOR)/NOTICE
# The PDF reports embed DejaVu Sans Condensed (Latin, Greek and Cyrillic names), from npm too.
FONTS := dashboard/report/fonts
DEJAVU := $(WEB)/node_modules/dejavu-fonts-ttf
FONT_FILES := $(FONTS)/DejaVuSansCondensed.ttf $(FONTS)/DejaVuSansCondensed-Bold.ttf $(FONTS)/LICENSE

ADDR := 127.0.0.1:8080
DB := timbang.duckdb

# The browser tests (dashboard/e2e) drive Debian's Chromium; set CHROMIUM to use another binary.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: help assets build run test browser pdftools fmt-check vet lint bench tools clean

help: ## List the targets
	@echo "Timbang make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 14

assets: $(VENDOR_FILES) $(FONT_FILES) ## Install the pinned npm packages, copy ECharts and the report font in

# npm ci only when node_modules is missing or older than the lock (or package.json).
$(NPM_STAMP): $(WEB)/package-lock.json $(WEB)/package.json
	cd $(WEB) && npm ci
	@touch $@

$(VENDOR)/echarts.min.js: $(NPM_STAMP)
	cp $(ECHARTS)/dist/echarts.min.js $@

$(VENDOR)/LICENSE $(VENDOR)/NOTICE: $(NPM_STAMP)
	cp $(ECHARTS)/$(@F) $@

$(FONTS)/%.ttf: $(NPM_STAMP)
	cp $(DEJAVU)/ttf/$(@F) $@

$(FONTS)/LICENSE: $(NPM_STAMP)
	cp $(DEJAVU)/LICENSE $@

build: assets ## Build ./bin/timbang
	go build -o bin/timbang ./cmd/timbang

run: build ## Build, then serve the demo dataset at http://127.0.0.1:8080
	@echo "Timbang dashboard: http://$(ADDR)  (Ctrl-C stops it)"
	@echo "Log in as admin: on the first start the password is printed below, once. Lost it? Stop the"
	@echo "server and run: ./bin/timbang user passwd --db $(DB) --username admin --password-stdin"
	./bin/timbang serve --addr $(ADDR) --db $(DB) --demo

test: assets tools browser pdftools ## gofmt check, go vet, golangci-lint, then go test -race (browser tests included)
	@$(MAKE) --no-print-directory fmt-check
	go vet ./...
	$(GOLANGCI_LINT) run ./...
	go test -race -count=1 ./...

# The browser tests never skip: without Chromium they fail, so install it here or stop.
pdftools: ## Make sure pdftotext (poppler-utils) is installed: the PDF report tests read their files back with it
	@if command -v pdftotext >/dev/null; then \
		echo "pdftotext: $$(command -v pdftotext)"; \
	else \
		echo "installing poppler-utils for the PDF report tests (no pdftotext)"; \
		sudo=; \
		if [ "$$(id -u)" -ne 0 ]; then \
			command -v sudo >/dev/null || { echo "make: need root or sudo to apt-get install poppler-utils" >&2; exit 1; }; \
			sudo=sudo; \
		fi; \
		command -v apt-get >/dev/null || { echo "make: no apt-get: install poppler-utils (pdftotext) yourself" >&2; exit 1; }; \
		$$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y poppler-utils \
			|| { echo "make: apt-get install poppler-utils failed; the PDF report tests need pdftotext" >&2; exit 1; }; \
	fi

browser: ## Make sure Chromium is installed for the browser tests (apt-get install chromium)
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "chromium: $(CHROMIUM)"; \
	else \
		echo "installing chromium for the browser tests (no $(CHROMIUM))"; \
		sudo=; \
		if [ "$$(id -u)" -ne 0 ]; then \
			command -v sudo >/dev/null || { echo "make: need root or sudo to apt-get install chromium; install it, or set CHROMIUM to a Chromium binary" >&2; exit 1; }; \
			sudo=sudo; \
		fi; \
		command -v apt-get >/dev/null || { echo "make: no apt-get: install Chromium yourself and set CHROMIUM to its binary" >&2; exit 1; }; \
		$$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y chromium \
			|| { echo "make: apt-get install chromium failed; the browser tests need it" >&2; exit 1; }; \
		[ -x "$(CHROMIUM)" ] || { echo "make: installed chromium but there is no $(CHROMIUM)" >&2; exit 1; }; \
	fi

fmt-check: ## Fail, listing them, if any Go file is not gofmt-formatted
	@unformatted=$$(find . \( -name .git -o -name node_modules -o -name bin \) -prune \
		-o -type f -name '*.go' -exec gofmt -l {} +); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files are not formatted (run gofmt -w on them):"; \
		echo "$$unformatted"; \
		exit 1; \
	fi

vet: ## go vet ./...
	go vet ./...

lint: tools ## Run the pinned golangci-lint
	$(GOLANGCI_LINT) run ./...

# One package at a time: benchmarks on a shared machine should not compete with each other, and
# the national-scale ones (TIMBANG_BENCH_NATIONAL=/path/to/national.duckdb, see
# dashboard/bench_test.go) open the same database file, which only one process may hold.
bench: assets ## Run all benchmarks (the import benchmark loads a 5,000,000-row staff file)
	TIMBANG_BENCH_ROWS=5000000 go test -p 1 -run '^$$' -bench . -benchmem -benchtime 1x -timeout 90m ./...

tools: ## Install the pinned golangci-lint into ./bin (from the Go module proxy)
	@if [ -x $(GOLANGCI_LINT) ] && $(GOLANGCI_LINT) --version 2>/dev/null | grep -qF 'version $(GOLANGCI_LINT_VERSION:v%=%) '; then \
		echo "golangci-lint $(GOLANGCI_LINT_VERSION) already in ./bin"; \
	else \
		echo "installing golangci-lint $(GOLANGCI_LINT_VERSION) into ./bin (compiles from source, takes a few minutes)"; \
		GOBIN=$(CURDIR)/bin go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION); \
		$(GOLANGCI_LINT) --version; \
	fi

clean: ## Remove the binary, node_modules and the vendored copies (keeps ./bin/golangci-lint)
	rm -f bin/timbang
	rm -rf $(WEB)/node_modules
	rm -f $(VENDOR_FILES)
