# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format venv clean reliability

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

# The Spanish interface: the compiled .qm is a build output (not committed), made from the .ts.
TS := resources/translations/clinic_es.ts
QM := resources/translations/clinic_es.qm
.PHONY: translations translations-update

$(QM): $(TS) | $(STAMP)
	$(BIN)/python packaging/translations.py compile

translations: $(QM)

translations-update: $(STAMP)
	$(BIN)/python packaging/translations.py update
	$(BIN)/python packaging/translations.py missing

run: $(STAMP) $(QM)
	$(BIN)/clinic-desktop --demo

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check clinic_desktop tests benchmarks packaging docs/screenshots.py
	$(BIN)/ruff format --check clinic_desktop tests benchmarks packaging docs/screenshots.py

format: $(STAMP)
	$(BIN)/ruff format clinic_desktop tests benchmarks packaging docs/screenshots.py
	$(BIN)/ruff check --fix clinic_desktop tests benchmarks packaging docs/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

# Benchmarks (synthetic data in $(BENCH_DIR), outside the repo; see docs/PERFORMANCE.md).
BENCH_DIR ?= /tmp/clinic-bench
.PHONY: bench bench-large

bench: $(STAMP)
	BENCH_DIR=$(BENCH_DIR) PYTHONPATH=. QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --scale S

bench-large: $(STAMP)
	BENCH_DIR=$(BENCH_DIR) PYTHONPATH=. QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --scale L

# Installable bundle (see packaging/README.md): dist/clinic-desktop/ and its tarball, then
# the bundle's own self-test, offscreen. An existing environment can be used instead of
# .venv: `make package BIN=/path/to/venv/bin`.
VERSION      := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
ARCH         := $(shell uname -m)
BUNDLE       := dist/clinic-desktop
TARBALL      := dist/clinic-desktop-$(VERSION)-linux-$(ARCH).tar.gz
# Use BIN as it is when it already holds a Python; otherwise build .venv first.
PACKAGE_ENV  := $(if $(wildcard $(BIN)/python),,$(STAMP))
PACKAGE_STAMP := $(BIN)/../.installed-package
.PHONY: package package-icons package-bundle package-tarball package-selftest

package: package-selftest
	@echo "Built $(BUNDLE) ($$(du -sh $(BUNDLE) | cut -f1)) and $(TARBALL) ($$(du -sh $(TARBALL) | cut -f1))"

$(PACKAGE_STAMP): pyproject.toml $(PACKAGE_ENV)
	$(BIN)/python -m pip install --quiet -e ".[package]"
	touch $@

package-icons: $(PACKAGE_STAMP)
	@if [ -f packaging/translations.py ]; then \
		$(BIN)/python packaging/translations.py compile; \
	else \
		echo "packaging/translations.py not found: bundling no compiled translations"; \
	fi
	$(BIN)/python packaging/icons.py build/icons

package-bundle: package-icons
	rm -rf $(BUNDLE)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/clinic_desktop.spec
	mkdir -p $(BUNDLE)/share/applications $(BUNDLE)/share/icons
	cp packaging/linux/clinic-desktop.desktop $(BUNDLE)/share/applications/
	cp -R build/icons/hicolor $(BUNDLE)/share/icons/
	install -m 755 packaging/linux/install.sh $(BUNDLE)/install.sh

package-tarball: package-bundle
	tar -czf $(TARBALL) -C dist clinic-desktop

package-selftest: package-tarball
	QT_QPA_PLATFORM=offscreen $(BUNDLE)/clinic-desktop --self-test

# The user guides' screenshots (docs/images/, docs/images/es/), taken from the running app
# under a private Xvfb with the demo clinic in a temporary folder; see docs/screenshots.py.
.PHONY: screenshots screenshots-es

screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py --lang en

screenshots-es: $(STAMP) $(QM)
	$(BIN)/python docs/screenshots.py --lang es

# The crash harness in full mode (tests/reliability: 50 SIGKILLs of a writer, 15 of an
# export, 15 of a password change); `make test` runs only its quick parametrisations.
# An existing environment can be used instead of .venv: `make reliability BIN=/path/bin`.
reliability: $(if $(wildcard $(BIN)/python),,$(STAMP))
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m reliability_full tests/reliability
