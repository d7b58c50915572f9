#!/usr/bin/env bash
# Instructions per call of the call_path bench's sides, under callgrind: the difference between
# 3,000 and 1,000 calls, divided by 2,000 (client and server threads together), so start-up and
# warm-up cancel out. Instruction counts do not move with the machine's load.
# Run from the workspace root: bash vcode-examples/benches/call_path_instructions.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=$(cargo bench -p vcode-examples --bench call_path --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*call_path[^"]*\)".*/\1/p' | tail -1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bench" --profile "$1" "$2" "$3" >/dev/null 2>"$out/log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/log"
}
printf '%-8s %10s %10s %10s %11s %11s\n' vendor raw hand sdk sdk/hand sdk/raw
for vendor in bss ticket cec tencent; do
  declare -A per
  for side in raw hand sdk; do
    small=$(count "$side" "$vendor" 1000)
    large=$(count "$side" "$vendor" 3000)
    per[$side]=$(((large - small) / 2000))
  done
  awk -v v="$vendor" -v r="${per[raw]}" -v h="${per[hand]}" -v s="${per[sdk]}" 'BEGIN {
    printf "%-8s %9.1fk %9.1fk %9.1fk %10.3fx %10.3fx\n", v, r/1000, h/1000, s/1000, s/h, s/r }'
done
