# A thin layer over meson: `make run` starts Unknot from the source tree, `make check` builds and
# runs the whole test suite twice (-Werror, then address and undefined-behaviour sanitizers).
# SPDX-License-Identifier: GPL-3.0-or-later

BUILD      ?= _build
ASAN_BUILD ?= _build-asan
FUZZ_BUILD ?= _build-fuzz
MESON_ARGS ?=

# The libFuzzer targets need clang and its fuzzer runtime (libclang-rt-14-dev); without them
# `make check` runs without the fuzz suite and says so.
HAVE_FUZZER := $(shell echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' | \
  clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null && echo yes)

.PHONY: all run check bench deps clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@sh .ci/install-deps.sh

$(BUILD)/build.ninja:
	@sh .ci/install-deps.sh run
	meson setup $(BUILD) -Dwerror=true $(MESON_ARGS)

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Dwerror=true -Db_sanitize=address,undefined \
	  -Db_lundef=false -Dbuildtype=debug $(MESON_ARGS)

# Only the core, with clang: the fuzz targets, run for a short time each (suite "fuzz").
$(FUZZ_BUILD)/build.ninja:
	CC=clang meson setup $(FUZZ_BUILD) -Dwerror=true -Dfuzzing=true -Dgui=false \
	  -Db_lundef=false $(MESON_ARGS)

run: $(BUILD)/build.ninja
	ninja -C $(BUILD)
	meson devenv -C $(BUILD) ./app/unknot

check: deps
	@$(MAKE) --no-print-directory $(BUILD)/build.ninja $(ASAN_BUILD)/build.ninja
	ninja -C $(BUILD)
	ninja -C $(ASAN_BUILD)
ifeq ($(HAVE_FUZZER),yes)
	@$(MAKE) --no-print-directory $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD) tests/fuzz/fuzz-routine tests/fuzz/fuzz-import
	@sh tests/run-suites.sh $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD):fuzz
else
	@echo "clang with libFuzzer not found: the fuzz suite is not run"
	@sh tests/run-suites.sh $(BUILD) $(ASAN_BUILD)
endif

bench: $(BUILD)/build.ninja
	ninja -C $(BUILD)
	meson test -C $(BUILD) --benchmark --verbose

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
