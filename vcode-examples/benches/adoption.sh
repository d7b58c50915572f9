#!/usr/bin/env bash
# The adoption cost: a clean release build of the smallest program that sends Tencent
# `SendVerifyCode` through the SDK (vcode-examples/adoption/sdk) against the same call written
# by hand on reqwest (vcode-examples/adoption/hand): wall time of `cargo build --release` from
# an empty target directory (downloads excluded: `cargo fetch` runs first), and the crates
# compiled. Each side is built $RUNS times (default 2), alternating which goes first; medians.
# Run from anywhere: bash vcode-examples/benches/adoption.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/../adoption" && pwd)"
runs=${RUNS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build() { # side -> seconds
  local target="$work/target-$1"
  rm -rf "$target"
  local start end
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$target" cargo build --release --quiet --manifest-path "$here/$1/Cargo.toml"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
crates() { # side -> crates compiled for this machine (the program's graph, the program included)
  cargo tree --manifest-path "$here/$1/Cargo.toml" -e normal,build --prefix none --no-dedupe \
    2>/dev/null | sed 's/ (\*)//; s/ (proc-macro)//' | sort -u | wc -l
}
for side in sdk hand; do cargo fetch --quiet --manifest-path "$here/$side/Cargo.toml"; done
declare -A times
for run in $(seq 1 "$runs"); do
  if ((run % 2)); then order="sdk hand"; else order="hand sdk"; fi
  for side in $order; do times[$side]+="$(build "$side") "; done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
sdk_time=$(echo "${times[sdk]}" | median)
hand_time=$(echo "${times[hand]}" | median)
sdk_crates=$(crates sdk)
hand_crates=$(crates hand)
printf '%-6s %10s %8s\n' side "build (s)" crates
printf '%-6s %10.1f %8d\n' hand "$hand_time" "$hand_crates"
printf '%-6s %10.1f %8d\n' sdk "$sdk_time" "$sdk_crates"
awk -v a="$sdk_time" -v b="$hand_time" -v c="$sdk_crates" -v d="$hand_crates" \
  'BEGIN { printf "sdk/hand: %.2fx build time, %.2fx crates\n", a/b, c/d }'
echo "builds (s): sdk ${times[sdk]}; hand ${times[hand]}"
