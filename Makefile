# The two commands a newcomer needs: `make run` (the demo forum) and `make test` (the suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

BABEL := $(BIN)/pybabel
TRANSLATIONS := forum/translations
# The compiled catalogues (.mo) are built here from the committed .po files, never committed.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

.PHONY: run test install install-dev lint clean bench messages

$(BIN)/python:
	@echo "==> Creating the virtual environment in $(VENV)/"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade pip

# What the forum needs to run; the test and lint tools come with `make test` (install-dev).
$(VENV)/.installed: $(BIN)/python pyproject.toml
	@echo "==> Installing Hearth and what it needs to run (faster once pip has it cached)"
	@$(PIP) -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	@echo "==> Installing the test, lint and benchmark tools"
	@$(PIP) -e ".[dev,postgres]"
	@touch $@

install: $(VENV)/.installed $(CATALOGUES)

install-dev: $(VENV)/.installed-dev $(CATALOGUES)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(VENV)/.installed
	@$(BABEL) --quiet compile -i $< -o $@ -l $*

## Gather every marked string into messages.pot, merge it into each language's messages.po
## (new strings arrive empty, changed ones fuzzy: tests/i18n fails until they are translated),
## then compile. Adding a language: see README, "Languages".
messages: $(VENV)/.installed
	$(BABEL) --quiet extract -F babel.cfg -k _l -k lazy_gettext -k counted:1,2 --add-location=file --sort-by-file \
	  --ignore-dirs=".* __pycache__" \
	  --project=Hearth --copyright-holder="Hearth's contributors" --msgid-bugs-address="" \
	  -o $(TRANSLATIONS)/messages.pot .
	$(BABEL) --quiet update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --ignore-obsolete
	$(BABEL) --quiet compile -d $(TRANSLATIONS)

## Serve the demo forum on http://127.0.0.1:5000 (SQLite in instance/), and beside it the task
## worker that opens the day's check-ins and runs the nightly jobs. Its request log, like
## gunicorn's with gunicorn_config.py, shows paths only: no query strings, no client addresses.
run: install
	@echo "==> Creating or updating the database"
	@$(FLASK) db upgrade
	@$(FLASK) seed demo
	@echo "==> Serving the demo forum on http://$(HOST):$(PORT)/ with its task worker (Ctrl+C stops both)"
	@$(FLASK) tasks worker --workers 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

## Run the whole test suite (set FORUM_TEST_DATABASE_URL to run it on PostgreSQL too).
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Benchmark a generated forum of 100,000 posts under gunicorn (see README, "Benchmarks").
## BENCH_ARGS="--posts 10000", "--posts 1000000" or "--growth" for other sizes.
bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check forum tests bench demo wsgi.py gunicorn_config.py
	$(BIN)/ruff format --check forum tests bench demo wsgi.py gunicorn_config.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
