//! libFuzzer target: whole games, the honest agent against an adversary (layer G), both halves, through the conformance engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ovm_fuzz_targets::check(ovm_fuzz::Layer::G, data));
