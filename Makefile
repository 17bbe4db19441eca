# Two commands set everything up on a fresh Debian machine:
#   make        create .venv, install what is missing, build every edition into build/
#   make test   the same setup, then the test suite
SHELL := /bin/bash
.DEFAULT_GOAL := all

PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
POLICY  := $(VENV)/bin/policy
STAMP   := $(VENV)/.installed
FORMATS ?= html,docx,pdf
REV     ?= R5

# Debian packages: the fonts the editions pin, WeasyPrint's libraries, and
# the real clients the tests open our outputs with.
APT_BUILD := fonts-ipaexfont libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
APT_TEST  := poppler-utils libreoffice-writer-nogui python3-uno chromium
APT_BENCH := pandoc

.PHONY: all site html preview lint docx pdf diff release verify reference-docx test bench clean \
        system-build system-test system-bench

all: site

$(PY):
	@$(PYTHON) -m venv $(VENV) || { echo "エラー: python3 -m venv が使えません。'apt-get install python3-venv' を実行してください" >&2; exit 1; }

$(STAMP): pyproject.toml build_tools/constraints.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]' -c build_tools/constraints.txt
	@touch $@

system-build:
	@build_tools/ensure-debian-packages.sh $(APT_BUILD)
system-test:
	@build_tools/ensure-debian-packages.sh $(APT_BUILD) $(APT_TEST)
system-bench:
	@build_tools/ensure-debian-packages.sh $(APT_BUILD) $(APT_BENCH)

site: system-build $(STAMP)
	$(POLICY) build --all --format $(FORMATS)

html: system-build $(STAMP)
	$(POLICY) build --all --format html

# The working tree's source/ (not yet committed), served on 127.0.0.1 and
# rebuilt on every save (PORT=8000 by default). `policy preview` alone builds
# build/preview/ once.
PORT ?= 8000
preview: system-build $(STAMP)
	$(POLICY) preview --serve --port $(PORT)

# 公用文 checks of the working tree's source/ (exit 1 on an error-level finding).
lint: $(STAMP)
	$(POLICY) lint

docx: system-build $(STAMP)
	$(POLICY) build --all --format html,docx

pdf: system-build $(STAMP)
	$(POLICY) build --all --format html,pdf

# The 新旧対照表 of two revisions: make diff OLD=H24 NEW=H29
OLD ?= H29
NEW ?= R5
diff: system-build $(STAMP)
	$(POLICY) diff $(OLD) $(NEW)

release: system-build $(STAMP)
	$(POLICY) release $(REV)

verify: system-build $(STAMP)
	$(POLICY) verify $(REV)

# Regenerate templates/reference.docx from its generator (after changing it).
reference-docx: $(STAMP)
	$(PY) -m build_tools.writers.docx.make_reference

# On every core (pytest-xdist): a module runs on one worker, so its shared
# fixtures are made once (tests/conftest.py).
test: system-test $(STAMP) tests/browser/node_modules/.package-lock.json
	$(PY) -m pytest -n auto --dist loadscope --durations=10

# axe-core and playwright-core for the accessibility tests (nothing is
# downloaded at run time; Chromium is Debian's).
tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json
	@command -v npm >/dev/null || build_tools/ensure-debian-packages.sh nodejs npm
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

# Figures as ratios against baselines run in the same process (see README).
bench: system-bench $(STAMP)
	$(PY) -m build_tools.bench $(BENCH_ARGS)

clean:
	rm -rf build
