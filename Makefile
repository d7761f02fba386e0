# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export WAREHOUSE_PATH ?= $(CURDIR)/data/warehouse.duckdb
export REPORTS_INBOX ?= $(CURDIR)/data/samples
# dagster-dbt's prepare_if_dev() under `dg dev` looks for `dbt` on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)
DBT := cd dbt_project && ../$(BIN)/dbt
export DOCS_PORT ?= 8080
export SITE_PORT ?= 8081
export UI_PORT ?= 3000
# Asset pages in Dagster link to the dbt docs and the report site where `make serve` serves them.
export DBT_DOCS_URL ?= http://127.0.0.1:$(DOCS_PORT)
export REPORT_SITE_URL ?= http://127.0.0.1:$(SITE_PORT)

.PHONY: install run builds restore test test-fast lint ui serve docs manifest clean query export search site scorecard bench evaluate

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Copied again when the project's instance settings change.
$(DAGSTER_HOME)/dagster.yaml: dagster_project/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster_project/dagster.yaml $@

# The dbt manifest is built here, never when Dagster imports the code, and again only when a
# file of the dbt project changed.
MANIFEST := dbt_project/target/manifest.json
DBT_PROJECT_FILES := $(shell find dbt_project/models dbt_project/macros dbt_project/seeds dbt_project/tests -type f) \
	dbt_project/dbt_project.yml dbt_project/profiles.yml
$(MANIFEST): $(VENV)/.installed $(DBT_PROJECT_FILES)
	$(DBT) parse --quiet --profiles-dir . --vars '{"warehouse_path": "$(WAREHOUSE_PATH)"}'
	touch $@

manifest: $(MANIFEST)

run: manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m dagster_project.runner

# The published builds kept; a kept build (the published one without BUILD) back in place of the warehouse.
builds: install
	@$(BIN)/python -m dagster_project.runner builds

restore: install
	$(BIN)/python -m dagster_project.runner restore $(BUILD)

# Everything CI runs, end-to-end materialisations included.
test: install
	$(BIN)/python -m pytest -q

# ruff over the Python, sqlfluff (dbt templater, against an empty in-memory database) over the
# dbt models and singular tests. CI runs it before the tests.
lint: install
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests

# The developer loop: unit tests only, on every core.
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow" -n auto tests/unit

# `dg dev` reads the code location from pyproject.toml ([tool.dg.project]).
ui: manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dg dev -h 127.0.0.1 -p $(UI_PORT)

# The report site and the dbt docs over http, where the UI's links point; Ctrl-C stops both.
DBT_DOCS_DIR ?= dbt_project/target
serve: install
	@$(BIN)/python -m analytics serve --site "$(SITE_DIR)" --docs "$(DBT_DOCS_DIR)" \
		--site-port $(SITE_PORT) --docs-port $(DOCS_PORT)

docs: serve

# Analyst commands, all on the read-only snapshot (WAREHOUSE_PATH's *_snapshot sibling), or with
# BUILD=<id> on a kept build (make builds lists them).
#   make query SQL="select …" [FORMAT=csv|json|parquet OUT=file]   make search Q="枫桥经验"
FORMAT ?= table
EXPORT_DIR ?= exports
SITE_DIR ?= $(or $(REPORT_SITE_DIR),site)
ANALYTICS := $(BIN)/python -m analytics $(if $(BUILD),--build "$(BUILD)")
query: install
	@$(ANALYTICS) query "$$SQL" --format $(FORMAT) $(if $(OUT),--out "$(OUT)")

export: install
	$(ANALYTICS) export --out $(EXPORT_DIR)

# make search Q="出庭应诉" [YEAR=2023 GOVERNMENT=红桥区 LEVEL=district PART=measures DIMENSION=… LIMIT=20]
search: install
	@$(ANALYTICS) search "$$Q" $(if $(YEAR),--year "$$YEAR") $(if $(GOVERNMENT),--government "$$GOVERNMENT") \
		$(if $(LEVEL),--level "$$LEVEL") $(if $(PART),--part "$$PART") $(if $(DIMENSION),--dimension "$$DIMENSION") \
		$(if $(LIMIT),--limit "$$LIMIT")

# Always the published build: the site is what a run publishes (BUILD= is for the commands above).
site: install
	$(BIN)/python -m analytics site --out $(SITE_DIR) --inbox "$(REPORTS_INBOX)"

#   make scorecard LEVEL=district YEAR=2023 [PROVINCE=天津市]   (each optional)
scorecard: install
	@$(ANALYTICS) scorecard $(if $(LEVEL),--level "$(LEVEL)") $(if $(YEAR),--year "$(YEAR)") $(if $(PROVINCE),--province "$(PROVINCE)")

# The parser scored against gold annotations: the samples' (data/gold), or your own folder of
# <name>.json beside <name>.txt|.html|.docx|.pdf:  make evaluate [GOLD=folder] [VERBOSE=1]
evaluate: install
	$(BIN)/python -m ingestion evaluate $(if $(GOLD),--gold "$(GOLD)") $(if $(VERBOSE),--verbose)

# Scale benchmark on N generated reports; everything it writes is in a temp folder.
N ?= 200
BENCH_SOURCE ?= HEAD
bench: install
	$(BIN)/python -m benchmarks.harness --n $(N) --source $(BENCH_SOURCE)

clean:
	rm -rf dbt_project/target dbt_project/logs data/*.duckdb data/*.duckdb.wal
