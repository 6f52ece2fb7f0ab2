# Two commands: `make run` starts the app, `make test` runs every test.
# Each sets up what it needs on first use (.venv, packages, Chromium, PostgreSQL, LibreOffice, nginx) and is quick
# after.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench bench-live bench-host browser postgres libreoffice nginx node clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Logic Model Builder needs Python 3.11 or newer: $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@sh scripts/ensure-cairo.sh
	@touch $@

run: $(STAMP)
	$(BIN)/python -m streamlit run app.py

# The engine, page and store tests in two processes (pytest-xdist), one a core on CI's two-core machine, each with
# its own PostgreSQL server and temporary folders, handed out as workers free up (worksteal); then the browser
# tests, also in two processes, each with its own app server and Chromium, a file at a time in one process
# (loadfile: a file's tests share their pages and servers). They wait on what the page shows, never on the clock
# (conftest.wait_for_app, open_expander), so a busy machine slows them without failing them: 16 minutes, not 20.
# A single file: .venv/bin/python -m pytest FILE. Each phase lists its slowest tests, to keep the suite in time.
test: $(STAMP) browser postgres libreoffice nginx node lint
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not browser" --durations=15
	$(BIN)/python -m pytest -n 2 --dist loadfile -m browser --durations=30

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/app.py
	$(BIN)/python bench/diagram.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/worker.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/other_tools.py
	$(BIN)/python bench/update.py

# 50 open tabs (real Streamlit sessions over the app's websocket, bench/st_session.py; `--client browser` for
# Chromium pages) across two app servers on one PostgreSQL while one person saves: minutes of both cores, so not
# part of `make bench`; its last table is in bench/live-latest.txt.
bench-live: $(STAMP) browser postgres
	$(BIN)/python bench/live.py

# 40 officers each saving an edit every 5 s for two minutes, through nginx (TLS, its affinity cookie, XSRF on) to
# two app servers on PostgreSQL (deploy/trial), beside one officer alone: minutes of both cores, so not part of
# `make bench`; its last table is in bench/host-latest.txt.
bench-host: $(STAMP) postgres nginx
	$(BIN)/python bench/host.py

browser:
	@sh scripts/ensure-chromium.sh

postgres:
	@sh scripts/ensure-postgres.sh

libreoffice:
	@sh scripts/ensure-libreoffice.sh

# nginx and openssl for the hosting tests (tests/deploy, through deploy/trial).
nginx:
	@sh scripts/ensure-nginx.sh

# Node.js, to check the diagram's scripts parse (tests/drawing/test_diagram_assets.py runs node --check).
node:
	@sh scripts/ensure-node.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
