//! Prints the outcome histogram of a short campaign per layer (generator coverage).
use ovm_fuzz::{
    Runner,
    campaign::{Budget, Campaign, Options},
    env::Env,
    found::Layer,
    regress::WriteMode,
};
use std::collections::BTreeMap;

fn main() {
    let env = Env::new();
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    for layer in Layer::ALL {
        let c = Campaign {
            seed: 1,
            budget: Budget::Cases(n),
            layers: vec![layer],
            options: Options {
                write: WriteMode::Never,
                ..Options::default()
            },
        };
        let r = c.run(&env, &Runner::new(), &mut |_| {});
        let mut h: BTreeMap<String, u32> = BTreeMap::new();
        for rec in &r.records {
            let key: String = rec
                .outcome
                .split(' ')
                .take(if layer == Layer::S { 1 } else { 4 })
                .collect::<Vec<_>>()
                .join(" ");
            *h.entry(key).or_default() += 1;
        }
        println!("== {layer} {:?}", r.time);
        for (k, v) in h {
            println!("  {v:5} {k}");
        }
        for f in r.bugs.iter().chain(&r.unguarded) {
            println!("  FINDING {}", f.message(1));
        }
    }
}
