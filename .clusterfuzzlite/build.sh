#!/bin/bash -eu
# Builds every target of harness/fuzz with the sanitizer flags the builder image sets and
# copies the binaries where ClusterFuzzLite / OSS-Fuzz looks for them.
cd "$SRC/ovm-conformance"
cargo fuzz build -O --fuzz-dir harness/fuzz
for target in $(cargo fuzz list --fuzz-dir harness/fuzz); do
  cp "harness/fuzz/target/x86_64-unknown-linux-gnu/release/$target" "$OUT/"
done
