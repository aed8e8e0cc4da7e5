# syncthing.rest — `make demo` shows the collection at work, `make test` runs everything.
# Both set up what they need: a venv (.venv), Syncthing 1.19.2 and 1.29.5, ansible-test's offline pip bootstrap.
SHELL := /bin/bash
PYTHON ?= python3.11
ROOT := $(CURDIR)
VENV ?= $(ROOT)/.venv
BIN := $(VENV)/bin
# outside the repo: inside it ansible-test would see the copy as git-ignored files
BUILD ?= /tmp/syncthing.rest-build$(subst /,-,$(ROOT))
COLL := $(BUILD)/ansible_collections/syncthing/rest
VERSIONS ?= 1.19.2 1.29.5
WORK ?= $(ROOT)/.cache/work
export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(BUILD)
export PYTHONPATH := $(BUILD)
export ANSIBLE_NOCOLOR := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help deps venv syncthing tree test sanity units live integration reliability e2e packaging lint demo bench clean

help:
	@echo "make demo   - start throw-away Syncthing nodes, provision them with the example playbook, run it twice"
	@echo "make test   - sanity, unit, live client, integration and packaging tests against Syncthing $(VERSIONS)"
	@echo "make bench  - benchmarks (request counts and timings)"

venv: $(BIN)/.installed
$(BIN)/.installed: tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r tests/requirements.txt
	touch $@

syncthing:
	bash tools/install-syncthing.sh

deps: venv syncthing
	$(BIN)/python tools/offline-get-pip.py

# ansible-test needs the collection at ansible_collections/syncthing/rest: copy the tracked files there.
tree:
	rm -rf $(COLL) && mkdir -p $(COLL)
	git ls-files -co --exclude-standard | while IFS= read -r f; do [ -e "$$f" ] && printf '%s\n' "$$f"; done | tar -cf - -T - | tar -xf - -C $(COLL)

test: deps tree sanity units live integration reliability e2e packaging
	@echo "make test: all passed"

sanity: tree
	cd $(COLL) && ansible-test sanity --venv --python 3.11 --color no

units: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

live: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/live --versions "$(VERSIONS)"

reliability: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability --versions "$(VERSIONS)"

integration: tree
	@set -e; for v in $(VERSIONS); do bash tools/run-integration.sh "$$v" $(COLL) $(WORK); done

e2e: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e --versions "$(VERSIONS)"

packaging: tree
	bash tools/check-packaging.sh $(COLL) $(BUILD)

demo: deps tree
	bash tools/demo.sh $(COLL) $(WORK)

bench: deps tree
	$(BIN)/python benchmarks/run.py --coll $(COLL) --work $(WORK) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD) $(ROOT)/.cache
