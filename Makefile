# PutRight: `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

# Find a Python 3.13 without relying on the caller's shell: a plain python3.13 on PATH,
# then pyenv's shim (which only answers when told the version), then pyenv's folders.
PYTHON313 := $(shell \
  for c in python3.13 "env PYENV_VERSION=3.13.0 python3.13" \
           $$HOME/.pyenv/versions/3.13*/bin/python3.13 /usr/local/bin/python3.13 /usr/bin/python3.13; do \
    if $$c -c 'import sys; assert sys.version_info[:2] == (3, 13)' >/dev/null 2>&1; then echo "$$c"; break; fi; \
  done)

.PHONY: help venv install run serve migrate seed test lint fmt typecheck contracts migrations-check \
        test-sqlite test-postgres bench clean print-python frontend browser-deps letter-deps \
        deploy-deps check-guide load-faults mail-deps api-schema

print-python: ## Print the Python 3.13 the Makefile found (used by bench/setup.sh)
	@echo '$(PYTHON313)'

help: ## List every target
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(PY):
	@if [ -z '$(PYTHON313)' ]; then \
	  echo "PutRight needs Python 3.13 (Django 6.1). Install it (for example 'pyenv install 3.13' or your distribution's python3.13 package) and run make again."; \
	  exit 1; fi
	$(PYTHON313) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed ## Create .venv and install PutRight with its pinned dependencies

install: venv

migrate: venv ## Apply migrations to the embedded SQLite database
	$(PY) manage.py migrate --noinput

seed: migrate ## Load the demo council (only into an empty database) and print the staff sign-ins
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py seed_staff

# The background task worker (outgoing email) and the scheduler (reminders, retention; no
# cron needed) run beside the web server, each in its own process group, and are stopped
# with it however the server ends.
PORT ?= 8000

run: seed letter-deps ## Create .venv, install, migrate, load demo data, serve on 127.0.0.1:$(PORT) (make run PORT=8080) with the task worker and scheduler
	@echo ""
	@echo "PutRight on http://127.0.0.1:$(PORT)/ (staff: /staff/). Stop with Ctrl-C."
	@echo "  Another port:      make run PORT=8080"
	@echo "  The database:      $${DATABASE_URL:-db.sqlite3 in this folder (SQLITE_PATH=... moves it; DATABASE_URL=postgres://... for PostgreSQL)}"
	@echo "  Emails:            not sent; the task worker prints each one below, in full"
	@echo "  Uploaded files:    $${PUTRIGHT_MEDIA_ROOT:-media/ in this folder (PUTRIGHT_MEDIA_ROOT=... moves them)}"
	@echo "  Production:        docs/operations.md"
	@echo ""
	@set -m; $(PY) manage.py run_worker & worker=$$!; \
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill -TERM -- -$$worker -$$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: venv ## ruff (lint and format check), mypy, import-linter contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy putright config
	$(BIN)/lint-imports

fmt: venv ## Format and auto-fix the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: venv ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test-sqlite: venv browser-deps letter-deps mail-deps ## pytest on SQLite, with coverage
	$(BIN)/pytest -q -p no:cacheprovider --cov --cov-report=term:skip-covered --cov-report=xml:coverage-sqlite.xml

test-postgres: venv browser-deps letter-deps mail-deps ## pytest on PostgreSQL (DATABASE_URL, default the local server)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -p no:cacheprovider --cov --cov-report=term:skip-covered --cov-report=xml:coverage-postgres.xml

test: lint migrations-check test-sqlite test-postgres ## Lint, type-check, contracts, migrations check, pytest on SQLite and PostgreSQL

frontend: ## Rebuild static/ from the pinned GOV.UK and MOJ Frontend (needs npm; output is committed)
	npm ci --no-audit --no-fund
	npm run build

# The browser tests drive Debian's Chromium; Playwright never downloads a browser.
# fonts-liberation gives Arial's metrics (Liberation Sans), the council's brand face.
browser-deps: ## Install Chromium for the browser tests (apt-get, as root) if it is missing
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "The browser tests need /usr/bin/chromium: run 'sudo make browser-deps'."; exit 1; fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation; \
	fi

# PDF letters: WeasyPrint draws with Debian's Pango and HarfBuzz, in Liberation Sans (Arial's
# metrics); the letter tests read the PDFs back with poppler-utils (pdfinfo, pdftotext).
LETTER_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation poppler-utils
letter-deps: ## Install the libraries, fonts and PDF tools letters need (apt-get, as root) if missing
	@missing=$$(for p in $(LETTER_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Letters need:" $$missing "- run 'sudo make letter-deps'."; exit 1; fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

# Production's front end: Debian's nginx, for the guide check and the load-and-faults run.
deploy-deps: ## Install Debian's nginx (apt-get, as root) if it is missing
	@if [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "The deploy checks need nginx: run 'sudo make deploy-deps'."; exit 1; fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx; \
	fi

check-guide: venv deploy-deps ## Follow docs/operations.md word for word and serve through nginx on loopback (as root, about 5 minutes)
	python3 deploy/check_guide.py

load-faults: venv deploy-deps letter-deps ## Load and faults: PostgreSQL restart, Redis stop, full disk, a worker killed (as root; prints figures)
	$(PY) bench/load_and_faults.py --seconds 90

# The complaints-mailbox tests read a real IMAP server: Debian's Dovecot, started by the test
# suite on loopback with a throwaway configuration (never the system's own service).
MAIL_DEBS := dovecot-imapd
mail-deps: ## Install Dovecot's IMAP server for the mailbox tests (apt-get, as root) if missing
	@missing=$$(for p in $(MAIL_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "The mailbox tests need:" $$missing "- run 'sudo make mail-deps'."; exit 1; fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

api-schema: venv ## Regenerate the committed OpenAPI schema (a test fails when it drifts)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --validate --fail-on-warn --file putright/api/openapi.yaml

bench: venv ## Policy-core benchmark (1,000,000 synthetic cases)
	$(PY) bench/deadlines.py

clean: ## Remove the virtualenv and local databases
	rm -rf $(VENV) db.sqlite3* .coverage* coverage-*.xml
