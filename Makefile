# Two entry points: `make demo` and `make test`. Each builds .venv from pyproject.toml when needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := tests/fixtures/seed/000_fc947a31a4e8e830.txt

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

.PHONY: venv demo test lint bench clean examples
venv: $(STAMP)

# The seed has genuine errors: `audit` exits 1 for "errors found", which is the demo's point.
# Then the portal on a store of its own (yusuan-data/demo.db) with the bundled examples: the
# seed, one PDF of the fixtures (its findings shown beside their page) and the disclosures
# compiled from examples/ (the seed's budget corrected, and a 决算); Ctrl-C stops it.
DEMO_DB := sqlite:///yusuan-data/demo.db
DEMO_PORT ?= 8000
demo: $(STAMP)
	$(BIN)/yusuan parse --format table $(SEED)
	$(BIN)/yusuan audit $(SEED) || test $$? -eq 1
	$(BIN)/yusuan import --db $(DEMO_DB) $(SEED) tests/fixtures/corpus/hz-qxj-2026-ys.pdf \
		examples/out/seed-2023.pdf examples/out/final-2023.pdf
	$(BIN)/yusuan serve --db $(DEMO_DB) --port $(DEMO_PORT)

# The compiled examples (examples/README.md): each input's disclosure written to examples/out/.
# Every format is written (txt, csv, xlsx, docx, pdf, html); `yusuan compile` refuses (and writes
# nothing) when the compiled disclosure does not audit clean.
EXAMPLES := $(wildcard examples/*.yaml)
examples: $(STAMP)
	for input in $(EXAMPLES); do $(BIN)/yusuan compile $$input -o examples/out || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# From Debian, installed when missing (one `apt-get update` first, one install for all):
# - LibreOffice converts the office-input fixtures (tests marked `libreoffice`);
# - a CJK font gives pdfium the glyph widths of the test PDFs' unembedded STSong-Light (without
#   one their characters have no width and the layout tests read titles split and indents lost);
# - Chromium opens the HTML report in the browser tests (playwright drives Debian's, never its own);
# - PostgreSQL: the store tests run on a real server they start (tests/pgserver.py).
SYSTEM_PACKAGES = \
	$$(command -v libreoffice >/dev/null || echo libreoffice-calc-nogui libreoffice-writer-nogui) \
	$$(fc-list :lang=zh 2>/dev/null | grep -q . || echo fonts-noto-cjk fontconfig) \
	$$(test -x /usr/bin/chromium || echo chromium) \
	$$(command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo postgresql)

test: $(STAMP) lint
	missing=$$(echo $(SYSTEM_PACKAGES)); test -z "$$missing" || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/pdf.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
