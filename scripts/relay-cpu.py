#!/usr/bin/env python3
"""CPU time per relayed message in each phase of `msn bench relay`, from the process's
user + system time (/proc/PID/stat) read at the bench's once-a-second progress lines.

Throughput on a machine shared with other work says more about the other work than about
ours; CPU time per message barely moves with it. Server and load generator share the
process, so the figure holds both; the byte relay phase runs the same generator, so
(byte relay CPU per message) / (switchboard CPU per message) is the share of the ceiling
the switchboard would reach with the cores to itself.

    scripts/relay-cpu.py [msn] [duration=6] [extra bench arguments…]
"""
import os, re, subprocess, sys

msn = sys.argv[1] if len(sys.argv) > 1 else ".build-release/release/msn"
duration = sys.argv[2] if len(sys.argv) > 2 else "6"
extra = sys.argv[3:]
ticks = os.sysconf("SC_CLK_TCK")
proc = subprocess.Popen([msn, "bench", "relay", "--duration", duration, "--password-iterations", "1000", *extra],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)

def cpu_seconds():
    with open(f"/proc/{proc.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks

progress = re.compile(r"([a-z ()0-9]+?): (\d+) delivered, [\d.]+/s, (\d+) errors, (\d+) s")
samples = {}
buffer = b""
while True:
    chunk = os.read(proc.stderr.fileno(), 4096)
    if not chunk:
        break
    buffer += chunk
    text = buffer.decode(errors="replace")
    last = 0
    for match in progress.finditer(text):
        phase = match.group(1).strip()
        try:
            samples.setdefault(phase, []).append((int(match.group(4)), int(match.group(2)), cpu_seconds()))
        except FileNotFoundError:
            pass
        last = match.end()
    buffer = text[last:].encode()
out = proc.communicate()[0].decode()
print(f"load average {open('/proc/loadavg').read().split()[0]}")
for line in out.splitlines():
    if line.startswith(("switchboard", "byte relay")):
        print(line)
costs = {}
for phase, points in samples.items():
    if len(points) < 2:
        continue
    (t0, n0, c0), (t1, n1, c1) = points[0], points[-1]
    if n1 > n0:
        costs[phase] = 1e6 * (c1 - c0) / (n1 - n0)
        print(f"{phase}: {n1 - n0} messages in {t1 - t0} s, {c1 - c0:.2f} s CPU, "
              f"{costs[phase]:.2f} µs CPU per message")
peak = next((v for k, v in costs.items() if k.startswith("switchboard peak")), None)
ceiling = next((v for k, v in costs.items() if k.startswith("byte relay")), None)
if peak and ceiling:
    print(f"CPU per message, byte relay / switchboard peak: {100 * ceiling / peak:.1f} %")
