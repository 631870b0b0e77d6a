# The two commands of the README, and a few more for developers.
#   make demo   set up, build, and summarise the five bundled DPAs
#   make test   set up, build, and run every test (also under ASan+UBSan)
JOBS ?= 2
DPA := build/release/dpa

.PHONY: setup build demo test test-ci test-asan clean

setup:
	@bash tools/setup.sh

build: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

demo: build
	@for f in examples/dpas/*.json; do \
	  echo "==> $(DPA) show $$f"; $(DPA) show "$$f" || exit 1; echo; \
	done
	@echo "==> $(DPA) validate examples/dpas/*.json"
	@$(DPA) validate examples/dpas/*.json

test: setup test-ci test-asan

test-ci:
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci -j $(JOBS)
	@ctest --preset ci

test-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan

clean:
	rm -rf build
