# Two entry points for a new machine (see README):
#   make run   install everything, build the database from data/ if needed, start the app
#   make test  install everything and run the whole test suite
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install db check bench clean

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

db: install
	$(PY) -m ingest build --if-stale

run: db
	$(PY) -m streamlit run app.py --server.headless true

test: install
	$(PY) -m pytest

check: install
	$(PY) -m ingest check

clean:
	rm -rf $(VENV) data/planmap.duckdb artifacts .pytest_cache
