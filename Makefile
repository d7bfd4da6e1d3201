# Everything a newcomer needs: `make serve` to review the site, `make test` to check it.
# Only Python 3.10+ and make are required; the rest is installed into .venv from pinned files.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
BSTAMP := $(VENV)/.installed-bench
FSTAMP := $(VENV)/.installed-fonts
export NO_MKDOCS_2_WARNING := 1
# Our code byte-compiled like the installed packages are, so no run compiles it again
# (where PYTHONDONTWRITEBYTECODE is set, Python never writes the .pyc files itself).
COMPILE = @$(BIN)/python -m compileall -q src hooks
# Our commands print their own Russian message when they fail. Make would add its own line
# under it («make: *** [Makefile:…: check] Error 1»), which an officer cannot act on: on a
# failure the recipe ends make with SIGPIPE, the one signal make does not report (nor does
# the shell), so the officer sees our message and a non-zero exit status (141) only.
STOP_MAKE  = kill -PIPE $$PPID
QUIET_FAIL = || { $(STOP_MAKE); exit 1; }

.PHONY: serve build sites check test schema lock clean import bench forms reports translation translation-import fonts audit cycle

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10) and "Python 3.10+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "vakr-src.pth").write_text("$(CURDIR)/src\n")'
	$(COMPILE)
	touch $@

$(TSTAMP): $(STAMP) requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

$(BSTAMP): $(TSTAMP) bench/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

$(FSTAMP): $(STAMP) requirements-fonts.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-fonts.txt
	touch $@

serve: $(STAMP)  ## set up, then serve the site with live reload at http://127.0.0.1:8000
	$(COMPILE)
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## validate data/ and write the publishable site to site/ (ORG=almaty-finance: that organization's own site)
	$(COMPILE)
	@$(BIN)/python -m vakr build --site-dir site $(if $(ORG),--org "$(ORG)") $(QUIET_FAIL)

sites: $(STAMP)  ## the Company's site and each subsidiary's own, in one run: sites/<id>/
	$(COMPILE)
	@$(BIN)/python -m vakr sites --out sites $(QUIET_FAIL)

check: $(STAMP)  ## validate data/ only
	@$(BIN)/python -m vakr check $(QUIET_FAIL)

test: $(TSTAMP)  ## set up, then run the whole test suite (browser tests included)
	bash .ci/system-deps.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

cycle: $(STAMP)  ## start a new cycle's folder: make cycle YEAR=2027 START=13.04.2027 END=26.05.2027
	@test -n "$(YEAR)" -a -n "$(START)" -a -n "$(END)" || { echo "Укажите год и период ВАКР по плану-графику: make cycle YEAR=2027 START=13.04.2027 END=26.05.2027" >&2; $(STOP_MAKE); exit 2; }
	@$(BIN)/python -m vakr new-cycle "$(YEAR)" --start "$(START)" --end "$(END)" $(QUIET_FAIL)

import: $(STAMP)  ## import a Word table: make import SOURCE=plan.docx KIND=plan CYCLE=2026 [KK=plan-kk.docx]
	@test -n "$(SOURCE)" -a -n "$(KIND)" -a -n "$(CYCLE)" || { echo "Укажите документ, вид и год: make import SOURCE=план.docx KIND=plan CYCLE=2026 (KIND: plan или schedule; KK=казахская редакция, если она в отдельном файле)" >&2; $(STOP_MAKE); exit 2; }
	@$(BIN)/python -m vakr import "$(SOURCE)" --cycle "$(CYCLE)" --kind "$(KIND)" $(if $(KK),--kk "$(KK)") $(QUIET_FAIL)
forms: $(STAMP)  ## write the report forms for the responsible units: make forms CYCLE=2026 [OUT=forms/2026]
	@test -n "$(CYCLE)" || { echo "Укажите год: make forms CYCLE=2026" >&2; $(STOP_MAKE); exit 2; }
	@$(BIN)/python -m vakr forms --cycle "$(CYCLE)" --out "$(or $(OUT),forms/$(CYCLE))" $(QUIET_FAIL)

reports: $(STAMP)  ## import filled report forms: make reports SOURCE="a.xlsx b.csv" [DRY=1]
	@test -n "$(SOURCE)" || { echo "Укажите файлы: make reports SOURCE=\"форма1.xlsx форма2.xlsx\" (DRY=1 — только проверить)" >&2; $(STOP_MAKE); exit 2; }
	@$(BIN)/python -m vakr reports $(SOURCE) $(if $(DRY),--dry-run) $(QUIET_FAIL)

translation: $(STAMP)  ## export the texts without Kazakh for the translator: make translation CYCLE=2026 [FORMAT=xliff|xlsx]
	@test -n "$(CYCLE)" || { echo "Укажите год: make translation CYCLE=2026 (FORMAT=xliff или xlsx)" >&2; $(STOP_MAKE); exit 2; }
	@$(BIN)/python -m vakr translation export --cycle "$(CYCLE)" --format "$(or $(FORMAT),xliff)" $(QUIET_FAIL)
translation-import: $(STAMP)  ## bring the translator's file into data/: make translation-import SOURCE=vakr-2026-ru-kk.xlf (or .xlsx)
	@test -n "$(SOURCE)" || { echo "Укажите файл перевода: make translation-import SOURCE=vakr-2026-ru-kk.xlf (или .xlsx)" >&2; $(STOP_MAKE); exit 2; }
	@$(BIN)/python -m vakr translation import "$(SOURCE)" $(QUIET_FAIL)

bench: $(BSTAMP)  ## measure build speed, scale, rebuild and page weight; writes bench/results.md (BENCH_RUNS, BENCH_SCALES)
	bash .ci/system-deps.sh
	$(COMPILE)
	$(BIN)/python -m bench

audit: $(STAMP)  ## Lighthouse (mobile) on the pages of both languages served by the shipped nginx config; prints a table
	bash .ci/system-deps.sh
	command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	cd bench/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --silent
	$(BIN)/python -m bench.audit

fonts: $(FSTAMP)  ## re-make the site's typeface in docs/assets/fonts/ (committed; needs npm: see .ci/fonts.py)
	$(BIN)/python .ci/fonts.py

schema: $(STAMP)  ## regenerate the JSON Schemas in schema/ and README's reference of the data files from the data model
	$(BIN)/python -m vakr.ingest.schema schema
	$(BIN)/python -m vakr.ingest.reference README.md

lock:  ## re-pin requirements*.txt from requirements*.in (needs network)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in && .venv-lock/bin/pip freeze > requirements.txt
	@echo "review requirements.txt; then update requirements-test.txt the same way"

clean:
	rm -rf $(VENV) site site.* sites .pytest_cache build/bench
