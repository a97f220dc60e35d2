# Two entry points for a new machine (see README):
#   make run   install everything, build the database from data/ if needed, start the app
#   make test  install everything and run the whole test suite
# For a deployment: make serve N=2 (N app processes behind HAProxy; README, "Deployment").
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install browser proxy serve db check bench clean

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# Leaflet and its plugins come from the npm registry and are served by the app itself
# (static/vendor, git-ignored), so maps work with no internet at all.
ASSETS := static/vendor/.installed
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/vendor && mkdir -p static/vendor
	cp -r node_modules/leaflet/dist static/vendor/leaflet
	cp -r node_modules/leaflet.markercluster/dist static/vendor/markercluster
	touch $(ASSETS)

install: $(STAMP) $(ASSETS)

# The browser tests drive Debian's chromium (never a downloaded browser); CJK fonts make the
# screenshots readable. Installed when missing and we are root (CI is); otherwise a hint.
browser:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi wqy; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	else echo "note: install chromium and fonts-wqy-microhei (apt) to run the browser tests"; fi

# `make serve` puts Debian's HAProxy in front of several app processes (deploy/haproxy.cfg.in);
# the tests start that stack too. Installed when missing and we are root, like the browser.
proxy:
	@if [ -x /usr/sbin/haproxy ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; \
	else echo "note: install haproxy (apt) to run make serve and the load-balancer tests"; fi

db: install
	$(PY) -m ingest build --if-stale

run: db
	$(PY) -m ui.serve --server.headless true

# N app processes behind HAProxy on PORT (sticky sessions by cookie); Ctrl-C stops them all.
N ?= 2
PORT ?= 8501
serve: db proxy
	$(PY) -m deploy --processes $(N) --port $(PORT)

test: install browser proxy
	$(PY) -m pytest

check: install
	$(PY) -m ingest check

clean:
	rm -rf $(VENV) data/planmap.duckdb artifacts .pytest_cache
