# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format audit clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_site_content
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates */templates

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates */templates

# Page weight of every seeded page in Chromium, served like production (compressed static files).
audit: $(VENV)/.installed-dev
	bash scripts/ensure-chromium.sh
	$(BIN)/python scripts/audit_page_weight.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media-test

# Regenerate the translation catalogues after changing template strings; commit the .po and .mo files.
# An app with a locale/ folder of its own (e.g. news/) keeps its strings there, out of the project's catalogue.
APP_CATALOGUES := $(patsubst %/locale,%,$(wildcard */locale))
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l mn --ignore=.venv --ignore=staticfiles $(addprefix --ignore=,$(APP_CATALOGUES))
	for app in $(APP_CATALOGUES); do (cd $$app && ../$(BIN)/django-admin makemessages -l mn); done
	$(BIN)/python manage.py compilemessages --ignore=.venv
