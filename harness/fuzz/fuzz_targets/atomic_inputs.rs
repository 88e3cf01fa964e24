//! libFuzzer target (structure-aware): raw inputs of each atomic predicate, `decide`,
//! `decideTrue` and `decideFalse` on both halves.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: ovm_fuzz::input::AtomicInput| {
    ovm_fuzz_targets::check_with(|cx| ovm_fuzz::input::check_atomic(cx, &input))
});
