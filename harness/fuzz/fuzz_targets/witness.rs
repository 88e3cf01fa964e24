//! libFuzzer target: witnesses: the decider's against decideClaimWithWitness (layer W), both halves, through the conformance engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ovm_fuzz_targets::check(ovm_fuzz::Layer::W, data));
