# Two commands: `make run` and `make test`. Both set up what they need themselves:
# Debian packages (Chromium for the browser tests, fonts for the visual card) and a virtual
# environment with the exact versions of requirements.lock (hash-checked) and the project itself
# installed in editable mode. `make lock` refreshes the lock on purpose; pyproject.toml keeps the
# ranges for people who install the package.
VENV ?= .venv
PY := $(VENV)/bin/python
LOCK := requirements.lock
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
NODE_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := chromium fonts-dejavu-core postgresql

.PHONY: run test lint typecheck pytest bench clean system lock

$(STAMP): $(LOCK) pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m sim --voorbereiden
	touch $(STAMP)

# Resolve the newest versions that pyproject.toml allows, for every platform, with hashes.
lock:
	test -x $(VENV)/bin/uv || { test -x $(PY) || python3 -m venv $(VENV); $(PY) -m pip install --quiet uv; }
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command 'make lock' --upgrade --quiet -o $(LOCK)

# Debian's Chromium, driven by Playwright in the e2e tests (Playwright never downloads a browser).
# Debian's PostgreSQL server: the tests start a throwaway cluster of it (tests/pgcluster.py).
$(SYSTEM_STAMP): | $(STAMP)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	touch $(SYSTEM_STAMP)

system: $(SYSTEM_STAMP)

# axe-core for the accessibility runs in tests/e2e/test_axe.py: the exact version of
# package-lock.json (integrity-checked), no install scripts; nothing is fetched when the tests run.
$(NODE_STAMP): package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

run: $(STAMP) $(SYSTEM_STAMP)
	$(VENV)/bin/nlalert run

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP) $(SYSTEM_STAMP) $(NODE_STAMP)
	$(VENV)/bin/pytest

test: lint typecheck pytest

# Figures, each with its ratio to a geopandas overlay measured in the same run (~1 minute).
bench: $(STAMP)
	$(PY) -m sim --voorbereiden
	$(PY) -m benchmarks.sim_bereik
	$(PY) -m benchmarks.sim_service --duur 10

clean:
	rm -rf $(VENV) build *.egg-info node_modules
