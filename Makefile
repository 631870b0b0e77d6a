# The two commands of the README, and a few more for developers.
#   make demo   set up, build, summarise and check the five bundled DPAs, then link them into a graph
#   make test   set up, build, and run every test (also under ASan+UBSan)
JOBS ?= 2
DPA := build/release/dpa

.PHONY: setup build demo test test-ci test-asan test-tsan fuzz fuzz-smoke python-install clean

setup:
	@bash tools/setup.sh

build: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

SEEDS := axion hoviguard caos sevenoways caelex

demo: build
	@$(DPA) validate examples/dpas/*.json
	@for s in $(SEEDS); do \
	  echo; echo "==> $(DPA) show examples/dpas/$$s.json"; $(DPA) show "examples/dpas/$$s.json" || exit 1; \
	  echo; echo "==> $(DPA) check examples/dpas/$$s.json"; $(DPA) check "examples/dpas/$$s.json"; \
	  [ $$? -le 1 ] || exit 1; \
	done
	@echo; echo "==> $(DPA) diff examples/dpas/hoviguard-v1.1.json examples/dpas/hoviguard.json"
	@$(DPA) diff examples/dpas/hoviguard-v1.1.json examples/dpas/hoviguard.json; [ $$? -le 1 ]
	@echo; echo "==> $(DPA) graph build examples/dpas/{$(shell echo $(SEEDS) | tr ' ' ',')}.json -o build/seeds-graph.json"
	@$(DPA) graph build $(foreach s,$(SEEDS),examples/dpas/$(s).json) -o build/seeds-graph.json
	@echo; echo "==> $(DPA) graph check build/seeds-graph.json"
	@$(DPA) graph check build/seeds-graph.json; [ $$? -le 1 ]
	@echo; echo "==> $(DPA) graph scenario build/seeds-graph.json examples/scenarios/dpf-falls.json"
	@$(DPA) graph scenario build/seeds-graph.json examples/scenarios/dpf-falls.json; [ $$? -le 1 ]

test: setup test-ci test-asan

test-ci:
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci -j $(JOBS)
	@ctest --preset ci

test-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan

# ThreadSanitizer over the concurrency tests (unit tests whose names mention threads).
test-tsan:
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)
	@ctest --preset tsan

# libFuzzer (clang): every target for FUZZ_SECONDS (default 600) each, or 30 s each for the smoke run.
# Inputs that crash land in build/fuzz/artifacts/<target>/; see tests/fuzz/README.md.
FUZZ_SECONDS ?= 600
fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@tools/fuzz.sh $(FUZZ_SECONDS)

fuzz-smoke: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@tools/fuzz.sh 30

# Installs the Python package for Debian's /usr/bin/python3 (into /usr/local).
PREFIX ?= /usr/local
python-install: build
	@cmake --install build/release --component python --prefix $(PREFIX)
	@/usr/bin/python3 -c "import dpa; print('dpa', dpa.__version__, 'installed at', dpa.__file__)"

clean:
	rm -rf build
