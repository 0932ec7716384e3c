# The two commands a newcomer needs: `make run` (the demo forum) and `make test` (the suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install lint clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres]"
	touch $@

install: $(VENV)/.installed

## Serve the demo forum on http://127.0.0.1:5000 (SQLite in instance/).
run: install
	$(FLASK) db upgrade
	$(FLASK) seed demo
	$(FLASK) run --host $(HOST) --port $(PORT)

## Run the whole test suite (set FORUM_TEST_DATABASE_URL to run it on PostgreSQL too).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Benchmark a generated forum of 100,000 posts under gunicorn (see README, "Benchmarks").
## BENCH_ARGS="--posts 10000", "--posts 1000000" or "--growth" for other sizes.
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check forum tests bench demo
	$(BIN)/ruff format --check forum tests bench demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
