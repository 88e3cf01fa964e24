//! libFuzzer target: the UAC against its Rust model under call sequences (layer S), both halves, through the conformance engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ovm_fuzz_targets::check(ovm_fuzz::Layer::S, data));
