//! The generators' domains agree with the decider's hints: a `RANGE` window's candidates are
//! exactly the values the guard accepts, and a cycle quantifier is among its own candidates.

use ovm_core::abi::Range;
use ovm_decider::{Decider, ReferenceDecider, hint::candidates};
use ovm_fuzz::{
    Env,
    world::{CYCLES_BUCKET, Material, RANGES_BUCKET, WorldParams, cycle_quantifier},
};

fn params() -> WorldParams {
    WorldParams {
        seeds: vec![3],
        a_values: vec![(0, 1), (1, 2), (2, 0), (0, 7)],
        b_counts: vec![0, 0, 0],
        messages: vec![vec![1]],
        trees: vec![],
        first_block: 0,
        gaps: vec![1],
        salt: 1,
    }
}

#[test]
fn range_windows_yield_the_generators_candidates() {
    let env = Env::new();
    let mat = Material::build(&params(), env.deployment().commitment, false);
    let world = mat.world.decider_world(env.registry(), mat.commitment);
    let mut seen_some = false;
    for lo in 0..8 {
        for hi in lo + 1..14 {
            let window = Range::from_u64(lo, hi);
            let hint = format!(
                "{RANGES_BUCKET},RANGE,{}",
                ovm_core::hex::encode_prefixed(window.encode())
            );
            let expected = mat.range_candidates(&window);
            seen_some |= expected.len() > 1;
            assert_eq!(candidates(hint.as_bytes(), &world), Ok(expected), "{hint}");
        }
    }
    assert!(seen_some, "some window spans several entries");
}

#[test]
fn a_cycle_quantifier_is_among_its_own_candidates() {
    let env = Env::new();
    let mat =
        Material::build(&params(), env.deployment().commitment, false).with_cycles(env.builder());
    let world = mat.world.decider_world(env.registry(), mat.commitment);
    for exists in [false, true] {
        let q = cycle_quantifier(env.builder(), exists);
        let hint = &q.inputs[0];
        assert!(hint.starts_with(CYCLES_BUCKET.as_bytes()));
        let domain = candidates(hint, &world).expect("a usable hint");
        assert!(domain.contains(&q.encode()), "{q:?} is in its own domain");
        // The fixed values settle it all the same (§7): `0x` refutes the ForAll, `enc(And())`
        // proves the ThereExists.
        let outcome = ReferenceDecider::new().decide(&q, &world);
        assert_eq!(outcome.is_true(), exists, "{outcome:?}");
    }
}
