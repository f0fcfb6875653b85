# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/clinic-desktop --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check clinic_desktop tests benchmarks
	$(BIN)/ruff format --check clinic_desktop tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format clinic_desktop tests benchmarks
	$(BIN)/ruff check --fix clinic_desktop tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

# Benchmarks (synthetic data in $(BENCH_DIR), outside the repo; see docs/performance.md).
BENCH_DIR ?= /tmp/clinic-bench
.PHONY: bench bench-large

bench: $(STAMP)
	BENCH_DIR=$(BENCH_DIR) PYTHONPATH=. QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --scale S

bench-large: $(STAMP)
	BENCH_DIR=$(BENCH_DIR) PYTHONPATH=. QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --scale L
