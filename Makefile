# The two commands of the README, and a few more for developers.
#   make demo   set up, build, summarise and check the five bundled DPAs, then link them into a graph
#   make test   set up, build, and run every test: under ASan+UBSan, and without sanitizers
#               what cannot run under them (Python, valgrind, the install consumers)
JOBS ?= 2
DPA := build/release/dpa

.PHONY: setup build demo test test-ci test-asan test-plain test-plain-logged test-tsan fuzz fuzz-smoke python-install clean

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

# The two builds run side by side (each fills the other's idle cores); the plain one's
# output goes to build/test-plain.log and its summary is printed at the end.
test: setup
	@$(MAKE) --no-print-directory -j2 test-asan test-plain-logged
	@echo; echo "==> without sanitizers (Python, valgrind, install consumers): build/test-plain.log"
	@sed -n '/tests passed/,$$p' build/test-plain.log

test-plain-logged:
	@mkdir -p build
	@$(MAKE) --no-print-directory test-plain > build/test-plain.log 2>&1 || \
	  { echo "==> the tests without sanitizers failed:"; cat build/test-plain.log; exit 1; }

# Every test, in an optimised build without sanitizers (for a quick run while developing).
test-ci:
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci -j $(JOBS)
	@ctest --preset ci

test-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan

# The tests a sanitized build cannot run: the Python package (with mypy), the C programs
# under valgrind, the install consumers.
test-plain:
	@cmake --preset plain >/dev/null
	@cmake --build --preset plain -j $(JOBS)
	@ctest --preset plain

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
