//! The fast evaluator behind [`crate::ReferenceDecider::decide`]: the same rules, in the same
//! order, as the plain evaluator of `plain.rs` (which also writes traces), but on decoded
//! trees ([`crate::tree`]): a claim is decoded once, each quantifier instance is built by
//! substituting into the decoded body, a challenge or pin is only named (index, value) and built
//! for the claim asked about, and the memo and cycle stack are keyed by 128-bit structural
//! keys. A differential test
//! (`tests/differential.rs`) holds the two to the same `Outcome`, byte for byte.

use crate::key_table::KeyTable;
use crate::{
    Challenge, Outcome, Truth, UnknownReason, World, atomic, hint,
    knowledge::Unknowns,
    tree::{
        FoldState, Input, Inputs, KeyState, Keyer, Node, TooDeep, Value, input_depth, mentions,
        subst,
    },
};
use ovm_core::{
    Bytes, ConnectiveKind, MAX_CHALLENGE_DEPTH, PredicateKind, Property, Registry, abi,
    placeholder::is_placeholder,
};
use std::collections::HashSet;
use std::rc::Rc;

/// Which challenge a False or pinned connective has: its one challenge (Not, Or, ThereExists),
/// index `i` (And) or value `t` (ForAll). The challenge itself is built only for the claim
/// asked about: a parent never looks into a child's challenge or pin.
#[derive(Clone, Debug)]
enum Pick {
    One,
    Index(usize),
    Value(Bytes),
}

#[derive(Clone, Debug)]
enum Out {
    True {
        witness: Option<Vec<Bytes>>,
    },
    False {
        challenge: Option<Pick>,
    },
    Unknown {
        why: UnknownReason,
        pin: Option<Pick>,
    },
}

/// A sub-decision (see the plain evaluator's `Res`).
#[derive(Debug)]
struct Res {
    outcome: Out,
    challenge_witness: Option<Vec<Bytes>>,
}

fn res(outcome: Out) -> Rc<Res> {
    Rc::new(Res {
        outcome,
        challenge_witness: None,
    })
}

/// `decide` on trees; `budget` distinct sub-decisions, `evaluations` in all.
pub(crate) fn decide(property: &Property, world: &World, budget: u64, evaluations: u64) -> Outcome {
    let registry = &world.registry;
    let root = match Node::from_property(property, registry) {
        Ok(root) if root.depth <= MAX_CHALLENGE_DEPTH => root,
        Ok(root) => {
            return Outcome::Unknown {
                why: UnknownReason::TooDeep(root.depth),
                pin: None,
            };
        }
        Err(TooDeep) => {
            return Outcome::Unknown {
                why: UnknownReason::TooDeep(ovm_core::depth::DEPTH_CUTOFF),
                pin: None,
            };
        }
    };
    let mut eval = Eval {
        world,
        registry,
        keyer: Keyer::new(),
        on_stack: HashSet::default(),
        memo: KeyTable::default(),
        distinct_left: budget,
        evaluations_left: evaluations,
        exhausted: false,
        cycle_hits: 0,
        true_atomic: CONSTANTS.with(|c| c.0.clone()),
        false_plain: CONSTANTS.with(|c| c.1.clone()),
        true_by_period: CONSTANTS.with(|c| c.2.clone()),
        not_of_true_atomic: CONSTANTS.with(|c| c.3.clone()),
        and_empty: None,
        or_true: Vec::new(),
    };
    let result = eval.root(&root);
    eval.to_outcome(&root, &result.outcome)
}

thread_local! {
    /// The results shared by many sub-decisions: an atomic's True (witness `[]`), a plain False,
    /// True by the period.
    static CONSTANTS: (Rc<Res>, Rc<Res>, Rc<Res>, Rc<Res>) = (
        res(Out::True { witness: Some(Vec::new()) }),
        res(Out::False { challenge: None }),
        res(Out::True { witness: None }),
        // Not(q) with q True and witness [].
        Rc::new(Res {
            outcome: Out::False { challenge: Some(Pick::One) },
            challenge_witness: Some(Vec::new()),
        }),
    );
}

struct Eval<'w> {
    world: &'w World,
    registry: &'w Registry,
    keyer: Keyer,
    /// The keys of the connectives under evaluation (re-entering one is a cycle).
    on_stack: HashSet<u128, KeyState>,
    memo: KeyTable<Option<Rc<Res>>>,
    distinct_left: u64,
    evaluations_left: u64,
    exhausted: bool,
    cycle_hits: u64,
    true_atomic: Rc<Res>,
    false_plain: Rc<Res>,
    true_by_period: Rc<Res>,
    not_of_true_atomic: Rc<Res>,
    and_empty: Option<Bytes>,
    or_true: Vec<Option<Rc<Res>>>,
}

/// `abi(uint256 i)` for the first [`INDEX_WORDS`] indices, without allocating.
const INDEX_WORDS: usize = 64;

static INDEX_TABLE: [[u8; 32]; INDEX_WORDS] = {
    let mut table = [[0u8; 32]; INDEX_WORDS];
    let mut i = 0;
    while i < INDEX_WORDS {
        table[i][31] = i as u8;
        i += 1;
    }
    table
};

/// `abi(uint256 i)`.
fn index_word(i: usize) -> Bytes {
    if i < INDEX_WORDS {
        Bytes::from_static(&INDEX_TABLE[i])
    } else {
        abi::encode_uint(i as u64)
    }
}

/// The challenge inputs `[abi(i)]`.
fn index(i: usize) -> Vec<Bytes> {
    vec![index_word(i)]
}

impl Eval<'_> {
    fn connective(&self, kind: ConnectiveKind) -> (ovm_core::Address, Option<PredicateKind>) {
        let address = self.registry.connective_address(kind);
        (address, Some(PredicateKind::Connective(kind)))
    }

    /// The outcome of the claim `node` from its result: the picked challenge or pin built.
    fn to_outcome(&self, node: &Rc<Node>, outcome: &Out) -> Outcome {
        match outcome {
            Out::True { witness } => Outcome::True {
                witness: witness.clone(),
            },
            Out::False { challenge } => Outcome::False {
                challenge: challenge.as_ref().map(|pick| self.challenge(node, pick)),
            },
            Out::Unknown { why, pin } => Outcome::Unknown {
                why: why.clone(),
                pin: pin.as_ref().map(|pick| self.challenge(node, pick)),
            },
        }
    }

    /// The challenge `pick` names for the connective `node` (§4).
    fn challenge(&self, node: &Node, pick: &Pick) -> Challenge {
        let kind = self.registry.connective(node.predicate);
        let (inputs, property) = match (kind, pick) {
            (Some(ConnectiveKind::Not), Pick::One) => (Vec::new(), node.inputs[0].clone()),
            (Some(ConnectiveKind::And), Pick::Index(i)) => {
                (index(*i), Input::Node(self.not_of(node.inputs[*i].clone())))
            }
            (Some(ConnectiveKind::Or), Pick::One) => {
                (Vec::new(), Input::Node(self.or_challenge(&node.inputs)))
            }
            (Some(ConnectiveKind::ThereExists), Pick::One) => {
                (Vec::new(), Input::Node(self.there_exists_challenge(node)))
            }
            (Some(ConnectiveKind::ForAll), Pick::Value(t)) => {
                let name = node.raw(1);
                let body = &node.inputs[2];
                let instance = if mentions(body, name) {
                    subst(body, name, &Value::new(t.clone()), self.registry)
                        .expect("an admissible value's instance")
                } else {
                    body.clone()
                };
                (vec![t.clone()], Input::Node(self.not_of(instance)))
            }
            _ => unreachable!("a {kind:?} connective has no {pick:?} challenge"),
        };
        let property = match property {
            Input::Node(node) => node.to_property(),
            Input::Raw(_) => unreachable!("Not(raw) is True"),
        };
        Challenge::new(inputs, property)
    }

    /// `Not(input)`.
    fn not_of(&self, input: Input) -> Rc<Node> {
        let (address, kind) = self.connective(ConnectiveKind::Not);
        Rc::new(Node::new(address, kind, Inputs::one(input)))
    }

    fn input(&mut self, input: &Input) -> Rc<Res> {
        match input {
            Input::Raw(_) => self.false_plain.clone(),
            Input::Node(node) => self.node(node),
        }
    }

    /// The claim itself: as [`Self::node`], but an atomic root (nothing below it can re-enter
    /// it or be cached for it) needs no key.
    fn root(&mut self, node: &Rc<Node>) -> Rc<Res> {
        if matches!(node.kind, Some(PredicateKind::Connective(_))) {
            return self.node(node);
        }
        // Nothing is spent yet (and the evaluations are a multiple of the bound): only a zero
        // bound stops the root.
        if self.distinct_left == 0 {
            return res(Out::Unknown {
                why: UnknownReason::BudgetExhausted,
                pin: None,
            });
        }
        self.evaluations_left = self.evaluations_left.saturating_sub(1);
        self.distinct_left -= 1;
        self.dispatch(node)
    }

    fn node(&mut self, node: &Rc<Node>) -> Rc<Res> {
        let key = node.key(&self.keyer);
        let seen = match self.memo.get(key) {
            Some(Some(res)) => return res.clone(),
            Some(None) => true,
            None => false,
        };
        if self.on_stack.contains(&key) {
            self.cycle_hits += 1;
            return res(Out::Unknown {
                why: UnknownReason::Cycle,
                pin: None,
            });
        }
        if self.evaluations_left == 0 || (!seen && self.distinct_left == 0) {
            self.exhausted = true;
            return res(Out::Unknown {
                why: UnknownReason::BudgetExhausted,
                pin: None,
            });
        }
        self.evaluations_left -= 1;
        if !seen {
            // Marked seen when it finishes (re-entering it meanwhile is a cycle anyway).
            self.distinct_left -= 1;
        }
        let cycles_before = self.cycle_hits;
        // Atomics and unregistered predicates evaluate nothing below them: no stack entry.
        let leaf = !matches!(node.kind, Some(PredicateKind::Connective(_)));
        if !leaf {
            self.on_stack.insert(key);
        }
        let result = self.dispatch(node);
        if !leaf {
            self.on_stack.remove(&key);
        }
        let cacheable = !self.exhausted && self.cycle_hits == cycles_before;
        self.memo.insert(key, cacheable.then(|| result.clone()));
        result
    }

    fn dispatch(&mut self, node: &Rc<Node>) -> Rc<Res> {
        let inputs = &node.inputs;
        match node.kind {
            None => self.false_plain.clone(),
            Some(PredicateKind::Atomic(kind)) => self.atomic(kind, node),
            Some(PredicateKind::Connective(kind)) => match (kind, inputs.len()) {
                (ConnectiveKind::Not, 1) => self.not(&inputs[0]),
                (ConnectiveKind::And, _) => self.and(inputs),
                (ConnectiveKind::Or, _) => self.or(inputs),
                (ConnectiveKind::ForAll, 3) if !mentions(&inputs[2], node.raw(1)) => {
                    self.invariant_for_all(node)
                }
                (ConnectiveKind::ForAll, 3) => self.for_all(node),
                (ConnectiveKind::ThereExists, 3) => self.there_exists(node),
                _ => self.true_by_period.clone(),
            },
        }
    }

    fn atomic(&self, kind: ovm_core::AtomicKind, node: &Node) -> Rc<Res> {
        let inputs = &node.inputs;
        match atomic::evaluate(kind, inputs, self.world) {
            Truth::True => self.true_atomic.clone(),
            Truth::False => self.false_plain.clone(),
            Truth::Undefined => res(Out::Unknown {
                why: UnknownReason::NotWritten {
                    storage: inputs
                        .first()
                        .and_then(|word| abi::decode_address(word.as_ref()))
                        .unwrap_or_default(),
                    key: node.inputs.get(1).map(Input::to_bytes).unwrap_or_default(),
                },
                pin: None,
            }),
        }
    }

    fn not(&mut self, p: &Input) -> Rc<Res> {
        let Input::Node(inner) = p else {
            return self.true_by_period.clone();
        };
        let r = self.node(inner);
        match &r.outcome {
            Out::True { witness: Some(w) } if w.is_empty() => self.not_of_true_atomic.clone(),
            Out::True { witness } => Rc::new(Res {
                outcome: Out::False {
                    challenge: Some(Pick::One),
                },
                challenge_witness: witness.clone(),
            }),
            Out::False { .. } => match &r.challenge_witness {
                None => self.true_by_period.clone(),
                Some(w) if w.is_empty() => self.true_atomic.clone(),
                Some(w) => res(Out::True {
                    witness: Some(w.clone()),
                }),
            },
            Out::Unknown { why, .. } => {
                let mut unknowns = Unknowns::disjunctive();
                unknowns.record_with(
                    why.known_not_false(),
                    why.known_not_true(),
                    why,
                    None::<fn() -> Pick>,
                );
                let (why, pin) = unknowns.finish(|| Pick::One);
                res(Out::Unknown { why, pin })
            }
        }
    }

    fn and(&mut self, children: &[Input]) -> Rc<Res> {
        let mut witnesses = Some(Vec::with_capacity(children.len()));
        let mut unknowns = Unknowns::conjunctive();
        for (i, p) in children.iter().enumerate() {
            let r = self.input(p);
            match &r.outcome {
                Out::False { .. } => {
                    return res(Out::False {
                        challenge: Some(Pick::Index(i)),
                    });
                }
                Out::True { witness } => match (&mut witnesses, witness) {
                    (Some(all), Some(w)) => all.push(abi::encode_bytes_array(w)),
                    _ => witnesses = None,
                },
                Out::Unknown { why, .. } => unknowns.record_reason(why, || Pick::Index(i)),
            }
        }
        if unknowns.any() {
            let (why, pin) = unknowns.finish(|| unreachable!("conjunctive"));
            res(Out::Unknown { why, pin })
        } else {
            res(Out::True { witness: witnesses })
        }
    }

    /// Or's one challenge `And(Not(p0), …, Not(pn))`.
    fn or_challenge(&self, children: &[Input]) -> Rc<Node> {
        let nots: Vec<Input> = children
            .iter()
            .map(|p| Input::Node(self.not_of(p.clone())))
            .collect();
        let (address, kind) = self.connective(ConnectiveKind::And);
        Rc::new(Node::new(address, kind, nots))
    }

    /// `True { witness: [abi(i)] }`, shared for small `i`.
    fn or_true_at(&mut self, i: usize) -> Rc<Res> {
        if i >= INDEX_WORDS {
            return res(Out::True {
                witness: Some(vec![index_word(i)]),
            });
        }
        if self.or_true.len() <= i {
            self.or_true.resize(i + 1, None);
        }
        self.or_true[i]
            .get_or_insert_with(|| {
                res(Out::True {
                    witness: Some(vec![index_word(i)]),
                })
            })
            .clone()
    }

    fn or(&mut self, children: &[Input]) -> Rc<Res> {
        let mut first_true = false;
        let mut unknowns = Unknowns::disjunctive();
        for (i, p) in children.iter().enumerate() {
            let r = self.input(p);
            match &r.outcome {
                Out::True { witness: Some(w) } if w.is_empty() => return self.or_true_at(i),
                Out::True { witness: Some(w) } => {
                    let mut witness = Vec::with_capacity(w.len() + 1);
                    witness.push(index_word(i));
                    witness.extend(w.iter().cloned());
                    return res(Out::True {
                        witness: Some(witness),
                    });
                }
                Out::True { witness: None } => first_true = true,
                Out::False { .. } => {}
                Out::Unknown { why, .. } => {
                    unknowns.record_reason(why, || unreachable!("disjunctive"));
                }
            }
        }
        if first_true {
            return self.true_by_period.clone();
        }
        // depth(And(Not(p0), …)) = 2 + max depth(p_i), or 1 for And().
        let claimable = children
            .iter()
            .map(input_depth)
            .max()
            .is_none_or(|d| d + 2 <= MAX_CHALLENGE_DEPTH);
        if !claimable {
            return self.true_by_period.clone();
        }
        if unknowns.any() {
            let (why, pin) = unknowns.finish(|| Pick::One);
            res(Out::Unknown { why, pin })
        } else {
            res(Out::False {
                challenge: Some(Pick::One),
            })
        }
    }

    fn and_empty(&mut self) -> Bytes {
        let registry = self.registry;
        self.and_empty
            .get_or_insert_with(|| {
                crate::tree::encode(registry.connective_address(ConnectiveKind::And), &[])
            })
            .clone()
    }

    /// The domain before admissibility (see the plain evaluator).
    fn domain(&mut self, hint: &[u8]) -> (Vec<Bytes>, Option<UnknownReason>) {
        let (candidates, failure) = match hint::candidates(hint, self.world) {
            Ok(candidates) => (candidates, None),
            Err(why) => (Vec::new(), Some(why)),
        };
        let mut values = candidates;
        values.push(Bytes::new());
        values.push(self.and_empty());
        let mut seen: HashSet<&[u8], FoldState> =
            HashSet::with_capacity_and_hasher(values.len(), FoldState::default());
        let keep: Vec<bool> = values.iter().map(|t| seen.insert(t.as_ref())).collect();
        if keep.iter().all(|&k| k) {
            return (values, failure);
        }
        let mut keep = keep.into_iter();
        values.retain(|_| keep.next().unwrap_or(false));
        (values, failure)
    }

    /// The instance `subst(b, x, t)` if `t` is admissible for quantifier `kind`.
    fn instance(
        &self,
        kind: ConnectiveKind,
        name: &[u8],
        body: &Input,
        t: &Value,
    ) -> Option<Input> {
        if is_placeholder(&t.bytes) {
            return None;
        }
        let instance = subst(body, name, t, self.registry).ok()?;
        let nots = if kind == ConnectiveKind::ThereExists {
            2
        } else {
            1
        };
        let depth = match &instance {
            Input::Raw(_) => 0,
            Input::Node(node) => node.depth,
        };
        (depth + nots <= MAX_CHALLENGE_DEPTH).then_some(instance)
    }

    /// The first admissible value of an invariant body's domain.
    fn first_admissible(&mut self, kind: ConnectiveKind, node: &Node) -> Option<Bytes> {
        let (values, _) = self.domain(node.raw(0));
        let nots = if kind == ConnectiveKind::ThereExists {
            2
        } else {
            1
        };
        let depth = match &node.inputs[2] {
            Input::Raw(_) => 0,
            Input::Node(body) => body.depth,
        };
        values
            .into_iter()
            .find(|t| !is_placeholder(t) && depth + nots <= MAX_CHALLENGE_DEPTH)
    }

    fn invariant_for_all(&mut self, node: &Rc<Node>) -> Rc<Res> {
        let body = &node.inputs[2];
        let r = self.input(body);
        let t = self
            .first_admissible(ConnectiveKind::ForAll, node)
            .unwrap_or_default();
        let challenge = || Pick::Value(t.clone());
        match &r.outcome {
            Out::True { .. } => self.true_by_period.clone(),
            Out::False { .. } => res(Out::False {
                challenge: Some(challenge()),
            }),
            Out::Unknown { why, .. } => {
                let mut unknowns = Unknowns::conjunctive();
                unknowns.record_reason(why, challenge);
                let (why, pin) = unknowns.finish(|| unreachable!("conjunctive"));
                res(Out::Unknown { why, pin })
            }
        }
    }

    fn for_all(&mut self, node: &Rc<Node>) -> Rc<Res> {
        let name = node.raw(1).clone();
        let body = &node.inputs[2];
        let (values, failure) = self.domain(node.raw(0));
        self.memo.reserve(values.len());
        let mut unknowns = Unknowns::conjunctive();
        if let Some(why) = &failure {
            unknowns.record_hint_failure(why);
        }
        for t in values {
            let t = Value::new(t);
            let Some(instance) = self.instance(ConnectiveKind::ForAll, &name, body, &t) else {
                continue;
            };
            let r = self.input(&instance);
            match &r.outcome {
                Out::False { .. } => {
                    return res(Out::False {
                        challenge: Some(Pick::Value(t.bytes)),
                    });
                }
                Out::True { .. } => {}
                Out::Unknown { why, .. } => {
                    unknowns.record_reason(why, || Pick::Value(t.bytes.clone()));
                }
            }
        }
        if unknowns.any() {
            let (why, pin) = unknowns.finish(|| unreachable!("conjunctive"));
            res(Out::Unknown { why, pin })
        } else {
            self.true_by_period.clone()
        }
    }

    /// Whether ThereExists's one challenge is claimable: `depth(ForAll(h, x, Not(b)))` is
    /// `2 + depth(b)`.
    fn there_exists_claimable(node: &Node) -> bool {
        input_depth(&node.inputs[2]) + 2 <= MAX_CHALLENGE_DEPTH
    }

    /// ThereExists's one challenge `ForAll(h, x, Not(b))`.
    fn there_exists_challenge(&self, node: &Node) -> Rc<Node> {
        let not_body = self.not_of(node.inputs[2].clone());
        let (address, kind) = self.connective(ConnectiveKind::ForAll);
        Rc::new(Node::new(
            address,
            kind,
            vec![
                Input::Raw(node.raw(0).clone()),
                Input::Raw(node.raw(1).clone()),
                Input::Node(not_body),
            ],
        ))
    }

    fn there_exists(&mut self, node: &Rc<Node>) -> Rc<Res> {
        let name = node.raw(1).clone();
        let body = &node.inputs[2];
        if !mentions(body, &name) {
            let r = self.input(body);
            return match &r.outcome {
                Out::True { witness } => {
                    let t = self.first_admissible(ConnectiveKind::ThereExists, node);
                    res(Out::True {
                        witness: witness.as_ref().zip(t).map(|(w, t)| {
                            let mut out = Vec::with_capacity(w.len() + 1);
                            out.push(t);
                            out.extend(w.iter().cloned());
                            out
                        }),
                    })
                }
                outcome => {
                    let claimable = Self::there_exists_claimable(node);
                    match outcome {
                        _ if !claimable => self.true_by_period.clone(),
                        Out::False { .. } => res(Out::False {
                            challenge: Some(Pick::One),
                        }),
                        Out::Unknown { why, .. } => {
                            let mut unknowns = Unknowns::disjunctive();
                            unknowns.record_reason(why, || unreachable!("disjunctive"));
                            let (why, pin) = unknowns.finish(|| Pick::One);
                            res(Out::Unknown { why, pin })
                        }
                        Out::True { .. } => unreachable!(),
                    }
                }
            };
        }
        let (values, failure) = self.domain(node.raw(0));
        self.memo.reserve(values.len());
        let mut first_true = false;
        let mut unknowns = Unknowns::disjunctive();
        if let Some(why) = &failure {
            unknowns.record_hint_failure(why);
        }
        for t in values {
            let t = Value::new(t);
            let Some(instance) = self.instance(ConnectiveKind::ThereExists, &name, body, &t) else {
                continue;
            };
            let r = self.input(&instance);
            match &r.outcome {
                Out::True { witness: Some(w) } => {
                    let mut witness = Vec::with_capacity(w.len() + 1);
                    witness.push(t.bytes);
                    witness.extend(w.iter().cloned());
                    return res(Out::True {
                        witness: Some(witness),
                    });
                }
                Out::True { witness: None } => first_true = true,
                Out::False { .. } => {}
                Out::Unknown { why, .. } => {
                    unknowns.record_reason(why, || unreachable!("disjunctive"));
                }
            }
        }
        if first_true || !Self::there_exists_claimable(node) {
            return self.true_by_period.clone();
        }
        if unknowns.any() {
            let (why, pin) = unknowns.finish(|| Pick::One);
            res(Out::Unknown { why, pin })
        } else {
            res(Out::False {
                challenge: Some(Pick::One),
            })
        }
    }
}
