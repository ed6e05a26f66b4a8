#!/usr/bin/env bash
# Whole-process start-up benchmark (issue: fast start): wall time of complete processes, as a person or
# a CI job pays it, against a bare `java -version` on the same machine. Prints a Markdown table.
#   benchmarks/startup.sh [RUNS]      (default 15; the median and the best of RUNS are reported)
# Needs the package build (./reachsim builds it on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
small="scenarios/vpc/eigw-ipv6-outbound-only.yaml"
./reachsim run "$small" >/dev/null 2>&1 || true      # builds when needed, warms the file cache

measure() { # label, command...: prints "| label | median wall | best wall | median CPU |" in ms
  local label="$1"; shift
  local walls=() cpus=() t
  t=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$t" "$@" >/dev/null 2>&1 || true
    read -r wall user sys < <(tail -1 "$t")
    walls+=("$(echo "$wall * 1000 / 1" | bc)"); cpus+=("$(echo "($user + $sys) * 1000 / 1" | bc)")
  done
  rm -f "$t"
  local mid=$(( (runs + 1) / 2 ))
  echo "| $label | $(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p") | $(printf '%s\n' "${walls[@]}" | sort -n | head -1) | $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p") |"
}

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| process | median wall ms | best wall ms | median CPU ms (user+sys) |"
echo "|---|---|---|---|"
measure "java -version" java -version
measure "./reachsim run (small file)" ./reachsim run "$small"
measure "./reachsim trace (small file)" ./reachsim trace --network "$small" --from instance:app-1 --to "internet:2001:db8::20" --port 443
measure "java -jar reachsim.jar run (before: shaded jar, no CDS)" java -jar cli/target/reachsim.jar run "$small"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
