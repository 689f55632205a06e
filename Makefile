# The two commands of the README: `make book` and `make test`.
# Both create a local virtual environment (.venv) on first use and reuse it after.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export IPYTHONDIR := $(CURDIR)/tools/ipython
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test unit env clean bench

env: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## make book: execute every chapter and build the website into _build/html
book: $(STAMP)
	$(BIN)/jupyter-book build . --builder html -W --keep-going
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

## make test: the unit tests, the doctests, the book build and the browser checks
test: $(STAMP)
	$(BIN)/python -m pytest -q

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser"

## make bench: time janus against the targets in benchmarks/run.py
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build
