//! Same seed and case count ⇒ same cases and outcome records, byte for byte.

use ovm_fuzz::{
    Runner,
    campaign::{Budget, Campaign, Options},
    env::Env,
    found::Layer,
    regress::WriteMode,
};

#[test]
fn same_seed_same_records() {
    let env = Env::new();
    let campaign = Campaign {
        seed: 42,
        budget: Budget::Cases(15),
        layers: Layer::ALL.to_vec(),
        options: Options {
            write: WriteMode::Never,
            ..Options::default()
        },
    };
    let first = campaign
        .run(&env, &Runner::new(), &mut |_| {})
        .records_jsonl();
    let again = campaign
        .run(&Env::new(), &Runner::new(), &mut |_| {})
        .records_jsonl();
    assert_eq!(first, again);
    assert_eq!(first.lines().count(), 15 * Layer::ALL.len());
    let other = Campaign {
        seed: 43,
        ..campaign
    }
    .run(&env, &Runner::new(), &mut |_| {})
    .records_jsonl();
    assert_ne!(first, other, "another seed gives other cases");
}
