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

#[test]
fn shards_check_the_whole_campaigns_cases_once() {
    use ovm_fuzz::{Shard, shard};
    let env = Env::new();
    let whole = Campaign {
        seed: 42,
        budget: Budget::Cases(7),
        layers: vec![Layer::E, Layer::A, Layer::G],
        options: Options::default(),
    };
    let report = whole.run(&env, &Runner::new(), &mut |_| {});
    let expected = shard::report_json(&report, whole.seed, &whole.layers, Shard::WHOLE);
    let mut reports = Vec::new();
    for index in 1..=3 {
        let part = Shard::new(index, 3).unwrap();
        let campaign = Campaign {
            options: Options {
                shard: part,
                ..Options::default()
            },
            ..whole.clone()
        };
        let report = campaign.run(&env, &Runner::new(), &mut |_| {});
        assert!(report.records.iter().all(|r| part.owns(r.case)));
        let checked: u64 = report.cases.iter().map(|(_, n)| n).sum();
        assert_eq!(checked, 3 * [3, 2, 2][index as usize - 1]);
        let json = shard::report_json(&report, campaign.seed, &campaign.layers, part);
        reports.push((format!("shard {part}"), json));
    }
    reports.reverse();
    assert_eq!(shard::merge(&reports).unwrap().json, expected);
}
