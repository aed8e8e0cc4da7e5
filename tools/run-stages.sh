#!/usr/bin/env bash
# Run make stages one after the other, each quietly into .cache/logs/<stage>.log, and end with a summary:
# per stage its result, time and test counts, the Syncthing versions of the matrix that could not be had,
# and the closing line "stages: N passed, N failed". A failed stage shows its log's tail and stops the run.
# A stage that prints a line starting with "NOT RUN:" (and succeeds) is reported as not run.
#   tools/run-stages.sh "<matrix versions>" STAGE...
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
matrix=$1
shift
logs=${LOGS:-.cache/logs}
mkdir -p "$logs"
rows=() passed=0 failed=0 start_all=$SECONDS

counts() {  # the test counts a stage's log reports: pytest's summary lines, ansible-test's targets
  local log=$1 line
  line=$(grep -E '^=*\s*[0-9]+ (passed|failed|error)' "$log" | sed -E 's/^=+ //; s/ in [0-9.]+s.*$//' \
         | awk -F', ' '{for (i = 1; i <= NF; i++) {split($i, a, " "); n[a[2]] += a[1]}}
                       END {for (k in n) printf "%s%d %s", (c++ ? ", " : ""), n[k], k}')
  [ -n "$line" ] || line=$(grep -cE '^Running sanity test ' "$log" | awk '$1 > 0 {print $1 " sanity tests"}')
  [ -n "$line" ] || line=$(grep -cE '^Running .* integration test role' "$log" | awk '$1 > 0 {print $1 " integration targets"}')
  printf '%s' "$line"
}

for stage in "$@"; do
  log="$logs/$stage.log"
  t0=$SECONDS
  printf '%-16s ... ' "$stage"
  make --no-print-directory "$stage" > "$log" 2>&1
  rc=$?
  dt=$((SECONDS - t0))
  what=$(counts "$log")
  if [ $rc -eq 0 ] && grep -q '^NOT RUN:' "$log"; then
    status="not run"; what=$(sed -n 's/^NOT RUN: //p' "$log" | head -1)
  elif [ $rc -eq 0 ]; then
    passed=$((passed + 1)); status=ok
  else
    failed=$((failed + 1)); status=FAILED
  fi
  printf '%s (%ds) %s\n' "$status" "$dt" "$what"
  rows+=("$(printf '%-16s %-7s %6ss  %s' "$stage" "$status" "$dt" "$what")")
  if [ $rc -ne 0 ]; then
    printf '\n--- last 60 lines of %s ---\n' "$log"
    tail -n 60 "$log"
    break
  fi
done

printf '\n== make test summary (logs in %s)\n' "$logs"
printf '%-16s %-7s %7s  %s\n' stage result time tests
printf '%s\n' "${rows[@]}"
# shellcheck disable=SC2086  # the matrix is a list of words
available=$(python3 "$here/stnode.py" available $matrix)
printf 'total %ds; Syncthing versions tested: %s\n' "$((SECONDS - start_all))" "${available:-none}"
untested=$(for v in $matrix; do case " $available " in *" $v "*) ;; *) printf '%s ' "$v" ;; esac; done)
[ -z "$untested" ] || printf 'NOT TESTED: Syncthing %s (the binary could not be had here; see %s/deps.log)\n' "$untested" "$logs"
printf 'stages: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
