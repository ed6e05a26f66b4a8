#!/usr/bin/env bash
# Runs the reachsim JMH benchmarks and writes benchmarks/results/{latest,summary,retained}.json.
#   benchmarks/run.sh          full: sizes S, M, L, XL, the iterations written on each benchmark
#   benchmarks/run.sh --quick  XL only, short iterations (a few minutes)
#   benchmarks/run.sh --feed   the event feed (reachsim watch) on a real KRaft broker started from the Maven
#                              artifacts: writes benchmarks/results/feed.json (about 10 minutes on 2 cores)
# Extra arguments after the mode are passed to JMH (e.g. -prof gc).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
results="$here/results"
mkdir -p "$results"

quick=false
if [[ "${1:-}" == "--quick" ]]; then quick=true; shift; fi

if [[ "${1:-}" == "--feed" ]]; then
  shift
  : > "$results/uptime-feed.log"
  fstamp() { echo "$1: $(date -u +%FT%TZ) $(uptime | sed 's/.*load average/load average/')" | tee -a "$results/uptime-feed.log"; }
  fstamp "feed start"
  # FeedJsonBenchmark (feed test sources): the broker runs in the benchmark's JVM (kafka_2.13 from Maven),
  # the watch services as separate processes; the XL part needs a few GB of heap.
  (cd "$root" && mvn -q test -pl feed -am -Dtest=FeedJsonBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
      -DargLine=-Xmx4g -Dreachsim.bench.out="$results/feed.json" "$@")
  fstamp "feed end"
  echo
  echo "results: $results/feed.json (load averages: $results/uptime-feed.log)"
  exit 0
fi

echo "building (mvn -q -DskipTests package -pl benchmarks -am) ..."
(cd "$root" && mvn -q -DskipTests package -pl benchmarks -am)
jar="$here/target/benchmarks.jar"

if $quick; then
  sizes=(XL)
  # time-based benchmarks: 1 warm-up and 2 measurement iterations of 2 s
  timed=(-p size=XL -wi 1 -w 2s -i 2 -r 2s -f 1)
  # single-shot benchmarks (suite, compile, load): 1 warm-up, 2 measured shots
  shots=(-p size=XL -wi 1 -i 2 -f 1)
  loads=(-p size=XL -wi 1 -i 2 -f 1)
else
  sizes=(S M L XL)
  timed=()
  shots=()
  loads=()
fi

rm -f "$results"/jmh-*.json
# The machine may be shared: keep the load averages next to the numbers they qualify.
: > "$results/uptime.log"
stamp() { echo "$1: $(date -u +%FT%TZ) $(uptime | sed 's/.*load average/load average/')" | tee -a "$results/uptime.log"; }
stamp "start"
echo "== trace and reference trace (µs per flow) =="
java -jar "$jar" 'io.reachsim.bench.(Reference)?TraceBenchmark' "${timed[@]}" -rf json -rff "$results/jmh-trace.json" "$@"
stamp "after trace"
echo "== suite, compile (s per operation) =="
java -jar "$jar" 'io.reachsim.bench.(Suite|Compile)Benchmark' "${shots[@]}" -rf json -rff "$results/jmh-shots.json" "$@"
stamp "after suite/compile"
echo "== load from YAML and from a snapshot folder (s per operation) =="
java -jar "$jar" 'io.reachsim.bench.Load(Yaml|Snapshot)Benchmark' "${loads[@]}" -rf json -rff "$results/jmh-load.json" "$@"
stamp "after load"
echo "== retained heap (approximate) =="
java -Xmx6g -XX:+UseSerialGC -cp "$jar" io.reachsim.bench.RetainedHeap "$results/retained.json" "${sizes[@]}"

stamp "end"
model="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
mem="$(free -g | awk '/^Mem:/ {print $2 " GB"}')"
machine="$(nproc) cores, ${model:-unknown CPU}, ${mem:-unknown memory}"
java -cp "$jar" io.reachsim.bench.Summarize "$results" "$machine" "$results/jmh-trace.json" "$results/jmh-shots.json" "$results/jmh-load.json"
echo
echo "results: $results/latest.json, $results/summary.json, $results/retained.json"
