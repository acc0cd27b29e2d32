#!/usr/bin/env bash
# Kafka Client Bench: the one entry point. Builds when needed, then hands every argument on.
#   ./run.sh [suite options] [JMH options]     run the benchmarks (default profile: quick), then the report
#   ./run.sh report [RUN ...]                   charts and a page from one or more runs
#   ./run.sh compare BASELINE CANDIDATE         regression verdict between two runs
#   ./run.sh ab --baseline-config A --candidate-config B    A/B a client config on one broker
#   ./run.sh --client-version 3.9.1,4.0.0,4.4.0 [...]  a kafka-clients version matrix: report, then compare of consecutive versions
#   ./run.sh calibrate [suite options]          Kafka's perf tools, a plain loop and the suite side by side (calibration.json)
#   ./run.sh clients [suite options]            Java vs Python clients' producer/consumer MB/s on one broker (clients.json)
# ./run.sh --help for the options. Exit codes: 0 ok, 1 benchmark failed or regression, 2 bad input, 3 broker unavailable.
set -uo pipefail
cd "$(dirname "$0")"
home=$(pwd)
bench_jar=benchmarks/target/benchmarks.jar
report_jar=report/target/report.jar

die() { echo "run.sh: $*" >&2; exit 2; }
command -v java >/dev/null || die "java not found: install JDK 17 (apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null || [ -f "$bench_jar" ] || die "mvn not found: install Maven (apt-get install maven)"

# Build when a jar is missing or older than any source or pom.
needs_build() {
  [ -f "$bench_jar" ] && [ -f "$report_jar" ] && [ -d dist/broker/target/lib ] || return 0
  [ -n "$(find pom.xml benchmarks/pom.xml report/pom.xml dist benchmarks/src report/src -newer "$bench_jar" \
          -type f -not -path '*/target/*' 2>/dev/null | head -1)" ] && return 0
  [ -n "$(find report/src report/pom.xml -newer "$report_jar" -type f 2>/dev/null | head -1)" ]
}
if needs_build; then
  echo "run.sh: building (mvn -B -q -DskipTests package)..." >&2
  mvn -B -q -DskipTests package >&2 || die "build failed (run: mvn -B -DskipTests package)"
fi

java_opts=(-Dkcb.home="$home" -Dslf4j.internal.verbosity=WARN -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
report() { java "${java_opts[@]}" -jar "$report_jar" "$@"; }

case "${1:-}" in
  report|compare) report "$@"; exit $? ;;
esac

java "${java_opts[@]}" -cp "$bench_jar" dev.kcb.bench.suite.SuiteRunner "$@"
rc=$?

# glue: after a suite run, the report; with --baseline NAME, the comparison
baseline="" ; no_report="" ; prev="" ; subcommand="${1:-}" ; results_dir=results
for a in "$@"; do
  [ "$prev" = "--baseline" ] && baseline="$a"
  [ "$prev" = "--results-dir" ] && results_dir="$a"
  case "$a" in
    --baseline=*) baseline="${a#--baseline=}";;
    --results-dir=*) results_dir="${a#--results-dir=}";;
    --no-report|-h|--help|-l|-lp|-V|--version) no_report=1;;
  esac
  prev="$a"
done
latest="$results_dir/latest"
has_results() { [ -e "$latest/jmh.json" ] || [ -e "$latest/calibration.json" ] || [ -e "$latest/clients.json" ]; }
# a version matrix (--client-version): one results dir per version under the run; the report draws each headline
# against the version, and compare judges each version against the one before it (exit 1 on a regression)
if [ "$subcommand" != "ab" ] && [ -z "$no_report" ] && [ "$rc" -eq 0 ] && grep -q '"matrix"' "$latest/run.json" 2>/dev/null; then
  run_dir=$(readlink -f "$latest")
  report report "$run_dir" || echo "run.sh: report failed (the results are in $run_dir)" >&2
  report compare "$run_dir"
  exit $?
fi
if [ "$subcommand" != "ab" ] && [ -z "$no_report" ] && [ "$rc" -le 1 ] && has_results && [ -f "$report_jar" ]; then
  report report "$latest" || echo "run.sh: report failed (the results are in $latest)" >&2
fi
if [ "$subcommand" = "ab" ] && [ -z "$no_report" ] && [ "$rc" -eq 0 ]; then
  run_dir=$(readlink -f "$latest")
  report compare "$run_dir/baseline" "$run_dir/candidate" --out "$run_dir/compare"
  rc=$?
  report report "$run_dir/baseline" "$run_dir/candidate" --label baseline --label candidate --out "$run_dir/report" \
    || echo "run.sh: report failed (the results are in $run_dir)" >&2
  exit "$rc"
fi
if [ -n "$baseline" ] && [ "$rc" -eq 0 ]; then
  report compare "$baseline" "$latest" --results "$results_dir"
  rc=$?
fi
exit "$rc"
