# smtpexplain: build, run and test.
#
#   make run    build the WebAssembly app and the CLI, then serve http://127.0.0.1:8000
#   make test   formatting, vet (native and WebAssembly), Go tests, then browser tests
#
# actionlint is pinned below; Go and the libraries come from go.mod.

GO          ?= go
ADDR        ?= 127.0.0.1:8000
PREFIX      ?=
SITE_URL    ?=
RELFLAGS    := -trimpath -ldflags='-s -w'
# No inlining in go-app and in the components: app.wasm is about 40 KB
# smaller compressed; the engine (codes/) keeps it, so decoding is as fast.
# Nor in math/big, which net/http's TLS links in and the page never runs
# (its requests go through fetch): 11 KB smaller compressed.
WASMFLAGS   := -gcflags=github.com/maxence-charriere/go-app/v9/...=-l -gcflags=github.com/smtpexplain/smtpexplain/app=-l \
               -gcflags=math/big=-l
# zopfli compresses app.wasm about 4% smaller than gzip -9; without it
# (ZOPFLI= or not installed) smtpexplain build uses Go's compress/gzip.
ZOPFLI      ?= zopfli
ACTIONLINT  := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
TEST_SITE   := dist-test
TEST_BASE   := dist-test-base
TEST_PREFIX := /smtpexplain

FUZZTIME    ?= 10m
BENCHCOUNT  ?= 3
BENCH       ?= .
CODES_FUZZ  := FuzzDecode FuzzParseMessage FuzzParseDSN FuzzParseESP FuzzReadLog FuzzReadTranscript FuzzScanCodes FuzzReadQuotedPrintable FuzzParseCode FuzzNewFromFS
APP_FUZZ    := FuzzShare FuzzRedact FuzzSummarize

.PHONY: build wasm run dist test fmt-check vet test-go test-wasm test-browser screenshot lint clean bench bench-browser size fuzz

## build: the native CLI in bin/smtpexplain, static (no cgo: a faster start, nothing to load)
build:
	CGO_ENABLED=0 $(GO) build $(RELFLAGS) -o bin/smtpexplain .

## wasm: the web app in web/app.wasm, and web/app.wasm.gz compressed with zopfli when it is installed
wasm:
	GOOS=js GOARCH=wasm $(GO) build $(RELFLAGS) $(WASMFLAGS) -o web/app.wasm .
	@if [ -z "$(ZOPFLI)" ] || ! command -v $(ZOPFLI) >/dev/null 2>&1; then \
		rm -f web/app.wasm.gz; \
		echo "NOTE: no zopfli (apt-get install -y zopfli): smtpexplain build compresses app.wasm with Go's compress/gzip, about 100 KB larger"; \
	elif gzip -dc web/app.wasm.gz 2>/dev/null | cmp -s - web/app.wasm; then \
		echo "web/app.wasm.gz is up to date"; \
	else \
		echo "$(ZOPFLI) web/app.wasm > web/app.wasm.gz (a minute or two)"; \
		$(ZOPFLI) -c web/app.wasm > web/app.wasm.gz.tmp && mv web/app.wasm.gz.tmp web/app.wasm.gz; \
	fi

## run: serve the app locally, pre-rendering each page on request
run: wasm build
	./bin/smtpexplain serve --addr $(ADDR)

## dist: the static site in dist/ (PREFIX=repo for https://user.github.io/repo/)
dist: wasm build
	./bin/smtpexplain build --out dist $(if $(PREFIX),--base-path /$(PREFIX)) $(if $(SITE_URL),--site-url $(SITE_URL))

## test: everything, browser tests included
test: fmt-check vet test-go test-wasm test-browser

fmt-check:
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed in:"; echo "$$unformatted"; exit 1; fi

vet:
	$(GO) vet ./...
	$(GO) vet -tags browser .
	GOOS=js GOARCH=wasm $(GO) vet ./...

test-go:
	@[ -d ../shared/corpus ] || echo "*** NO ../shared/corpus: THE CORPUS ACCURACY TESTS ARE SKIPPED (the provider table test uses the project's copy) ***"
	$(GO) test ./...

## test-wasm: the engine's tests compiled to WebAssembly and run by Node.js, as the page runs them
test-wasm:
	@if ! command -v node >/dev/null 2>&1; then \
		echo "*** NO NODE.JS: THE WEBASSEMBLY TESTS OF codes/ ARE SKIPPED (apt-get install -y nodejs) ***"; \
	else PATH="$$($(GO) env GOROOT)/lib/wasm:$$PATH" GOOS=js GOARCH=wasm $(GO) test ./codes/; fi

## test-browser: build a fresh site for the root and one for $(TEST_PREFIX)/, then drive Chromium through them
test-browser: wasm build
	@chrome="$${CHROME_PATH:-/usr/bin/chromium}"; if [ ! -x "$$chrome" ]; then \
		echo "*** NO CHROMIUM AT $$chrome: THE BROWSER TESTS WILL BE SKIPPED (apt-get install -y chromium, or set CHROME_PATH) ***"; fi
	./bin/smtpexplain build --out $(TEST_SITE)
	./bin/smtpexplain build --out $(TEST_BASE) --base-path $(TEST_PREFIX)
	SMTPEXPLAIN_DIST=$(TEST_SITE) SMTPEXPLAIN_DIST_BASE=$(TEST_BASE) \
		$(GO) test -tags browser -run Browser -count=1 -timeout 30m .

## bench-browser: navigation to interactive (cold, warm) and decode-to-paint of the largest corpus email in Chromium, medians of 5
bench-browser: wasm build
	./bin/smtpexplain build --out $(TEST_SITE)
	./bin/smtpexplain build --out $(TEST_BASE) --base-path $(TEST_PREFIX)
	SMTPEXPLAIN_DIST=$(TEST_SITE) SMTPEXPLAIN_DIST_BASE=$(TEST_BASE) \
		$(GO) test -tags browser -run '^$$' -bench Browser -benchtime 5x -count 1 -timeout 30m . | tee bench-browser.txt

## screenshot: docs/screenshot-light.png, -dark.png and -phone.png, the explainer at work
screenshot: wasm build
	./bin/smtpexplain build --out $(TEST_SITE)
	./bin/smtpexplain build --out $(TEST_BASE) --base-path $(TEST_PREFIX)
	SMTPEXPLAIN_DIST=$(TEST_SITE) SMTPEXPLAIN_DIST_BASE=$(TEST_BASE) SMTPEXPLAIN_SCREENSHOTS=docs \
		$(GO) test -tags browser -run BrowserScreenshot -count=1 .

## lint: formatting, vet and the GitHub workflows
lint: fmt-check vet
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml

## bench: the engine's benchmarks (corpus by kind, 1 KB to 10 MB, hostile inputs, start-up) and the CLI's start-up, in benchstat's format
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(BENCHCOUNT) ./codes/ . | tee bench.txt

## size: app.wasm raw, gzip -9 and as the site serves it (web/app.wasm.gz), and what a first visit transfers
size: wasm build
	@./bin/smtpexplain build --out dist-size | grep app.wasm.gz
	@raw=$$(wc -c < web/app.wasm); gz=$$(gzip -9 -c web/app.wasm | wc -c); served=$$(wc -c < dist-size/web/app.wasm.gz); \
	visit=0; for f in $$(find dist-size -type f); do \
		case "$$f" in *.gz) n=$$(wc -c < "$$f");; *) n=$$(gzip -9 -c "$$f" | wc -c);; esac; visit=$$((visit + n)); done; \
	pages=$$(find dist-size -name '*.html' | wc -l); \
	printf 'app.wasm raw                 %10d bytes\n' $$raw; \
	printf 'app.wasm gzip -9             %10d bytes\n' $$gz; \
	printf 'app.wasm transferred         %10d bytes (web/app.wasm.gz, as served)\n' $$served; \
	printf 'first visit, all of dist/    %10d bytes (%d pages, every file the service worker caches; .gz as served, the rest gzip -9)\n' $$visit $$pages
	@rm -rf dist-size

## fuzz: every fuzz target for FUZZTIME (10m) each; crashers land in testdata/fuzz
# A target fails only when it writes a failing input to testdata/fuzz/TARGET:
# Go 1.26's fuzzing coordinator can end a run with a bare "context deadline
# exceeded" at the -fuzztime mark and no input (go.dev/issue/75804), which
# is reported and not counted.
fuzz:
	@fail=0; log=$$(mktemp); for pt in $(addprefix codes:,$(CODES_FUZZ)) $(addprefix app:,$(APP_FUZZ)); do \
		p=$${pt%%:*}; t=$${pt#*:}; dir=$$p/testdata/fuzz/$$t; echo "== $$p $$t"; \
		before=$$(ls $$dir 2>/dev/null | wc -l); \
		{ $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -timeout 0 ./$$p/; echo "rc=$$?"; } 2>&1 | tee $$log; \
		if ! grep -q '^rc=0$$' $$log; then \
			if [ "$$(ls $$dir 2>/dev/null | wc -l)" -eq "$$before" ] && grep -q 'context deadline exceeded' $$log; then \
				echo "NOTE: $$t ended without a failing input (Go's deadline race, go.dev/issue/75804)"; \
			else echo "*** $$t failed"; fail=1; fi; \
		fi; \
	done; rm -f $$log; exit $$fail

clean:
	rm -rf bin dist dist-size $(TEST_SITE) $(TEST_BASE) web/app.wasm web/app.wasm.gz bench.txt bench-browser.txt
