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
# make demo: the Syncthing versions it installs and runs (tools/demo.sh: node A on the first, B and C on the last;
# tools/demo-fleet.sh: the five nodes take them in turn). Debian's builds: no Go build needed.
DEMO_VERSIONS ?= 1.19.2 1.29.5
# The packaging tools (antsibull-nox and nox, ansible-builder) from PyPI, in their own virtualenv under the checkout;
# antsibull-nox gives each session's tools a virtualenv of their own under .cache/nox.
PKG_VENV ?= $(ROOT)/.cache/packaging-venv
PKG_BIN := $(PKG_VENV)/bin
NOX_SESSIONS ?= extra-checks docs-check build-import-check
# pip's cache stays in the checkout (make clean removes it), not in the user's home
export PIP_CACHE_DIR ?= $(ROOT)/.cache/pip
export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(BUILD)
export PYTHONPATH := $(BUILD)
export ANSIBLE_NOCOLOR := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help deps venv venv-new packaging-venv syncthing syncthing-matrix syncthing-patch-bug get-pip get-pip-new tree \
        test sanity sanity-new units units-new live integration integration-new patch-bug reliability e2e scale \
        packaging nox lint demo bench clean distclean \
        events venv-eda crypto-collection unixsocket-lib

help:
	@echo "make help   - this list"
	@echo "make demo   - start throw-away Syncthing nodes ($(DEMO_VERSIONS); DEMO_VERSIONS=...), provision them with the"
	@echo "              example playbooks, run each twice"
	@echo "make test   - everything (lint, sanity, units, live client, integration, reliability, end-to-end, packaging)"
	@echo "              on Syncthing $(VERSIONS) and ansible-core $(ANSIBLE_CORE_OLD) and $(ANSIBLE_CORE_NEW)"
	@echo "One stage of make test (each sets up what it needs; VERSIONS=... picks Syncthing versions, ARGS=... goes to pytest):"
	@echo "  make lint             ruff (check and format), mypy, yamllint, shellcheck, ansible-lint, antsibull-nox extra-checks"
	@echo "  make sanity           ansible-test sanity on ansible-core $(ANSIBLE_CORE_OLD) (and the compile test on Python 3.8)"
	@echo "  make sanity-new       ansible-test sanity on ansible-core $(ANSIBLE_CORE_NEW)"
	@echo "  make units            unit tests on ansible-core $(ANSIBLE_CORE_OLD); make units-new on $(ANSIBLE_CORE_NEW)"
	@echo "  make live             the Python client against real Syncthing servers (tests/live)"
	@echo "  make integration      ansible-test integration targets against real servers; make integration-new on $(ANSIBLE_CORE_NEW)"
	@echo "  make reliability      bad input, faults, secrets, no-clobber, README and EXAMPLES against real servers"
	@echo "  make patch-bug        the folder-PATCH reset bug of Syncthing $(PATCH_BUG_VERSION) cannot reach users"
	@echo "  make e2e              whole playbooks on several nodes of mixed versions"
	@echo "  make events           the event source under real ansible-rulebook (EDA_VENV) against real servers"
	@echo "  make packaging        build, install, docs, changelog, execution environment, ansible-lint, antsibull-nox"
	@echo "  make nox              antsibull-nox sessions ($(NOX_SESSIONS))"
	@echo "make scale  - the role cluster on 12 nodes (two hubs, three folders): times and requests per host"
	@echo "make bench  - benchmarks (request counts and timings)"
	@echo "Set-up steps (the stages run what they need): make deps (all of them), venv, venv-new, packaging-venv,"
	@echo "              syncthing (SYNCTHING_VERSIONS), syncthing-matrix (VERSIONS), syncthing-patch-bug, get-pip, get-pip-new, venv-eda, crypto-collection, unixsocket-lib, tree"
	@echo "make clean  - remove what builds and runs wrote; make distclean also the virtualenvs and Syncthing binaries"

venv: $(BIN)/.installed
$(BIN)/.installed: tests/requirements.txt
	@echo "Creating $(VENV): ansible-core $(ANSIBLE_CORE_OLD) and the test tools from PyPI (a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r tests/requirements.txt "ansible-core==$(ANSIBLE_CORE_OLD).*"
	touch $@

venv-new: $(BIN_NEW)/.installed
$(BIN_NEW)/.installed: tests/requirements.txt
	@[ -n "$(PYTHON_NEW)" ] || { echo "ansible-core $(ANSIBLE_CORE_NEW) needs Python 3.12+: none found (set PYTHON_NEW)" >&2; exit 1; }
	@echo "Creating $(VENV_NEW): ansible-core $(ANSIBLE_CORE_NEW) and the test tools from PyPI (a minute or two)"
	$(PYTHON_NEW) -m venv $(VENV_NEW)
	$(BIN_NEW)/pip install -q --upgrade pip
	$(BIN_NEW)/pip install -q -r tests/requirements.txt "ansible-core==$(ANSIBLE_CORE_NEW).*"
	touch $@

packaging-venv: $(PKG_BIN)/.installed
$(PKG_BIN)/.installed: tests/packaging-requirements.txt
	@echo "Creating $(PKG_VENV): antsibull-nox and ansible-builder from PyPI (a minute)"
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_BIN)/pip install -q --upgrade pip
	$(PKG_BIN)/pip install -q -r tests/packaging-requirements.txt
	touch $@

# Exit status 3 means a version could not be had (named in the output); the test summary reports it as untested.
# A version already cached (or in SYNCTHING_BINARIES) costs nothing; the first 2.x build takes minutes.
syncthing:
	@bash tools/install-syncthing.sh $(SYNCTHING_VERSIONS) || [ $$? -eq 3 ]
# what one real-server stage needs: the versions it runs
syncthing-matrix:
	@bash tools/install-syncthing.sh $(VERSIONS) || [ $$? -eq 3 ]
syncthing-patch-bug:
	@bash tools/install-syncthing.sh $(PATCH_BUG_VERSION) || [ $$? -eq 3 ]

# ansible-test's offline pip bootstrap (docs: design notes in CONTRIBUTING.md, "Files the project writes")
get-pip: venv
	@$(BIN)/python tools/offline-get-pip.py
get-pip-new: venv-new
	@$(BIN_NEW)/python tools/offline-get-pip.py

deps: venv venv-new packaging-venv syncthing get-pip get-pip-new

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
	  integration integration-new patch-bug reliability e2e events packaging

# Linters (installed into .venv by make deps; configuration: ruff.toml, .yamllint). ansible-test sanity runs
# shellcheck too, finding it on PATH in .venv.
lint: venv packaging-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/yamllint --strict .
	$(BIN)/shellcheck tools/*.sh
	env -u ANSIBLE_COLLECTIONS_PATH -u PYTHONPATH $(BIN)/ansible-lint
	$(PKG_BIN)/nox --envdir $(ROOT)/.cache/nox -R -e extra-checks typing

sanity: get-pip tree
	cd $(COLL) && ansible-test sanity --venv --python 3.11 --color no
	@[ -n "$(PYTHON_OLDEST_TARGET)" ] || { echo "the compile test needs Python 3.8 (set PYTHON_OLDEST_TARGET)" >&2; exit 1; }
	cd $(COLL) && PATH=$(dir $(PYTHON_OLDEST_TARGET)):$$PATH ansible-test sanity --python 3.8 --test compile --color no

sanity-new: get-pip-new tree
	cd $(COLL) && PATH=$(BIN_NEW):$$PATH ansible-test sanity --venv --python $(shell $(PYTHON_NEW) -c 'import sys; print("%d.%d" % sys.version_info[:2])') --color no

units: venv tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit $(ARGS)

units-new: venv-new tree
	cd $(COLL) && $(BIN_NEW)/python -m pytest -q -p no:cacheprovider tests/unit $(ARGS)

live: venv syncthing-matrix tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/live --versions "$(AVAILABLE)" $(ARGS)

reliability: venv syncthing-matrix unixsocket-lib tree
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability --versions "$(AVAILABLE)" $(ARGS)

# The optional library a Unix-socket url needs (plugins/module_utils/_unix_socket.py), kept apart from .venv so that
# the modules are also tested without it; tests/reliability/test_unix_socket.py puts it on the modules' path.
UNIXSOCKET_LIB ?= $(ROOT)/.cache/pylib-unixsocket
export UNIXSOCKET_LIB
unixsocket-lib: $(UNIXSOCKET_LIB)/.installed
$(UNIXSOCKET_LIB)/.installed: | venv
	$(BIN)/pip install -q --no-deps --target $(UNIXSOCKET_LIB) "requests-unixsocket2==1.0.1"
	touch $@

integration: venv syncthing-matrix tree
	@set -e; for v in $(AVAILABLE); do bash tools/run-integration.sh "$$v" $(COLL) $(WORK); done

# one integration pass on the newest ansible-core, against the newest Syncthing available
integration-new: venv-new syncthing-matrix tree
	PATH=$(BIN_NEW):$$PATH bash tools/run-integration.sh "$(lastword $(AVAILABLE))" $(COLL) $(WORK)

# the folder-PATCH reset bug of 1.29.6-2.1.1 must not reach our users (reference §2.12)
patch-bug: venv syncthing-patch-bug tree
	@v="$(shell python3 tools/stnode.py available $(PATCH_BUG_VERSION))"; \
	if [ -z "$$v" ]; then echo "NOT RUN: Syncthing $(PATCH_BUG_VERSION) is not available"; exit 0; fi; \
	cd $(COLL) && $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability/test_patch_bug.py --versions "$$v"

# tests/e2e/test_scale.py runs on 5 nodes here; make scale runs it on 12
e2e: venv syncthing-matrix crypto-collection tree
	cd $(COLL) && CRYPTO_COLLECTIONS=$(CRYPTO_COLLECTIONS) $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e \
	  --versions "$(AVAILABLE)" $(ARGS)

# The event source under real ansible-rulebook (its own virtualenv: ansible-rulebook needs a Java 17+ runtime,
# Debian's openjdk-17-jre-headless when none is installed): the rulebooks against real nodes.
EDA_VENV ?= $(ROOT)/.cache/venv-eda
venv-eda: $(EDA_VENV)/.installed
$(EDA_VENV)/.installed: tests/events/requirements.txt
	@java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }
	$(PYTHON) -m venv $(EDA_VENV)
	$(EDA_VENV)/bin/pip install -q --upgrade pip
	$(EDA_VENV)/bin/pip install -q -r tests/events/requirements.txt "ansible-core==$(ANSIBLE_CORE_OLD).*"
	touch $@

events: venv venv-eda syncthing-matrix tree
	cd $(COLL) && EDA_VENV=$(EDA_VENV) $(BIN)/python -m pytest -q -p no:cacheprovider tests/events --versions "$(AVAILABLE)"

# community.crypto for the identity recipe of docs/pairing.md (tests/e2e/test_identity.py): taken from the wheel of
# the `ansible` package on PyPI, which ships it (only that collection is unpacked)
ANSIBLE_PACKAGE ?= 11.13.0
CRYPTO_COLLECTIONS ?= $(ROOT)/.cache/crypto-collection
crypto-collection: $(CRYPTO_COLLECTIONS)/ansible_collections/community/crypto/MANIFEST.json
$(CRYPTO_COLLECTIONS)/ansible_collections/community/crypto/MANIFEST.json: | venv
	$(BIN)/pip download -q --no-deps --only-binary :all: -d $(ROOT)/.cache/wheels "ansible==$(ANSIBLE_PACKAGE)"
	$(BIN)/python -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
	  z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith("ansible_collections/community/crypto/")])' \
	  $(ROOT)/.cache/wheels/ansible-$(ANSIBLE_PACKAGE)-py3-none-any.whl $(CRYPTO_COLLECTIONS)

SCALE_NODES ?= 12
scale: venv syncthing-matrix tree
	cd $(COLL) && $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/e2e/test_scale.py --versions "$(AVAILABLE)" \
	  --scale-nodes $(SCALE_NODES)

packaging: venv packaging-venv tree
	bash tools/check-packaging.sh $(COLL) $(BUILD) $(PKG_BIN)
	@$(MAKE) --no-print-directory nox

# antsibull-nox's sessions (antsibull-nox.toml), from the checkout; -R reuses each session's virtualenv once made
nox: packaging-venv
	$(PKG_BIN)/nox --envdir $(ROOT)/.cache/nox -R -e $(NOX_SESSIONS)

# only what the demo needs: .venv (ansible-core $(ANSIBLE_CORE_OLD)), the DEMO_VERSIONS binaries, the collection tree;
# Ansible's own files go under WORK, not the home folder
demo: venv tree
	@echo "Fetching Syncthing $(DEMO_VERSIONS) (Debian's builds, unpacked into $${ST_DIR:-/var/cache/syncthing-rest}; cached after the first time)"
	@bash tools/install-syncthing.sh $(DEMO_VERSIONS)
	@start=$$(date +%s); \
	DEMO_VERSIONS="$(DEMO_VERSIONS)" bash tools/demo.sh $(COLL) $(WORK) && \
	DEMO_VERSIONS="$(DEMO_VERSIONS)" bash tools/demo-fleet.sh $(COLL) $(WORK) && \
	echo "make demo: passed in $$(( $$(date +%s) - start )) s: tools/demo.sh (3 nodes) and tools/demo-fleet.sh (5 nodes) on" \
	  "Syncthing $$($(BIN)/python -c 'import glob, json, sys; print(", ".join(sorted({json.load(open(p))["version"] \
	    for d in sys.argv[1:] for p in glob.glob(d + "/*.json") if not p.endswith("nodes.json")})))' $(WORK)/demo $(WORK)/demo-fleet)," \
	  "$$($(BIN)/ansible --version | head -1)"

BENCH_EVENTS_VERSIONS ?= $(lastword $(AVAILABLE))
bench: venv syncthing-matrix venv-eda tree
	$(BIN)/python benchmarks/start_up.py --coll $(COLL) --work $(WORK)
	$(BIN)/python benchmarks/run.py --coll $(COLL) --work $(WORK) $(BENCH_ARGS)
	EDA_VENV=$(EDA_VENV) $(BIN)/python benchmarks/events.py --coll $(COLL) --work $(WORK) --versions "$(BENCH_EVENTS_VERSIONS)"

# clean: what builds and runs wrote (the collection tree, logs, test nodes' work folders);
# distclean: also the virtualenvs, the Syncthing binaries and ansible-test's offline pip bootstrap (README, "Files").
clean:
	rm -rf $(BUILD) $(ROOT)/.cache $(ROOT)/.ansible $(ROOT)/.nox $(ROOT)/.hypothesis $(ROOT)/tests/output

distclean: clean
	rm -rf $(VENV) $(VENV_NEW) $${ST_DIR:-/var/cache/syncthing-rest} $(HOME)/.ansible/test/cache/get_pip_*.py
