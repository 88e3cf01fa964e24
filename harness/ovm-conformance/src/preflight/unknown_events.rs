//! Events outside the spec that the contracts under test emit while vectors run: counted by
//! emitter and first topic, and listed after the preflight (they are not compared).

use ovm_chain::{DEPLOYER, Deployment, TxRecord};
use ovm_core::{Address, B256};
use serde::Serialize;
use std::{collections::BTreeMap, sync::Mutex};

/// Events outside the spec's the contracts under test emitted while vectors ran (an
/// implementation's own extras, which are not compared), counted by emitter and first topic.
/// Counts are sums over transactions, so the list is the same whatever order vectors ran in.
#[derive(Debug, Default)]
pub struct UnknownEvents {
    seen: Mutex<BTreeMap<(Address, Option<B256>), u64>>,
}

/// One event outside the spec, as [`UnknownEvents::list`] shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnknownEvent {
    /// The emitting contract's role (`UniversalAdjudicationContract`), or `other` for an
    /// address outside the deployment (a library, a contract the implementation created).
    pub contract: &'static str,
    /// The emitter.
    pub address: Address,
    /// The event's first topic (its signature hash; `None` for a log without topics).
    pub topic0: Option<B256>,
    /// How many logs of it were emitted.
    pub logs: u64,
}

impl UnknownEvents {
    /// Adds the events outside the spec of the transactions `txs`.
    pub fn record(&self, txs: &[TxRecord]) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for key in txs.iter().flat_map(|tx| &tx.unknown_events) {
            *seen.entry(*key).or_default() += 1;
        }
    }

    /// Everything recorded, by emitter and topic.
    pub fn list(&self) -> Vec<UnknownEvent> {
        let roles = Deployment::predicted(DEPLOYER, 0, ovm_vectors::DEFAULT_PERIOD).all();
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.iter()
            .map(|(&(address, topic0), &logs)| UnknownEvent {
                contract: roles
                    .iter()
                    .find(|(_, a)| *a == address)
                    .map_or("other", |(name, _)| name),
                address,
                topic0,
                logs,
            })
            .collect()
    }
}

/// The events outside the spec, one line each under a heading (empty when there are none).
pub fn unknown_events_text(events: &[UnknownEvent]) -> String {
    if events.is_empty() {
        return String::new();
    }
    let mut out = String::from("events outside the spec emitted during the run (not compared):\n");
    for e in events {
        let topic = e
            .topic0
            .map_or_else(|| "no topics".to_owned(), |t| format!("topic0 {t}"));
        out.push_str(&format!(
            "  {:<31} {topic} ({} log(s))\n",
            if e.contract == "other" {
                e.address.to_string()
            } else {
                e.contract.to_owned()
            },
            e.logs
        ));
    }
    out
}
