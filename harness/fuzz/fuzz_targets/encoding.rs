//! libFuzzer target: the canonical property decoder, id, placeholder, subst, depth and admissibility (layer E), both halves, through the conformance engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ovm_fuzz_targets::check(ovm_fuzz::Layer::E, data));
