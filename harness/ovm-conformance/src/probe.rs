//! Locating a divergence in the property tree: walk the property, ask the decider for each
//! node's outcome and the contracts the one question that outcome implies (`decide` and the
//! atomic entry points for an atomic, `decideWithWitness` for a witness, `isValidChallenge`
//! for a challenge or a pin), and report the node that best explains the divergence
//! ([`ProbeNode::first_divergent`]).

use crate::{
    RunError,
    ctx::{
        ChainReading, chain_decide_with_witness, chain_is_valid_challenge, chain_truth, show_view,
    },
    errors::ErrorMode,
    kinds::view_class,
    report::{DivergenceClass, NodeCause, NodeView},
    views::Namer,
};
use ovm_chain::Chain;
use ovm_core::{ConnectiveKind, PredicateKind, Property};
use ovm_decider::{Decider, Outcome, Truth, World};

/// At most this many nodes are probed (each costs a decision and a few calls).
pub const MAX_PROBED_NODES: usize = 96;

/// How a probed node disagrees, most telling first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Disagreement {
    /// The contracts reject the challenge or pin the decider derives here. `isValidChallenge`
    /// checks the challenge's form, not its children's truth, so this node is a cause of its
    /// own, whatever lies below it.
    RejectedChallenge,
    /// Another verdict: a truth value, a witness or an outcome's shape. It may follow from a
    /// child's disagreement (a witness is checked child by child).
    Verdict,
    /// Only an error differs: an atomic's entry point reverts with another error than the
    /// spec's, where the truth agrees.
    ErrorIdentity,
}

/// One probed node.
#[derive(Clone, Debug)]
pub struct ProbeNode {
    /// The node's view.
    pub view: NodeView,
    /// How the decider and the contracts disagree at this node (`None`: they agree).
    pub disagreement: Option<Disagreement>,
    /// The probed sub-properties.
    pub children: Vec<ProbeNode>,
}

impl ProbeNode {
    /// The node that best explains the disagreement, ranked:
    /// 1. a rejected challenge or pin, the shallowest first (it is wrong whatever its
    ///    children are);
    /// 2. else a verdict disagreement: in pre-order, the first one none of whose descendants
    ///    disagrees on a verdict (the deepest point of the first disagreeing path);
    /// 3. else an error-identity difference, the first in pre-order.
    pub fn first_divergent(&self) -> Option<&NodeView> {
        self.shallowest(Disagreement::RejectedChallenge)
            .map(|(node, _)| node)
            .or_else(|| self.first_verdict())
            .or_else(|| {
                self.shallowest(Disagreement::ErrorIdentity)
                    .map(|(node, _)| node)
            })
    }

    /// The shallowest node disagreeing as `kind` (the first in pre-order among equals), with
    /// its depth.
    fn shallowest(&self, kind: Disagreement) -> Option<(&NodeView, usize)> {
        if self.disagreement == Some(kind) {
            return Some((&self.view, 0));
        }
        self.children
            .iter()
            .filter_map(|child| child.shallowest(kind))
            .min_by_key(|(_, depth)| *depth)
            .map(|(node, depth)| (node, depth + 1))
    }

    /// In pre-order, the first verdict disagreement with no verdict disagreement below it.
    fn first_verdict(&self) -> Option<&NodeView> {
        self.children
            .iter()
            .find_map(ProbeNode::first_verdict)
            .or_else(|| {
                matches!(
                    self.disagreement,
                    Some(Disagreement::Verdict | Disagreement::RejectedChallenge)
                )
                .then_some(&self.view)
            })
    }

    /// The whole probe, one node per line, indented.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: usize) {
        let mark = if self.disagreement.is_none() {
            " "
        } else {
            "✗"
        };
        out.push_str(&format!(
            "{mark} {:indent$}{}  {}\n{:indent2$}decider: {}\n{:indent2$}chain:   {}\n",
            "",
            self.view.path,
            self.view.property,
            "",
            self.view.decider,
            "",
            self.view.chain,
            indent = depth * 2,
            indent2 = depth * 2 + 4,
        ));
        for child in &self.children {
            child.render_into(out, depth + 1);
        }
    }
}

/// Probes `property` (named `path`) in `world` on `chain`, comparing errors as `errors`
/// does; the chain's state is left as it was (apart from its transaction log).
pub fn probe<D: Decider + ?Sized>(
    chain: &mut Chain,
    world: &World,
    decider: &D,
    namer: &Namer,
    errors: &ErrorMode,
    property: &Property,
    path: &str,
) -> Result<ProbeNode, RunError> {
    let mut left = MAX_PROBED_NODES;
    Prober {
        chain,
        world,
        decider,
        namer,
        errors,
        left: &mut left,
    }
    .node(property, path.to_owned())
}

struct Prober<'a, D: ?Sized> {
    chain: &'a mut Chain,
    world: &'a World,
    decider: &'a D,
    namer: &'a Namer,
    errors: &'a ErrorMode,
    left: &'a mut usize,
}

/// What one node's question showed: how it disagrees (if it does), with the cause, and the
/// chain's answer as shown.
struct Answer {
    disagreement: Option<(Disagreement, NodeCause)>,
    chain: String,
}

impl Answer {
    fn new(disagreement: Option<(Disagreement, DivergenceClass, String)>, chain: String) -> Self {
        Self {
            disagreement: disagreement
                .map(|(kind, class, subject)| (kind, NodeCause { class, subject })),
            chain,
        }
    }
}

impl<D: Decider + ?Sized> Prober<'_, D> {
    fn node(&mut self, p: &Property, path: String) -> Result<ProbeNode, RunError> {
        *self.left = self.left.saturating_sub(1);
        let registry = &self.world.registry;
        let outcome = self.decider.decide(p, self.world);
        let name = registry
            .kind(p.predicate)
            .map_or("unregistered", |k| k.name());
        let (answer, follow) = match registry.kind(p.predicate) {
            None => (
                Answer::new(
                    (outcome != Outcome::FALSE_UNCHALLENGEABLE).then(|| {
                        (
                            Disagreement::Verdict,
                            DivergenceClass::OutcomeFlip,
                            name.to_owned(),
                        )
                    }),
                    "unregistered predicate: False (cannot be claimed)".to_owned(),
                ),
                None,
            ),
            Some(PredicateKind::Atomic(_)) => {
                let truth = chain_truth(self.chain, p)?;
                let disagreement = match truth.read(self.errors) {
                    ChainReading::Truth(t) if t == outcome.truth() => None,
                    ChainReading::OtherError(t, entry) if t == outcome.truth() => Some((
                        Disagreement::ErrorIdentity,
                        DivergenceClass::WrongError,
                        format!("{name}.{entry}"),
                    )),
                    _ => Some((
                        Disagreement::Verdict,
                        DivergenceClass::OutcomeFlip,
                        name.to_owned(),
                    )),
                };
                (Answer::new(disagreement, truth.show(self.namer)), None)
            }
            Some(PredicateKind::Connective(kind)) => match &outcome {
                Outcome::True { witness: Some(w) } => {
                    let r = chain_decide_with_witness(self.chain, p, w)?;
                    let shown = format!(
                        "decideWithWitness(decider's witness) = {}",
                        show_view(self.namer, &r)
                    );
                    let disagreement = (r != Ok(true)).then(|| {
                        (
                            Disagreement::Verdict,
                            view_class(&r, DivergenceClass::WitnessRejected),
                            format!("{name}.decideWithWitness"),
                        )
                    });
                    (Answer::new(disagreement, shown), None)
                }
                Outcome::False { challenge: Some(c) } | Outcome::Unknown { pin: Some(c), .. } => {
                    let r = chain_is_valid_challenge(self.chain, p, &c.inputs, &c.property)?;
                    let what = if outcome.is_false() {
                        "challenge"
                    } else {
                        "pin"
                    };
                    let shown = format!(
                        "isValidChallenge(decider's {what}) = {}",
                        show_view(self.namer, &r)
                    );
                    let disagreement = (r != Ok(true)).then(|| {
                        (
                            Disagreement::RejectedChallenge,
                            view_class(&r, DivergenceClass::ChallengeRejectedOnChain),
                            format!("{name}.isValidChallenge"),
                        )
                    });
                    (
                        Answer::new(disagreement, shown),
                        Some((what, c.property.clone())),
                    )
                }
                Outcome::False { challenge: None } => (
                    Answer::new(
                        Some((
                            Disagreement::Verdict,
                            DivergenceClass::OutcomeShape,
                            name.to_owned(),
                        )),
                        format!(
                            "a {} is always challengeable: False needs a challenge",
                            kind.name()
                        ),
                    ),
                    None,
                ),
                _ => (
                    Answer::new(
                        None,
                        "(no single on-chain question for this outcome)".to_owned(),
                    ),
                    None,
                ),
            },
        };
        let mut children = Vec::new();
        let mut seen = Vec::new();
        if let Some(ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or) =
            registry.connective(p.predicate)
        {
            for (i, input) in p.inputs.iter().enumerate() {
                if *self.left == 0 {
                    break;
                }
                if let Some(child) = Property::decode_canonical(input) {
                    seen.push(child.clone());
                    children.push(self.node(&child, format!("{path}.{name}[{i}]"))?);
                }
            }
        }
        if let Some((what, q)) = follow
            && !seen.contains(&q)
            && *self.left > 0
        {
            children.push(self.node(&q, format!("{path}.{what}"))?);
        }
        let (disagreement, cause) = answer.disagreement.unzip();
        Ok(ProbeNode {
            view: NodeView {
                path,
                property: self.namer.describe_property(p),
                decider: self.namer.show_outcome(&outcome),
                chain: answer.chain,
                cause,
            },
            disagreement,
            children,
        })
    }
}

/// The truth name of an outcome (`True`, `False`, `Unknown`).
pub fn truth_name(truth: Truth) -> &'static str {
    match truth {
        Truth::True => "True",
        Truth::False => "False",
        Truth::Undefined => "Undefined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(path: &str, disagreement: Option<Disagreement>, children: Vec<ProbeNode>) -> ProbeNode {
        ProbeNode {
            view: NodeView {
                path: path.to_owned(),
                property: String::new(),
                decider: String::new(),
                chain: String::new(),
                cause: None,
            },
            disagreement,
            children,
        }
    }

    fn first(tree: &ProbeNode) -> Option<&str> {
        tree.first_divergent().map(|v| v.path.as_str())
    }

    #[test]
    fn a_verdict_outranks_an_error_identity_difference_wherever_it_is() {
        let tree = node(
            "claim",
            Some(Disagreement::Verdict),
            vec![node(
                "claim.And[0]",
                Some(Disagreement::ErrorIdentity),
                vec![],
            )],
        );
        assert_eq!(first(&tree), Some("claim"));
        let tree = node(
            "claim",
            None,
            vec![
                node("claim.And[0]", Some(Disagreement::ErrorIdentity), vec![]),
                node("claim.And[1]", Some(Disagreement::ErrorIdentity), vec![]),
            ],
        );
        assert_eq!(first(&tree), Some("claim.And[0]"));
    }

    #[test]
    fn a_shallower_rejected_challenge_outranks_deeper_nodes() {
        let tree = node(
            "claim",
            None,
            vec![
                node(
                    "claim.And[0]",
                    Some(Disagreement::Verdict),
                    vec![node(
                        "claim.And[0].Not[0]",
                        Some(Disagreement::Verdict),
                        vec![],
                    )],
                ),
                node(
                    "claim.And[1]",
                    None,
                    vec![node(
                        "claim.And[1].challenge",
                        Some(Disagreement::RejectedChallenge),
                        vec![],
                    )],
                ),
                node(
                    "claim.And[2]",
                    Some(Disagreement::RejectedChallenge),
                    vec![],
                ),
            ],
        );
        assert_eq!(first(&tree), Some("claim.And[2]"));
    }

    #[test]
    fn without_a_rejected_challenge_the_deepest_point_of_the_first_path_is_reported() {
        let tree = node(
            "claim",
            Some(Disagreement::Verdict),
            vec![
                node("claim.Or[0]", None, vec![]),
                node(
                    "claim.Or[1]",
                    Some(Disagreement::Verdict),
                    vec![node(
                        "claim.Or[1].Not[0]",
                        Some(Disagreement::Verdict),
                        vec![],
                    )],
                ),
                node("claim.Or[2]", Some(Disagreement::Verdict), vec![]),
            ],
        );
        assert_eq!(first(&tree), Some("claim.Or[1].Not[0]"));
        assert_eq!(first(&node("claim", None, vec![])), None);
    }
}
