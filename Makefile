# Solna intranät: `make start` and `make test` are all a new developer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip
INSTANCE := instance
ZOPE_CONF := $(INSTANCE)/etc/zope.conf
ZOPE_INI := $(INSTANCE)/etc/zope.ini
SKEL := $(wildcard $(INSTANCE)/skel/etc/*)
# Zope admin of the local demo (written to the database on its first start only).
ADMIN_PASSWORD ?= admin
# Set DEMO=no for a site without the demo content and demo accounts.
DEMO ?= yes
# make start-cluster: this many Zope processes behind HAProxy on PORT, the
# ZODB in a PostgreSQL of its own on PG_PORT (README "Several processes").
WORKERS ?= 2
PORT ?= 8080
PG_PORT ?= 5433
# backup, restore and migrate-to-cluster take a running cluster's PostgreSQL
# port unless PG_PORT is given (make's default is no choice).
PG_PORT_GIVEN = $(if $(filter file,$(origin PG_PORT)),,$(PG_PORT))
# make test runs the suite on this many processes (pytest-xdist): one per core.
PYTEST_WORKERS ?= 2
XML := $(shell find src -name '*.xml' -o -name '*.zcml')

.PHONY: help
help: ## Show this help
	@grep -E '^[a-zA-Z_.-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-19s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c constraints.txt pip setuptools wheel

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(PIP) install -q -c constraints.txt --no-build-isolation -e ".[test]"
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install the pinned packages

$(ZOPE_CONF): $(VENV)/.installed $(SKEL)
	@rm -f $(ZOPE_CONF) $(ZOPE_INI)
	$(BIN)/mkwsgiinstance -d $(INSTANCE) -s $(INSTANCE)/skel -u admin:$(ADMIN_PASSWORD)

.PHONY: instance
instance: $(ZOPE_CONF) ## Create the Zope instance in instance/ (config from instance/skel)

.PHONY: site
site: instance ## Create the Plone site with demo content (or upgrade the existing one)
	DEMO=$(DEMO) $(BIN)/zconsole run $(ZOPE_CONF) scripts/create_site.py

.PHONY: start
start: site ## Install, create the site if needed, serve it on http://localhost:8080/Plone
	$(BIN)/runwsgi $(ZOPE_INI)

.PHONY: start-cluster
start-cluster: install ## Like start, on WORKERS Zope processes (RelStorage/PostgreSQL) behind HAProxy on PORT
	WORKERS=$(WORKERS) PORT=$(PORT) PG_PORT=$(PG_PORT) DEMO=$(DEMO) \
	ADMIN_PASSWORD='$(ADMIN_PASSWORD)' $(BIN)/python scripts/cluster.py start

.PHONY: stop-cluster
stop-cluster: ## Stop a start-cluster that runs in the background
	$(BIN)/python scripts/cluster.py stop

.PHONY: cluster-status
cluster-status: ## Each Zope process of start-cluster as the balancer sees it (UP, DOWN)
	$(BIN)/python scripts/cluster.py status

.PHONY: backup
backup: install ## Back up the cluster's database (pg_dump, blobs included) to instance/var/backups
	PG_PORT=$(PG_PORT_GIVEN) BACKUP='$(BACKUP)' $(BIN)/python scripts/cluster.py backup

.PHONY: restore
restore: install ## Replace the cluster's database with BACKUP=file (stop-cluster first)
	PG_PORT=$(PG_PORT_GIVEN) BACKUP='$(BACKUP)' $(BIN)/python scripts/cluster.py restore

.PHONY: migrate-to-cluster
migrate-to-cluster: install ## Copy make start's FileStorage into the cluster's (new) database (zodbconvert)
	PG_PORT=$(PG_PORT_GIVEN) $(BIN)/python scripts/cluster.py migrate

.PHONY: mail
mail: install ## Print the mail the local site sends (SMTP on localhost:8025)
	$(BIN)/python -m aiosmtpd -n -l localhost:8025 -c aiosmtpd.handlers.Debugging

.PHONY: demo-large
demo-large: instance ## Load the large data set (5,000 people, 20,000 news) into the site
	DEMO_SIZE=large $(BIN)/zconsole run $(ZOPE_CONF) scripts/generate_demo.py

.PHONY: benchmark
benchmark: install ## This project vs stock Plone, side by side (BENCHMARK_ARGS="--large")
	$(BIN)/python scripts/benchmark.py $(BENCHMARK_ARGS)

.PHONY: benchmark-cluster
benchmark-cluster: install ## Mitt intranät on 1 vs 2 Zope processes, FileStorage vs RelStorage, + ETag 304s (BENCHMARK_ARGS)
	$(BIN)/python scripts/benchmark_cluster.py $(BENCHMARK_ARGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: node
node: node_modules/.installed ## Install the pinned npm packages (theme build, axe-core)

.PHONY: theme
theme: node ## Compile the Solna theme's CSS from its SCSS (the result is committed)
	npm run -s theme

.PHONY: lint
lint: install ## ruff (check and format) and zpretty on XML/ZCML
	$(BIN)/ruff check src tests scripts setup.py
	$(BIN)/ruff format --check src tests scripts setup.py
	$(BIN)/zpretty --check $(XML)
	$(BIN)/python scripts/buildout_versions.py --check

.PHONY: format
format: install ## Fix what lint complains about
	$(BIN)/ruff check --fix src tests scripts setup.py
	$(BIN)/ruff format src tests scripts setup.py
	$(BIN)/zpretty -i $(XML)

.PHONY: test
test: lint node ## Lint, then run the whole test suite (on PYTEST_WORKERS processes)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

versions.cfg: constraints.txt scripts/buildout_versions.py ## Regenerate buildout's pins from constraints.txt
	$(BIN)/python scripts/buildout_versions.py

.PHONY: i18n
i18n: install ## Rebuild the .pot from the code and merge it into the .po files
	$(BIN)/i18ndude rebuild-pot --pot src/solna/intranet/locales/solna.intranet.pot --create solna.intranet src/solna/intranet
	$(BIN)/i18ndude sync --pot src/solna/intranet/locales/solna.intranet.pot src/solna/intranet/locales/*/LC_MESSAGES/solna.intranet.po

.PHONY: clean
clean: ## Remove .venv and build output (keeps the database in instance/var)
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache .ruff_cache
