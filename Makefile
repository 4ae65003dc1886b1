# The two commands of the README: `make site` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test view serve pdf lock clean

site: $(VENV)/installed  ## set up, check the sources, build site/ with search and PDFs
	tools/system-packages.sh site
	$(BIN)/whitepaper build
	@echo "Open it: run 'make view' and visit http://127.0.0.1:8000/ (search needs a web server)"

test: $(VENV)/installed  ## set up, lint, type-check and run every test
	tools/system-packages.sh test
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

view:  ## the built site/ as readers get it, PDFs included, on http://127.0.0.1:8000/
	$(PYTHON) -m http.server --directory site --bind 127.0.0.1 8000

serve: $(VENV)/installed  ## live preview on http://127.0.0.1:8000/, rebuilt on every save (no PDFs)
	$(BIN)/whitepaper serve

pdf: $(VENV)/installed  ## only the PDFs, into pdf/ (PAPERS="kraken-van-gewrichten ..." for some)
	tools/system-packages.sh site
	$(BIN)/whitepaper pdf $(PAPERS)

lock:  ## re-pin requirements.lock after changing pyproject.toml
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml

$(VENV)/installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip pip-tools
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

clean:
	rm -rf $(VENV) site .cache
