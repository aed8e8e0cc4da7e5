# syncthing.rest — `make demo` shows the collection at work, `make test` runs everything.
# Both set up what they need: virtualenvs (.venv for the oldest ansible-core we claim, .venv-new for the newest),
# the Syncthing binaries of the test matrix (tools/install-syncthing.sh), ansible-test's offline pip bootstrap.
SHELL := /bin/bash
ROOT := $(CURDIR)
# The ansible-core matrix: the oldest version meta/runtime.yml claims, and the newest (needs Python 3.12+).
PYTHON ?= python3.11
ANSIBLE_CORE_OLD ?= 2.18
# (pyenv's versions directly: its shims fail unless that version is activated)
PYTHON_NEW ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3.13) \
                          $(shell command -v python3.12 python3.13 2>/dev/null))
# the oldest target Python the modules claim (tests/config.yml), for ansible-test's compile test
PYTHON_OLDEST_TARGET ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.8*/bin/python3.8) $(shell command -v python3.8 2>/dev/null))
ANSIBLE_CORE_NEW ?= 2.21
VENV ?= $(ROOT)/.venv
VENV_NEW ?= $(ROOT)/.venv-new
BIN := $(VENV)/bin
BIN_NEW := $(VENV_NEW)/bin
# outside the repo: inside it ansible-test would see the copy as git-ignored files
BUILD ?= /tmp/syncthing.rest-build$(subst /,-,$(ROOT))
COLL := $(BUILD)/ansible_collections/syncthing/rest
# Syncthing: every version tools/install-syncthing.sh provides, and the matrix the suites run on.
# 2.1.1 (last release with the folder-PATCH reset bug) only runs the test that proves the bug cannot reach users.
SYNCTHING_VERSIONS ?= 1.19.2 1.29.5 2.1.1 2.1.3
VERSIONS ?= 1.19.2 1.29.5 2.1.3
PATCH_BUG_VERSION ?= 2.1.1
# The matrix minus what could not be had on this machine (tools/stnode.py versions); the summary names the rest.
AVAILABLE = $(shell python3 tools/stnode.py available $(VERSIONS))
WORK ?= $(ROOT)/.cache/work
export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(BUILD)
export PYTHONPATH := $(BUILD)
export ANSIBLE_NOCOLOR := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help deps venv venv-new syncthing tree test sanity sanity-new units units-new live integration integration-new \
        patch-bug reliability unixsocket-lib e2e scale packaging lint demo bench clean distclean

help:
	@echo "make demo   - start throw-away Syncthing nodes, provision them with the example playbooks, run each twice"
	@echo "make test   - everything (lint, sanity, units, live client, integration, reliability, end-to-end, packaging)"
	@echo "              on Syncthing $(VERSIONS) and ansible-core $(ANSIBLE_CORE_OLD) and $(ANSIBLE_CORE_NEW)"
	@echo "make scale  - the role cluster on 12 nodes (two hubs, three folders): times and requests per host"
	@echo "make bench  - benchmarks (request counts and timings)"
	@echo "make lint   - ruff (check and format), yamllint, shellcheck"
	@echo "make clean  - remove what builds and runs wrote; make distclean also the virtualenvs and Syncthing binaries"

venv: $(BIN)/.installed
$(BIN)/.installed: tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r tests/requirements.txt "ansible-core==$(ANSIBLE_CORE_OLD).*"
	touch $@

venv-new: $(BIN_NEW)/.installed
$(BIN_NEW)/.installed: tests/requirements.txt
	@[ -n "$(PYTHON_NEW)" ] || { echo "ansible-core $(ANSIBLE_CORE_NEW) needs Python 3.12+: none found (set PYTHON_NEW)" >&2; exit 1; }
	$(PYTHON_NEW) -m venv $(VENV_NEW)
	$(BIN_NEW)/pip install -q --upgrade pip
	$(BIN_NEW)/pip install -q -r tests/requirements.txt "ansible-core==$(ANSIBLE_CORE_NEW).*"
	touch $@

# Exit status 3 means a version could not be had (named in the output); the test summary reports it as untested.
syncthing:
	@bash tools/install-syncthing.sh $(SYNCTHING_VERSIONS) || [ $$? -eq 3 ]

deps: venv venv-new syncthing
	$(BIN)/python tools/offline-get-pip.py
	$(BIN_NEW)/python tools/offline-get-pip.py

# ansible-test needs the collection at ansible_collections/syncthing/rest: copy the project's files there
# (in a git checkout the tracked and new files; from a release tarball everything but what make itself wrote).
tree:
	rm -rf $(COLL) && mkdir -p $(COLL)
	@if git ls-files --error-unmatch galaxy.yml >/dev/null 2>&1; then \
	  git ls-files -co --exclude-standard | while IFS= read -r f; do [ -e "$$f" ] && printf '%s\n' "$$f"; done; \
	else \
	  find . \( -name .venv -o -name .venv-new -o -name .cache -o -name __pycache__ -o -name tests/output \) -prune \
	    -o -type f -print | sed 's|^\./||'; \
	fi | tar -cf - -T - | tar -xf - -C $(COLL)
	@test -f $(COLL)/galaxy.yml -a -f $(COLL)/examples/provision.yml || { echo "make tree: $(COLL) is incomplete" >&2; exit 1; }

# Every stage, quietly (logs under .cache/logs), then a per-stage summary with counts and times.
test:
	@bash tools/run-stages.sh "$(VERSIONS) $(PATCH_BUG_VERSION)" deps lint tree sanity sanity-new units units-new live \
	  integration integration-new patch-bug reliability e2e packaging

# Linters (installed into .venv by make deps; configuration: ruff.toml, .yamllint). ansible-test sanity runs
# shellcheck too, finding it on PATH in .venv.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/yamllint --strict .
	$(BIN)/shellcheck tools/*.sh

sanity: tree
	cd $(COLL) && ansible-test sanity --venv --python 3.11 --color no
	@[ -n "$(PYTHON_OLDEST_TARGET)" ] || { echo "the compile test needs Python 3.8 (set PYTHON_OLDEST_TARGET)" >&2; exit 1; }
	cd $(COLL) && PATH=$(dir $(PYTHON_OLDEST_TARGET)):$$PATH ansible-test sanity --python 3.8 --test compile --color no

sanity-new: tree
	cd $(COLL) && PATH=$(BIN_NEW):$$PATH ansible-test sanity --venv --python $(shell $(PYTHON_NEW) -c 'import sys; print("%d.%d" % sys.version_info[:2])') --color no

units: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

units-new: tree
	cd $(COLL) && $(BIN_NEW)/python -m pytest -q -p no:cacheprovider tests/unit

live: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/live --versions "$(AVAILABLE)"

reliability: tree unixsocket-lib
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability --versions "$(AVAILABLE)"

# The optional library a Unix-socket url needs (plugins/module_utils/_unix_socket.py), kept apart from .venv so that
# the modules are also tested without it; tests/reliability/test_unix_socket.py puts it on the modules' path.
UNIXSOCKET_LIB ?= $(ROOT)/.cache/pylib-unixsocket
export UNIXSOCKET_LIB
unixsocket-lib: $(UNIXSOCKET_LIB)/.installed
$(UNIXSOCKET_LIB)/.installed: | venv
	$(BIN)/pip install -q --no-deps --target $(UNIXSOCKET_LIB) "requests-unixsocket2==1.0.1"
	touch $@

integration: tree
	@set -e; for v in $(AVAILABLE); do bash tools/run-integration.sh "$$v" $(COLL) $(WORK); done

# one integration pass on the newest ansible-core, against the newest Syncthing available
integration-new: tree
	PATH=$(BIN_NEW):$$PATH bash tools/run-integration.sh "$(lastword $(AVAILABLE))" $(COLL) $(WORK)

# the folder-PATCH reset bug of 1.29.6-2.1.1 must not reach our users (reference §2.12)
patch-bug: tree
	@v="$(shell python3 tools/stnode.py available $(PATCH_BUG_VERSION))"; \
	if [ -z "$$v" ]; then echo "NOT RUN: Syncthing $(PATCH_BUG_VERSION) is not available"; exit 0; fi; \
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability/test_patch_bug.py --versions "$$v"

# tests/e2e/test_scale.py runs on 5 nodes here; make scale runs it on 12
e2e: tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e --versions "$(AVAILABLE)"

SCALE_NODES ?= 12
scale: deps tree
	cd $(COLL) && $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/e2e/test_scale.py --versions "$(AVAILABLE)" \
	  --scale-nodes $(SCALE_NODES)

packaging: tree
	bash tools/check-packaging.sh $(COLL) $(BUILD)

demo: deps tree
	bash tools/demo.sh $(COLL) $(WORK)
	bash tools/demo-fleet.sh $(COLL) $(WORK)

bench: deps tree
	$(BIN)/python benchmarks/start_up.py --coll $(COLL) --work $(WORK)
	$(BIN)/python benchmarks/run.py --coll $(COLL) --work $(WORK) $(BENCH_ARGS)

# clean: what builds and runs wrote (the collection tree, logs, test nodes' work folders);
# distclean: also the virtualenvs, the Syncthing binaries and ansible-test's offline pip bootstrap (README, "Files").
clean:
	rm -rf $(BUILD) $(ROOT)/.cache $(ROOT)/tests/output

distclean: clean
	rm -rf $(VENV) $(VENV_NEW) $${ST_DIR:-/var/cache/syncthing-rest} $(HOME)/.ansible/test/cache/get_pip_*.py
