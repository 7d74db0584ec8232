#!/usr/bin/env bash
# CPU profile of `msn bench relay` during one phase only (set-up excluded): the bench runs,
# and `perf record -g` attaches to it for a few seconds once the phase has started. Prints
# the top entries by self time and the inclusive ("children") cost of the server's relay path
# and of the load generator. Server and generator share the process and its event loops, so
# they are told apart by the call chains.
#
#   scripts/relay-profile.sh [phase=peak|half] [seconds=6] [msn=.build-release/release/msn]
#
# Needs `perf` (Debian: linux-perf) and a release build:
#   swift build -c release --scratch-path .build-release --product msn
set -eu
cd "$(dirname "$0")/.."
phase=${1:-peak}
seconds=${2:-6}
msn=${3:-$PWD/.build-release/release/msn}
case "$phase" in
  peak) marker="switchboard peak:" ;;
  half) marker="switchboard at half peak:" ;;
  *) echo "phase: peak or half" >&2; exit 2 ;;
esac
work=${PROFILE_DIR:-$(mktemp -d)}
mkdir -p "$work"
echo "perf data, bench output: $work"
"$msn" bench relay --duration $((seconds + 4)) --password-iterations 1000 > "$work/out" 2> "$work/err" &
bench=$!
until grep -q "$marker" "$work/err" 2>/dev/null; do
  kill -0 "$bench" 2>/dev/null || { echo "the bench ended before the phase began" >&2; cat "$work/err" >&2; exit 1; }
  sleep 0.2
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
perf record -F 999 -g -p "$bench" -o "$work/perf.data" -- sleep "$seconds" 2> /dev/null
wait "$bench" || true
grep -E "^(switchboard|byte relay)" "$work/out" || true
grep -A3 "first errors" "$work/out" || true
echo "== top 30 by self time (% of this process's CPU time) =="
perf report -i "$work/perf.data" --stdio --no-children -g none --sort symbol 2> /dev/null \
  | grep -E '^ +[0-9]' | head -30 | swift demangle --simplified | cut -c1-160
echo "== inclusive cost of selected frames =="
perf report -i "$work/perf.data" --stdio --children -g none --sort symbol 2> /dev/null \
  | grep -E '^ +[0-9]' | swift demangle --simplified \
  | grep -E 'FrameConnection|FrameDecoder|LineSplitter|SwitchboardSession|SwitchboardHub|Outbox|writeFrame|RelayConnection|RelayLoad|ByteRelay|NIOAsyncChannel|swift_task_switch|swift_job_run|malloc$|free$|swift_retain$|swift_release$' \
  | head -60 | cut -c1-200
