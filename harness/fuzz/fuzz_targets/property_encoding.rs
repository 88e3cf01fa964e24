//! libFuzzer target (structure-aware): a property tree of any shape, edited at byte level,
//! through the canonical decoder, id, placeholder test, `subst`, depth and admissibility on
//! both halves.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: ovm_fuzz::input::EncodingInput| {
    ovm_fuzz_targets::check_with(|cx| ovm_fuzz::input::check_encoding(cx, &input))
});
