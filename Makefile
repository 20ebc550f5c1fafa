# bpdocs: make serve | make test | make site | make bench
# Each target sets up what it needs first: .venv (Python, pinned) and node_modules (npm ci, with
# Debian's Node.js and npm installed when missing); make test also Debian's Chromium, for the
# browser tests (tests/browser/).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup browser serve test site bench lock clean

setup: $(VENV)/.installed node_modules/.installed

# .venv is (re)built when it is missing or older than what pins it.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[docs,test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	@$(call apt_install,npm,npm nodejs)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# $(call apt_install,COMMAND,PACKAGES): when COMMAND is missing, install Debian's PACKAGES with apt,
# as root or through sudo; otherwise do nothing.
apt_install = command -v $(1) >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "make: $(1) is missing; install Debian's $(2) as root (apt-get install $(2))" >&2; exit 1; fi; \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y $(2); }

# Debian's Chromium at /usr/bin/chromium, which Playwright drives (never 'playwright install').
browser:
	@$(call apt_install,/usr/bin/chromium,chromium)

# --dirty: an edit rebuilds its page alone (a change under bpdocs/ or sitebuild/ rebuilds
# every page: sitebuild/hooks/dirty.py); MkDocs warns of each dirty build, so warnings
# show without failing here. make site and make test build strictly.
serve: setup
	$(BIN)/python -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

site: setup
	$(BIN)/python -m mkdocs build --strict

# The bench extra adds PyTorch (torch==2.13.0, the CPU build) to compare a training step with.
$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[docs,test,bench]'
	touch $@

# Options pass through: make bench BENCH_ARGS='--rounds 20' (see python -m bench.run --help).
bench: setup browser $(VENV)/.bench-installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Refresh requirements.lock from the current .venv after changing a pin in pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^bpdocs' > requirements.lock

clean:
	rm -rf site .cache
