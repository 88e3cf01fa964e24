//! libFuzzer target: each atomic predicate's decide / decideTrue / decideFalse (layer A), both halves, through the conformance engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ovm_fuzz_targets::check(ovm_fuzz::Layer::A, data));
