#!/usr/bin/env bash
# Fuzzes MSNCore's frame decoder (both roles), MIME parser and URL decoder with libFuzzer.
#
#   scripts/fuzz.sh [seconds] [libFuzzer options…]      (default: 60 seconds)
#
# Builds Sources/MSNFuzzer with -DMSN_FUZZING in its own scratch folder (.build-fuzz), seeds a
# corpus from the transcripts in ../shared/transcripts/escargot (or $MSN_SHARED_DIR), and runs
# until the time is up or an input breaks a property of RoundTripCheck. Crash inputs land in
# .build-fuzz/crashes/; keep each one in Tests/MSNCoreTests/FuzzRegressions/ once fixed.
#
# `-Xswiftc -sanitize=fuzzer,address` is needed on top of SwiftPM's --sanitize flags: with the
# two flags alone, some modules get only one of the sanitizers and lose coverage
# instrumentation (check the "Loaded … PCs" line: it should be in the tens of thousands).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if [[ $# -gt 0 ]]; then shift; fi
scratch=.build-fuzz
shared="${MSN_SHARED_DIR:-../shared}"

swift build -c release --product MSNFuzzer --scratch-path "$scratch" \
    --sanitize=fuzzer --sanitize=address \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DMSN_FUZZING

corpus="$scratch/corpus"
crashes="$scratch/crashes"
mkdir -p "$corpus" "$crashes"

# Seed corpus: each connection's client and server streams, each command with its payload,
# each MSG payload alone, and each URL-encoded token.
python3 - "$shared/transcripts/escargot" "$corpus" <<'PY'
import hashlib, os, re, sys
source, corpus = sys.argv[1], sys.argv[2]
line_re = re.compile(r'^\s*(?:[0-9.]+\s+)?\[([^\]]+)\] ([CS])[<>]([ |])(.*)$')

def unescape(text):
    return text.replace('\\r', '\r').replace('\\n', '\n').encode()

def save(data):
    if data:
        with open(os.path.join(corpus, hashlib.sha1(data).hexdigest()), 'wb') as f:
            f.write(data)

for name in sorted(os.listdir(source)):
    streams, events, ordinal = {}, [], {}
    for raw in open(os.path.join(source, name), encoding='utf-8').read().split('\n'):
        note = re.match(r'^\s*[0-9.]*\s*---- (\S+) connecting', raw)
        if note:
            ordinal[note.group(1)] = ordinal.get(note.group(1), 0) + 1
            continue
        m = line_re.match(raw)
        if not m or m.group(1) == 'HTTP':
            continue
        conn, side, kind, rest = m.groups()
        key = (conn, ordinal.get(conn, 1), side)
        if kind == ' ':
            events.append([key, (rest + '\r\n').encode(), b''])
        else:
            last = next(e for e in reversed(events) if e[0] == key)
            last[2] += unescape(rest)
    for key, line, payload in events:
        streams[key] = streams.get(key, b'') + line + payload
        save(line + payload)
        save(payload)
        for token in line.split():
            if b'%' in token:
                save(token)
    for data in streams.values():
        save(data)
print(f"seed corpus: {len(os.listdir(corpus))} inputs in {corpus}")
PY

cat > "$scratch/MSNP.dict" <<'DICT'
"\x0d\x0a"
" "
"VER"
"CVR"
"USR"
"XFR"
"MSG"
"GCF"
"QRY"
"CHL"
"ADL"
"UUX"
"UBX"
"NLN"
"LST"
"OUT"
"PNG"
"QNG"
"SBS"
"911"
"241"
"MSNP15"
"CVR0"
"TWN"
"SSO"
"MD5"
" OK "
"%20"
"%25"
"%E2%99%A5"
"MIME-Version: 1.0"
"Content-Type: text/plain; charset=UTF-8"
"X-MMS-IM-Format: FN=Segoe%20UI; EF=B; CO=ff; CS=0; PF=22"
"Message-ID: {"
"Chunks: "
"Chunk: "
"\x0d\x0a\x0d\x0a"
DICT

# The Swift runtime's backtracer and AddressSanitizer get in each other's way on a crash.
SWIFT_BACKTRACE=enable=no "$scratch/release/MSNFuzzer" -max_total_time="$seconds" -dict="$scratch/MSNP.dict" \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$@" "$corpus"
