# A thin layer over meson: `make run` starts Unknot from the source tree, `make check` builds and
# runs the whole test suite twice (-Werror, then address and undefined-behaviour sanitizers).
# SPDX-License-Identifier: GPL-3.0-or-later

BUILD      ?= _build
ASAN_BUILD ?= _build-asan
MESON_ARGS ?=

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

run: $(BUILD)/build.ninja
	ninja -C $(BUILD)
	meson devenv -C $(BUILD) ./app/unknot

check: deps
	@$(MAKE) --no-print-directory $(BUILD)/build.ninja $(ASAN_BUILD)/build.ninja
	ninja -C $(BUILD)
	ninja -C $(ASAN_BUILD)
	@sh tests/run-suites.sh $(BUILD) $(ASAN_BUILD)

bench: $(BUILD)/build.ninja
	ninja -C $(BUILD)
	meson test -C $(BUILD) --benchmark --verbose

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
