# Machikado — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml setup.py | sha1sum | cut -c1-12)

E2E := tests/e2e
E2E_STAMP := $(E2E)/node_modules/.installed-$(shell sha1sum $(E2E)/package.json | cut -c1-12)

.PHONY: help install browser-deps stripe-mock catalogues run test lint check messages clean elasticsearch elasticsearch-stop audit

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-13s %s\n", $$1, $$2}'

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) ## create .venv and install the project with its test and dev tools

# axe-core for the browser tests' accessibility checks, at the exact version in
# tests/e2e/package.json. No lockfile is kept (it would name the registry);
# without npm the browser tests skip, saying why.
$(E2E_STAMP): $(E2E)/package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error --prefix $(E2E) \
		&& rm -f $(E2E)/node_modules/.installed-* && touch $@; \
	else \
		echo "npm not found: browser tests that need axe-core will skip (apt-get install npm)"; \
	fi

browser-deps: $(E2E_STAMP) ## install the browser tests' JavaScript (axe-core) with npm

# Stripe's official mock, for the Connect tests and the demo's Connect (the
# tests start it, and localstripe from the dev extras, themselves). Built with
# Go >= 1.22 into the venv; without Go the Connect tests skip (fail in CI) and
# the demo holds card payouts.
STRIPE_MOCK_VERSION := v0.197.0
STRIPE_MOCK_STAMP := $(VENV)/.stripe-mock-$(STRIPE_MOCK_VERSION)

$(STRIPE_MOCK_STAMP): | $(STAMP)
	@if command -v go >/dev/null 2>&1; then \
		echo "building stripe-mock $(STRIPE_MOCK_VERSION) into $(BIN)"; \
		GOBIN="$(abspath $(BIN))" go install github.com/stripe/stripe-mock@$(STRIPE_MOCK_VERSION) \
		&& rm -f $(VENV)/.stripe-mock-* && touch $@; \
	else \
		echo "go not found: stripe-mock not built; Connect tests skip and the demo holds card payouts (install Go >= 1.22)"; \
	fi

stripe-mock: $(STRIPE_MOCK_STAMP) ## build stripe-mock (Stripe Connect emulator) with Go

# Elasticsearch for SEARCH_ENGINE=elasticsearch and its tests: Elastic's test
# distribution from Maven Central, unpacked into .cache/elasticsearch/, run on
# 127.0.0.1:$(ES_PORT) with a JDK >= 21 (see .ci/elasticsearch). Without it the
# Elasticsearch tests skip (fail in CI).
ES_PORT ?= 9200

elasticsearch: ## start Elasticsearch on 127.0.0.1:9200 (ES_PORT=...; fetched once with Maven)
	ES_PORT=$(ES_PORT) .ci/elasticsearch start

elasticsearch-stop: ## stop that Elasticsearch node
	ES_PORT=$(ES_PORT) .ci/elasticsearch stop

# Card payments work offline: runserver_with_stripe starts a localstripe on
# 127.0.0.1:8420 (or reuses one), registers the webhook, and a stripe-mock on
# 12111 for Connect when built; it stops what it started with the server.
run: install stripe-mock catalogues ## migrate, load the demo once, serve http://127.0.0.1:$(PORT) with local Stripe emulators
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py runserver_with_stripe 127.0.0.1:$(PORT)

# Translation catalogues the tests read: compiled from the .po files when there
# are any (needs gettext's msgfmt).
catalogues: install
	@if [ -n "$$(find . -path ./.venv -prune -o -path '*/node_modules' -prune -o -name '*.po' -print -quit)" ]; then \
		if command -v msgfmt >/dev/null 2>&1; then \
			$(BIN)/python manage.py compilemessages --ignore ".venv/*" --ignore "*/node_modules/*" -v 0; \
		else \
			echo "msgfmt not found: translation catalogues not compiled (apt-get install gettext)"; \
		fi; \
	fi

# One test process per core (pytest-xdist; a file's tests stay on one worker so
# module fixtures such as the demo load run once per worker at most). The
# slowest tests are listed at the end, to see where the suite's time goes.
PYTEST_WORKERS ?= auto
test: install browser-deps stripe-mock catalogues ## run the whole suite (DATABASE_URL picks another database)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=25 $(PYTEST_ARGS)

lint: install ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install ## migrations up to date, lint, deployment checks
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=machikado.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		ALLOWED_HOSTS=machikado.example.jp $(BIN)/python manage.py check --deploy --fail-level WARNING

# Known vulnerabilities (PyPI's advisory data) in every installed package;
# --strict fails when a package could not be checked, so an unreachable
# advisory service never reads as "no known vulnerabilities".
audit: install ## pip-audit the installed packages (needs PyPI's JSON API)
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off $(AUDIT_ARGS)

messages: install ## update and compile the translation catalogues
	$(BIN)/python manage.py makemessages --no-obsolete -l ja -l en -l zh_Hans -l zh_Hant -l ko --ignore ".venv/*" --ignore "tests/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*" --ignore "*/node_modules/*"

clean: ## remove the virtualenv, the database and generated media
	rm -rf $(VENV) db.sqlite3* static $(E2E)/node_modules
	find media -mindepth 1 ! -name .gitkeep -delete
