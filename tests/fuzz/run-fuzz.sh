#!/bin/sh
# run-fuzz.sh NAME FUZZER CORPUS: runs the libFuzzer binary FUZZER on a
# copy of the seed corpus CORPUS for FUZZ_SECONDS (default 60) and prints
# one TAP result: its executions and coverage, or the crash and the input
# that caused it, kept as fuzz-artifacts/NAME-crash-... in the build folder.
set -u
name=$1 fuzzer=$2 corpus=$3
seconds=${FUZZ_SECONDS:-60}

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
cp "$corpus"/* "$work/corpus/"
mkdir -p fuzz-artifacts

echo "1..1"
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
	-artifact_prefix="fuzz-artifacts/$name-" -print_final_stats=1 \
	"$work/corpus" >"$work/log" 2>&1
rc=$?
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/log" | tail -n 1)
execs=$(printf '%s\n' "$done_line" | sed -n 's/^#\([0-9]*\).*/\1/p')
cov=$(printf '%s\n' "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s\n' "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
if [ "$rc" -eq 0 ] && [ -n "$execs" ]; then
	echo "ok 1 - fuzz $name: $execs executions, cov $cov, ft $ft, ${seconds} s"
	exit 0
fi
echo "not ok 1 - fuzz $name: exit status $rc"
artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$work/log" | tail -n 1)
[ -n "$artifact" ] && echo "# input kept as $PWD/$artifact"
# The report from its first line (a sanitizer's, or libFuzzer's for a
# timeout, leak or memory limit), else the log's end.
first=$(grep -n -m 1 -E 'ERROR:|runtime error|deadly signal|ALARM|out-of-memory' \
	"$work/log" | cut -d: -f1)
if [ -n "$first" ]; then
	sed -n "$first,$((first + 40))p" "$work/log"
	grep -m 1 '^SUMMARY' "$work/log"
else
	tail -n 40 "$work/log"
fi | awk '!seen[$0]++' | sed 's/^/# /'
exit 1
