#!/bin/sh
# Builds, then runs the test suite in each build directory given (DIR, or DIR:SUITE for one suite
# of it), and prints one line for CI: "N passed, N failed" over all of them.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

passed=0
failed=0
status=0

for spec in "$@"; do
  # DIR, or DIR:SUITE for one suite of that build only.
  build=${spec%%:*}
  suite=
  [ "$build" = "$spec" ] || suite="--suite ${spec#*:}"
  log="$build/meson-logs/unknot-check.txt"
  # The whole build first: meson test builds only what the tests name, and some read what no
  # test names (the compiled translations). Suites run alone (the fuzz build's) are built by
  # whoever asks for them.
  if [ -z "$suite" ]; then
    echo "== ninja -C $build"
    if ! ninja -C "$build" >"$log" 2>&1; then
      cat "$log"
      echo "the build in $build failed"
      failed=$((failed + 1))
      status=1
      continue
    fi
  fi
  echo "== meson test -C $build $suite"
  # shellcheck disable=SC2086
  meson test -C "$build" $suite --print-errorlogs --num-processes 2 >"$log" 2>&1
  rc=$?
  cat "$log"
  [ $rc -eq 0 ] || status=1
  # meson's summary: "Ok: N", "Expected Fail: N", "Fail: N", "Unexpected Pass: N", "Timeout: N"
  ok=$(sed -n 's/^Ok: *\([0-9]*\) *$/\1/p' "$log" | tail -n 1)
  xfail=$(sed -n 's/^Expected Fail: *\([0-9]*\) *$/\1/p' "$log" | tail -n 1)
  fail=$(sed -n 's/^Fail: *\([0-9]*\) *$/\1/p' "$log" | tail -n 1)
  xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\) *$/\1/p' "$log" | tail -n 1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\) *$/\1/p' "$log" | tail -n 1)
  if [ -z "$ok" ]; then
    # No summary at all: the run itself broke; count it as a failure.
    failed=$((failed + 1))
    status=1
    continue
  fi
  passed=$((passed + ok + ${xfail:-0}))
  failed=$((failed + ${fail:-0} + ${xpass:-0} + ${timeout:-0}))
done

echo "$passed passed, $failed failed"
exit $status
