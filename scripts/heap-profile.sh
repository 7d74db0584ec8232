#!/usr/bin/env bash
# Heap profile of the server under `msn bench idle`: the bench's child `msn serve` runs under
# heaptrack (Debian package `heaptrack`), then the peak consumers are printed.
#
#   scripts/heap-profile.sh [sessions=2000] [seconds=20]
#
# Needs a release build: swift build -c release --scratch-path .build-release --product msn
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-2000}
seconds=${2:-20}
msn="$PWD/.build-release/release/msn"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# heaptrack writes its own lines on standard output; only the --print-ports JSON line may pass.
cat > "$work/msn" <<WRAP
#!/usr/bin/env bash
if [ "\$1" = serve ]; then
  HEAP_PROFILE_RUN="$work" heaptrack -o "$work/heap" "$msn" "\$@" | grep --line-buffered '^{'
  exit 0
fi
exec "$msn" "\$@"
WRAP
chmod +x "$work/msn"
MSN_EXECUTABLE="$work/msn" "$msn" bench idle --clients "$sessions" --duration "$seconds" --quiet || true
# The bench stops the wrapper, not the server under heaptrack: stop that one too, and only
# ours (marked in its environment), not other bench servers running on the machine.
for pid in $(pgrep -f "$msn serve" || true); do
  if grep -qz "^HEAP_PROFILE_RUN=$work\$" "/proc/$pid/environ" 2>/dev/null; then kill -TERM "$pid" || true; fi
done
for _ in $(seq 1 100); do pgrep -f heaptrack_interpret > /dev/null || break; sleep 0.2; done
heaptrack_print -f "$work"/heap.* --print-peaks 1 --print-allocators 0 --print-temporary 0 \
  --print-leaks 0 --peak-limit 10 --sub-peak-limit 10 | swift demangle --simplified
