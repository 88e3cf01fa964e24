//! Raw bytes (a libFuzzer input) as cases judged by the engine: generated cases of every
//! layer, and the structure-aware encoding and atomic inputs, all agree with the bundled
//! contracts, and the same bytes are the same case.

use arbitrary::{Arbitrary, Unstructured};
use ovm_fuzz::{
    Env, Layer, Runner,
    input::{self, AtomicInput, EncodingInput},
    layers::Cx,
};

fn inputs() -> Vec<Vec<u8>> {
    let mut inputs = vec![Vec::new(), vec![0xff; 64], (0..=255u8).collect()];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for len in [16, 300, 4096] {
        inputs.push(
            (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect(),
        );
    }
    inputs
}

#[test]
fn drawn_cases_agree_for_every_layer() {
    let env = Env::new();
    let runner = Runner::new();
    let cx = Cx {
        env: &env,
        judge: &runner,
    };
    for layer in Layer::ALL {
        for data in inputs() {
            if let Err(drawn) = input::check(layer, cx, &data, 4) {
                panic!("layer {layer}, {} bytes: {}", data.len(), drawn.found);
            }
        }
    }
}

#[test]
fn structure_aware_inputs_agree() {
    let env = Env::new();
    let runner = Runner::new();
    let cx = Cx {
        env: &env,
        judge: &runner,
    };
    let mut deep = Vec::new();
    for data in inputs() {
        let encoding = EncodingInput::arbitrary(&mut Unstructured::new(&data)).unwrap();
        if let Err(drawn) = input::check_encoding(cx, &encoding) {
            panic!("{:?}: {}", drawn.case, drawn.found);
        }
        let atomic = AtomicInput::arbitrary(&mut Unstructured::new(&data)).unwrap();
        if let Err(drawn) = input::check_atomic(cx, &atomic) {
            panic!("{:?}: {}", drawn.case, drawn.found);
        }
        deep.push(format!("{encoding:?}"));
    }
    assert_eq!(
        format!(
            "{:?}",
            EncodingInput::arbitrary(&mut Unstructured::new(&inputs()[5])).unwrap()
        ),
        deep[5],
        "the same bytes are the same input"
    );
}
