# Machikado — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml setup.py | sha1sum | cut -c1-12)

.PHONY: help install run test lint check messages clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) ## create .venv and install the project with its test and dev tools

run: install ## migrate, load the demo once, serve http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## run the whole suite (DATABASE_URL picks another database)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install ## migrations up to date, lint, deployment checks
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=machikado.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		ALLOWED_HOSTS=machikado.example.jp $(BIN)/python manage.py check --deploy --fail-level WARNING

messages: install ## update and compile the translation catalogues
	$(BIN)/python manage.py makemessages -l ja -l en --ignore ".venv/*" --ignore "tests/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

clean: ## remove the virtualenv, the database and generated media
	rm -rf $(VENV) db.sqlite3* static
	find media -mindepth 1 ! -name .gitkeep -delete
