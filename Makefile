# bpdocs: make serve | make test | make site | make bench
# Each target sets up what it needs first: .venv (Python, pinned) and node_modules (npm ci).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve test site bench lock clean

setup: $(VENV)/.installed node_modules/.installed

# .venv is (re)built when it is missing or older than what pins it.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[docs,test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: setup
	$(BIN)/python -m pytest

site: setup
	$(BIN)/mkdocs build --strict

bench: setup
	$(BIN)/python -m bpdocs.bench

# Refresh requirements.lock from the current .venv after changing a pin in pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^bpdocs' > requirements.lock

clean:
	rm -rf site .cache
