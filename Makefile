# Set-up on a fresh machine is two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD  := data/build

.PHONY: install system-deps build run test audit lint format bench eval ui-shots clean

install: $(STAMP) system-deps

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch is pinned (a CPU build lies on this disk); an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/python -m pip install -q -e '.[dev,llm,st]' 'torch==2.13.0'
	touch $(STAMP)

# Debian's chromium and a CJK font for the browser tests (Playwright's own browser download is not used).
system-deps:
	@bash .ci/system-deps

build: $(STAMP)
	$(BIN)/plan-qa build

run: install build
	$(BIN)/plan-qa serve

test: install
	$(BIN)/python -m pytest

# known vulnerabilities fail; an unreachable vulnerability service is reported plainly, not failed
audit: $(STAMP)
	$(BIN)/python .ci/audit.py

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/plan-qa bench

eval: $(STAMP)
	$(BIN)/plan-qa eval

# the chat page on a desktop and a phone, in Debian's chromium against a real server: eval/out/ui/*.png
ui-shots: $(STAMP)
	$(BIN)/python -m ui.screenshots --out eval/out/ui

clean:
	rm -rf $(BUILD) .pytest_cache .ruff_cache
