# triage — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

BIN      := bin/triage
DATA     := .data
GO_FILES := $(shell find . -name '*.go' -not -path './.data/*' 2>/dev/null)

.PHONY: help run test build db db-stop lint fuzz clean bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: $(BIN) ## build bin/triage

$(BIN): $(GO_FILES) go.mod go.sum
	go build -o $(BIN) ./cmd/triage

db: ## start the local Postgres+pgvector in .data/ (last line: DATABASE_URL)
	@bash scripts/pg.sh start

db-stop: ## stop the local Postgres
	@bash scripts/pg.sh stop

$(DATA)/secret_key:
	@mkdir -p $(DATA) && umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > $@

run: $(BIN) $(DATA)/secret_key ## set up everything and serve the demo on :8080
	@url=$$(bash scripts/pg.sh start | tail -n 1); \
	export DATABASE_URL="$$url" TRIAGE_SECRET_KEY_FILE="$(CURDIR)/$(DATA)/secret_key"; \
	$(BIN) migrate; \
	$(BIN) seed-demo; \
	form=$$($(BIN) form-link --tenant demo --customer C10042); \
	echo; \
	echo "triage is starting on http://localhost:8080"; \
	echo "  logins (password: demo): admin, collector, collector2"; \
	echo "  a customer's web form:   $$form"; \
	echo "  DATABASE_URL=$$url"; \
	echo; \
	exec $(BIN) serve

test: ## start the local Postgres, install Dovecot, Chromium and poppler, run every test with -race
	@url=$$(bash scripts/pg.sh start | tail -n 1); \
	bash scripts/dovecot.sh install || echo "Dovecot is not installed: the inbox tests against it will skip" >&2; \
	bash scripts/chromium.sh install; \
	bash scripts/poppler.sh install; \
	go vet ./...; \
	TRIAGE_TEST_DATABASE_URL="$$url" go test -race -count=1 ./...

bench: $(BIN) ## measure ingest, imap, suggest, queue and eval; table on stdout, JSON in bench/results/ (BENCH_FLAGS="--sizes 10k,100k")
	@url=$$(bash scripts/pg.sh start | tail -n 1); \
	bash scripts/dovecot.sh install || echo "Dovecot is not installed: the imap section will say it was skipped" >&2; \
	TRIAGE_BENCH_DATABASE_URL="$$url" $(BIN) bench $${BENCH_FLAGS:-}

lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet ./...

fuzz: ## run each fuzz target for FUZZTIME (default 60s)
	@for pkg in $$(go list ./...); do \
	  for f in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; go test $$pkg -run XXX -fuzz "^$$f$$" -fuzztime $${FUZZTIME:-60s}; \
	  done; \
	done

clean: ## remove the binary (the database in .data/ is kept: `make db-stop && rm -rf .data` to drop it)
	rm -rf bin
