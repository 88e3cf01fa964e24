//! The plain evaluator behind [`crate::ReferenceDecider::decide_traced`] and
//! `decide_plain`: the reference semantics on encodings, one rule per connective, writing the
//! trace of sub-decisions. `decide` runs the fast evaluator (`fast.rs`) instead; a differential
//! test (`tests/differential.rs`) holds the two to the same `Outcome`, byte for byte. The
//! conformance suite judges by `decide` alone and shows this evaluator's trace in reports.

use crate::{
    Challenge, Outcome, Truth, UnknownReason, World, atomic,
    decider::REEVALUATION_FACTOR,
    hint,
    knowledge::Unknowns,
    onchain::{
        admissible_instance, is_claimable_challenge, not_of, or_challenge, there_exists_challenge,
    },
    trace::{self, Trace, TraceBuilder},
};
use ovm_core::{
    Bytes, ConnectiveKind, MAX_CHALLENGE_DEPTH, PredicateKind, Property, Registry, abi, depth,
    subst,
};
use std::collections::{HashMap, HashSet};

/// A 128-bit key of a property's canonical encoding, for the memo and the cycle stack: two
/// SipHash-1-3 hashes with per-call random keys (no input can aim at a collision).
#[derive(Clone)]
pub(crate) struct Keyer {
    a: std::hash::RandomState,
    b: std::hash::RandomState,
}

impl Keyer {
    pub(crate) fn new() -> Self {
        Self {
            a: std::hash::RandomState::new(),
            b: std::hash::RandomState::new(),
        }
    }

    pub(crate) fn key(&self, bytes: &[u8]) -> u128 {
        use std::hash::BuildHasher;
        (u128::from(self.a.hash_one(bytes)) << 64) | u128::from(self.b.hash_one(bytes))
    }
}

/// Decides `property` by the plain evaluator with at most `budget` distinct sub-decisions (and
/// [`REEVALUATION_FACTOR`] times that in all), with its trace when `traced`.
pub(crate) fn run(
    property: &Property,
    world: &World,
    budget: u64,
    traced: bool,
) -> (Outcome, Option<Trace>) {
    let mut eval = Evaluator {
        world,
        registry: &world.registry,
        keyer: Keyer::new(),
        on_stack: HashSet::new(),
        memo: HashMap::new(),
        distinct_left: budget,
        evaluations_left: budget.saturating_mul(REEVALUATION_FACTOR),
        exhausted: false,
        cycle_hits: 0,
        trace: traced.then(TraceBuilder::default),
    };
    let enc = property.encode();
    let d = depth(&enc, &world.registry);
    let outcome = if d > MAX_CHALLENGE_DEPTH {
        let outcome = Outcome::Unknown {
            why: UnknownReason::TooDeep(d),
            pin: None,
        };
        if let Some(t) = &mut eval.trace {
            t.enter(
                trace::predicate_label(&world.registry, property),
                format!("depth {d}"),
            );
            t.exit(trace::summarize_outcome(&world.registry, &outcome));
        }
        outcome
    } else {
        eval.property(property, enc).outcome
    };
    (outcome, eval.trace.map(TraceBuilder::finish))
}

/// A sub-decision: the outcome, and for a False `Not(q)` the witness of its (True) challenge
/// `q`, which becomes the witness of `Not(Not(q))`.
#[derive(Clone, Debug)]
struct Res {
    outcome: Outcome,
    challenge_witness: Option<Vec<Bytes>>,
}

impl Res {
    fn of(outcome: Outcome) -> Self {
        Self {
            outcome,
            challenge_witness: None,
        }
    }
}

/// Plain-evaluator helpers over [`Unknowns`] of [`Challenge`]s.
impl Unknowns<Challenge> {
    /// Records an Unknown child outcome with its own knowledge.
    fn record(&mut self, outcome: &Outcome, challenge: impl FnOnce() -> Challenge) {
        if let Outcome::Unknown { why, .. } = outcome {
            self.record_reason(why, challenge);
        }
    }

    /// The Unknown outcome. `challenge` is a disjunctive connective's one challenge.
    fn outcome(self, challenge: impl FnOnce() -> Challenge) -> Outcome {
        let (why, pin) = self.finish(challenge);
        Outcome::Unknown { why, pin }
    }

    /// [`Self::outcome`] for a conjunctive connective.
    fn conjunctive_outcome(self) -> Outcome {
        self.outcome(|| unreachable!("a conjunctive connective has no one challenge"))
    }
}

/// A cached result, with its trace node (as a leaf) when tracing and recorded.
type Memo = (Res, Option<trace::TraceNode>);

struct Evaluator<'w> {
    world: &'w World,
    registry: &'w Registry,
    keyer: Keyer,
    on_stack: HashSet<u128>,
    /// Every property evaluated so far (by key): its result when it met no cycle, else `None`
    /// (counted once, evaluated again).
    memo: HashMap<u128, Option<Box<Memo>>>,
    distinct_left: u64,
    evaluations_left: u64,
    exhausted: bool,
    cycle_hits: u64,
    trace: Option<TraceBuilder>,
}

impl Evaluator<'_> {
    /// Bytes where a property is expected: raw bytes are False; a property is decided.
    /// Returns the decoded property too.
    fn bytes(&mut self, bytes: &Bytes) -> (Option<Property>, Res) {
        match Property::decode_canonical(bytes) {
            Some(property) => {
                let res = self.property(&property, bytes.clone());
                (Some(property), res)
            }
            None => {
                if let Some(t) = &mut self.trace {
                    t.enter("raw", trace::short_hex(bytes));
                    t.exit(trace::summarize_outcome(
                        self.registry,
                        &Outcome::FALSE_UNCHALLENGEABLE,
                    ));
                }
                (None, Res::of(Outcome::FALSE_UNCHALLENGEABLE))
            }
        }
    }

    /// Decides `property`, whose canonical encoding is `enc`.
    fn property(&mut self, property: &Property, enc: Bytes) -> Res {
        let key = self.keyer.key(&enc);
        let seen = match self.memo.get(&key) {
            Some(Some(entry)) => {
                let (res, node) = &**entry;
                let res = res.clone();
                if let Some(t) = &mut self.trace {
                    t.attach(node.clone());
                }
                return res;
            }
            Some(None) => true,
            None => false,
        };
        if let Some(t) = &mut self.trace {
            t.enter(
                trace::predicate_label(self.registry, property),
                trace::summarize_inputs(self.registry, &property.inputs),
            );
        }
        let res = if self.on_stack.contains(&key) {
            self.cycle_hits += 1;
            Res::of(Outcome::Unknown {
                why: UnknownReason::Cycle,
                pin: None,
            })
        } else if self.evaluations_left == 0 || (!seen && self.distinct_left == 0) {
            self.exhausted = true;
            Res::of(Outcome::Unknown {
                why: UnknownReason::BudgetExhausted,
                pin: None,
            })
        } else {
            self.evaluations_left -= 1;
            if !seen {
                self.distinct_left -= 1;
                self.memo.insert(key, None);
            }
            let cycles_before = self.cycle_hits;
            self.on_stack.insert(key);
            let res = self.dispatch(property);
            self.on_stack.remove(&key);
            let cacheable = !self.exhausted && self.cycle_hits == cycles_before;
            let node = self.close(&res);
            if cacheable {
                self.memo.insert(key, Some(Box::new((res.clone(), node))));
            }
            return res;
        };
        self.close(&res);
        res
    }

    fn close(&mut self, res: &Res) -> Option<trace::TraceNode> {
        let registry = self.registry;
        self.trace
            .as_mut()
            .and_then(|t| t.exit(trace::summarize_outcome(registry, &res.outcome)))
    }

    fn dispatch(&mut self, property: &Property) -> Res {
        let inputs = &property.inputs;
        match self.registry.kind(property.predicate) {
            None => Res::of(Outcome::FALSE_UNCHALLENGEABLE),
            Some(PredicateKind::Atomic(kind)) => Res::of(self.atomic(kind, inputs)),
            Some(PredicateKind::Connective(kind)) => match (kind, &inputs[..]) {
                (ConnectiveKind::Not, [p]) => self.not(p),
                (ConnectiveKind::And, children) => Res::of(self.and(children)),
                (ConnectiveKind::Or, children) => Res::of(self.or(children)),
                (ConnectiveKind::ForAll, [_, name, body]) if self.is_invariant(name, body) => {
                    Res::of(self.invariant_for_all(&inputs[0], name, body))
                }
                (ConnectiveKind::ForAll, [hint, name, body]) => {
                    Res::of(self.for_all(hint, name, body))
                }
                (ConnectiveKind::ThereExists, [hint, name, body]) => {
                    Res::of(self.there_exists(hint, name, body))
                }
                // Not without exactly one input, a quantifier without exactly three: no
                // challenge fits, so the claim is True.
                _ => Res::of(Outcome::TRUE_BY_PERIOD),
            },
        }
    }

    fn atomic(&self, kind: ovm_core::AtomicKind, inputs: &[Bytes]) -> Outcome {
        match atomic::evaluate(kind, inputs, self.world) {
            Truth::True => Outcome::True {
                witness: Some(Vec::new()),
            },
            Truth::False => Outcome::FALSE_UNCHALLENGEABLE,
            Truth::Undefined => Outcome::Unknown {
                why: UnknownReason::NotWritten {
                    storage: inputs
                        .first()
                        .and_then(|word| abi::decode_address(word))
                        .unwrap_or_default(),
                    key: inputs.get(1).cloned().unwrap_or_default(),
                },
                pin: None,
            },
        }
    }

    /// `Not(p)`: ¬p; its one challenge is `p` itself (a property); `Not(raw)` is True.
    fn not(&mut self, p: &Bytes) -> Res {
        let (inner, res) = self.bytes(p);
        let Some(inner) = inner else {
            return Res::of(Outcome::TRUE_BY_PERIOD);
        };
        let challenge = || Challenge::new(Vec::new(), inner.clone());
        match res.outcome {
            Outcome::True { witness } => Res {
                outcome: Outcome::False {
                    challenge: Some(challenge()),
                },
                challenge_witness: witness,
            },
            // `Not(Not(q))` with `q` True: the witness of `q` (set only by a False Not).
            Outcome::False { .. } => Res::of(Outcome::True {
                witness: res.challenge_witness,
            }),
            Outcome::Unknown { why, .. } => {
                // Not(p) knows the swapped knowledge of p; its one challenge is p.
                let mut unknowns = Unknowns::disjunctive();
                unknowns.record_with(
                    why.known_not_false(),
                    why.known_not_true(),
                    &why,
                    None::<fn() -> Challenge>,
                );
                Res::of(unknowns.outcome(challenge))
            }
        }
    }

    /// `And(p0..pn)`: False at the lowest `i` whose `Not(p_i)` is True.
    fn and(&mut self, children: &[Bytes]) -> Outcome {
        let mut witnesses = Some(Vec::with_capacity(children.len()));
        let mut unknowns = Unknowns::conjunctive();
        for (i, p) in children.iter().enumerate() {
            let challenge = || {
                Challenge::new(
                    vec![abi::encode_uint(i as u64)],
                    not_of(self.registry, p.clone()),
                )
            };
            let (_, res) = self.bytes(p);
            match &res.outcome {
                Outcome::False { .. } => {
                    return Outcome::False {
                        challenge: Some(challenge()),
                    };
                }
                Outcome::True { witness } => match (&mut witnesses, witness) {
                    (Some(all), Some(w)) => all.push(abi::encode_bytes_array(w)),
                    _ => witnesses = None,
                },
                unknown => unknowns.record(unknown, challenge),
            }
        }
        if unknowns.any() {
            unknowns.conjunctive_outcome()
        } else {
            Outcome::True { witness: witnesses }
        }
    }

    /// `Or(p0..pn)`: True at the lowest `i` whose branch is True (witness-decidable first).
    fn or(&mut self, children: &[Bytes]) -> Outcome {
        let mut first_true = false;
        let mut unknowns = Unknowns::disjunctive();
        let registry = self.registry;
        for (i, p) in children.iter().enumerate() {
            let (_, res) = self.bytes(p);
            match res.outcome {
                Outcome::True {
                    witness: Some(mut w),
                } => {
                    w.insert(0, abi::encode_uint(i as u64));
                    return Outcome::True { witness: Some(w) };
                }
                Outcome::True { witness: None } => first_true = true,
                Outcome::False { .. } => {}
                unknown => {
                    unknowns.record(&unknown, || unreachable!("disjunctive: no pin candidates"))
                }
            }
        }
        if first_true {
            return Outcome::TRUE_BY_PERIOD;
        }
        let challenge = Challenge::new(Vec::new(), or_challenge(registry, children));
        if !is_claimable_challenge(registry, &challenge.property) {
            // No valid challenge exists.
            return Outcome::TRUE_BY_PERIOD;
        }
        if unknowns.any() {
            unknowns.outcome(|| challenge)
        } else {
            Outcome::False {
                challenge: Some(challenge),
            }
        }
    }

    /// `subst(b, x, 0x) == b`: the body does not mention the variable.
    fn is_invariant(&self, name: &[u8], body: &Bytes) -> bool {
        subst(body, name, &[], self.registry) == *body
    }

    /// The quantifier's domain before admissibility: the hint's candidates (none if the hint is
    /// unusable, with the reason), then `0x` and `enc(And())`, without repeats.
    fn domain(&self, hint: &[u8]) -> (Vec<Bytes>, Option<UnknownReason>) {
        let (candidates, failure) = match hint::candidates(hint, self.world) {
            Ok(candidates) => (candidates, None),
            Err(why) => (Vec::new(), Some(why)),
        };
        let fixed = [
            Bytes::new(),
            Property::new(
                self.registry.connective_address(ConnectiveKind::And),
                Vec::<Bytes>::new(),
            )
            .encode(),
        ];
        let mut seen = HashSet::new();
        let values = candidates
            .into_iter()
            .chain(fixed)
            .filter(|t| seen.insert(t.clone()))
            .collect();
        (values, failure)
    }

    /// The first admissible value of the domain (for a body that does not mention its
    /// variable, every admissible value gives the same instance).
    fn first_admissible(
        &self,
        kind: ConnectiveKind,
        hint: &[u8],
        name: &[u8],
        body: &[u8],
    ) -> Option<Bytes> {
        let (values, _) = self.domain(hint);
        values
            .into_iter()
            .find(|t| admissible_instance(self.registry, kind, name, body, t).is_some())
    }

    fn annotate(&mut self, name: &[u8], t: &[u8]) {
        if let Some(trace) = &mut self.trace {
            trace.annotate_last(format!(
                "{} = {}",
                String::from_utf8_lossy(name),
                trace::short_hex(t)
            ));
        }
    }

    /// `ForAll(h, x, b)` whose body does not mention `x`: decided as `b`.
    fn invariant_for_all(&mut self, hint: &[u8], name: &[u8], body: &Bytes) -> Outcome {
        let (_, res) = self.bytes(body);
        let t = self
            .first_admissible(ConnectiveKind::ForAll, hint, name, body)
            .unwrap_or_default();
        let challenge = || Challenge::new(vec![t.clone()], not_of(self.registry, body.clone()));
        match res.outcome {
            Outcome::True { .. } => Outcome::TRUE_BY_PERIOD,
            Outcome::False { .. } => Outcome::False {
                challenge: Some(challenge()),
            },
            unknown => {
                let mut unknowns = Unknowns::conjunctive();
                unknowns.record(&unknown, challenge);
                unknowns.conjunctive_outcome()
            }
        }
    }

    /// `ForAll(h, x, b)`: False at the first domain value `t` whose `Not(b[t])` is True.
    fn for_all(&mut self, hint: &[u8], name: &[u8], body: &Bytes) -> Outcome {
        let (values, failure) = self.domain(hint);
        let mut unknowns = Unknowns::conjunctive();
        if let Some(why) = &failure {
            unknowns.record_hint_failure(why);
        }
        for t in values {
            let Some(instance) =
                admissible_instance(self.registry, ConnectiveKind::ForAll, name, body, &t)
            else {
                continue;
            };
            let (_, res) = self.bytes(&instance);
            self.annotate(name, &t);
            let registry = self.registry;
            let challenge = || Challenge::new(vec![t.clone()], not_of(registry, instance.clone()));
            match &res.outcome {
                Outcome::False { .. } => {
                    return Outcome::False {
                        challenge: Some(challenge()),
                    };
                }
                Outcome::True { .. } => {}
                unknown => unknowns.record(unknown, challenge),
            }
        }
        if unknowns.any() {
            unknowns.conjunctive_outcome()
        } else {
            Outcome::TRUE_BY_PERIOD
        }
    }

    /// `ThereExists(h, x, b)`: True at the first domain value `t` whose `b[t]` is True
    /// (witness-decidable first); False when its challenge `ForAll(h, x, Not(b))` is True.
    fn there_exists(&mut self, hint: &Bytes, name: &Bytes, body: &Bytes) -> Outcome {
        let registry = self.registry;
        let challenge = || {
            Challenge::new(
                Vec::new(),
                there_exists_challenge(registry, hint, name, body),
            )
        };
        let claimable = || is_claimable_challenge(registry, &challenge().property);
        if self.is_invariant(name, body) {
            let (_, res) = self.bytes(body);
            return match res.outcome {
                Outcome::True { witness } => {
                    let t = self.first_admissible(ConnectiveKind::ThereExists, hint, name, body);
                    Outcome::True {
                        witness: witness.zip(t).map(|(mut w, t)| {
                            w.insert(0, t);
                            w
                        }),
                    }
                }
                _ if !claimable() => Outcome::TRUE_BY_PERIOD,
                Outcome::False { .. } => Outcome::False {
                    challenge: Some(challenge()),
                },
                unknown => {
                    let mut unknowns = Unknowns::disjunctive();
                    unknowns.record(&unknown, || unreachable!("disjunctive: no pin candidates"));
                    unknowns.outcome(challenge)
                }
            };
        }
        let (values, failure) = self.domain(hint);
        let mut first_true = false;
        let mut unknowns = Unknowns::disjunctive();
        if let Some(why) = &failure {
            unknowns.record_hint_failure(why);
        }
        for t in values {
            let Some(instance) =
                admissible_instance(registry, ConnectiveKind::ThereExists, name, body, &t)
            else {
                continue;
            };
            let (_, res) = self.bytes(&instance);
            self.annotate(name, &t);
            match res.outcome {
                Outcome::True {
                    witness: Some(mut w),
                } => {
                    w.insert(0, t);
                    return Outcome::True { witness: Some(w) };
                }
                Outcome::True { witness: None } => first_true = true,
                Outcome::False { .. } => {}
                unknown => {
                    unknowns.record(&unknown, || unreachable!("disjunctive: no pin candidates"))
                }
            }
        }
        if first_true || !claimable() {
            return Outcome::TRUE_BY_PERIOD;
        }
        // An unwritten STORED key counts as one instance of undefined truth: the challenge
        // `ForAll(h, x, Not(b))` reads the same storage, so it can pin this claim.
        if unknowns.any() {
            unknowns.outcome(challenge)
        } else {
            Outcome::False {
                challenge: Some(challenge()),
            }
        }
    }
}
