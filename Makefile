# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format audit clean messages stack stack-stop bench

# `make help` lists the targets with the line after `##` on each.
help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/\1\t\2/' | expand -t 14

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# The site's address (docs/deployment.md): load_site_content sets the Wagtail Site record from it.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed ## installs into .venv, migrates, loads the mission content, serves the site on SQLite
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_site_content
	$(BIN)/python manage.py strip_image_metadata
	$(BIN)/python manage.py ensure_admin
	@# The scheduler publishes scheduled pages and snippets every minute; the mail worker forwards
	@# contact messages (printed here: dev settings' console mail). Both stop with the server.
	$(BIN)/python manage.py run_scheduler > /dev/null & SCHEDULER=$$!; \
	$(BIN)/python manage.py db_worker --backend mail --no-reload --verbosity 0 & WORKER=$$!; \
	trap 'kill $$SCHEDULER $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite on two workers (pytest-xdist), each with its own test database and browser;
# PYTEST_WORKERS=0 runs it in one process. PYTEST_ARGS: more pytest options, e.g. -m "not browser".
PYTEST_WORKERS ?= 2

test: $(VENV)/.installed-dev ## installs the test dependencies and runs the whole suite (PYTEST_ARGS, PYTEST_WORKERS)
	bash scripts/ensure-test-tools.sh
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev ## ruff and djhtml checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates */templates

format: $(VENV)/.installed-dev ## ruff and djhtml rewrite the code in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates */templates

# Page weight of every seeded page in Chromium, served like production (compressed static files).
audit: $(VENV)/.installed-dev ## page weight of every seeded page in Chromium
	bash scripts/ensure-chromium.sh
	$(BIN)/python scripts/audit_page_weight.py

clean: ## removes .venv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles media-test

# Regenerate the translation catalogues after changing template strings; commit the .po and .mo files.
# Without source locations, so that two branches adding strings do not conflict over line numbers.
# An app with a locale/ folder of its own (e.g. news/) keeps its strings there, out of the project's catalogue.
APP_CATALOGUES := $(patsubst %/locale,%,$(wildcard */locale))
messages: $(VENV)/.installed-dev ## regenerates and compiles the translation catalogues
	$(BIN)/python manage.py makemessages -l mn --no-location --ignore=.venv --ignore=staticfiles $(addprefix --ignore=,$(APP_CATALOGUES))
	for app in $(APP_CATALOGUES); do (cd $$app && ../$(BIN)/django-admin makemessages -l mn --no-location); done
	$(BIN)/python manage.py compilemessages --ignore=.venv

# The production-like deployment on this machine, in the background (deploy/, docs/deployment.md):
# PostgreSQL, Redis, moto's S3, two gunicorn app servers, nginx and Varnish. Prints the public URL last;
# its environment is in .stack/env.
stack: $(VENV)/.installed-dev ## starts the production-like stack in the background
	bash scripts/ensure-stack.sh
	$(BIN)/python scripts/stack.py start

stack-stop: ## stops the stack
	$(BIN)/python scripts/stack.py stop

# Requests per second and latency through the cache and straight from an app server, queries per
# page, and seconds from publishing to seeing the change through the cache (starts the stack if needed).
bench: stack ## benchmarks the stack (starts it if needed)
	$(BIN)/python scripts/bench.py
