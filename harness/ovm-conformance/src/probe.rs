//! Locating a divergence in the property tree: walk the property, ask the decider for each
//! node's outcome and the contracts the one question that outcome implies (`decide` and the
//! atomic entry points for an atomic, `decideWithWitness` for a witness, `isValidChallenge`
//! for a challenge or a pin), and report the first node where they disagree.

use crate::{
    RunError,
    ctx::{
        ViewResult, chain_decide_with_witness, chain_is_valid_challenge, chain_truth, show_view,
    },
    report::NodeView,
    views::Namer,
};
use ovm_chain::Chain;
use ovm_core::{ConnectiveKind, PredicateKind, Property};
use ovm_decider::{Decider, Outcome, Truth, World};

/// At most this many nodes are probed (each costs a decision and a few calls).
pub const MAX_PROBED_NODES: usize = 96;

/// One probed node.
#[derive(Clone, Debug)]
pub struct ProbeNode {
    /// The node's view.
    pub view: NodeView,
    /// Whether the decider and the contracts agree at this node.
    pub agree: bool,
    /// The probed sub-properties.
    pub children: Vec<ProbeNode>,
}

impl ProbeNode {
    /// The first divergent node: in pre-order, the first disagreeing node none of whose
    /// descendants disagrees (the deepest point of the first disagreeing path).
    pub fn first_divergent(&self) -> Option<&NodeView> {
        for child in &self.children {
            if let Some(found) = child.first_divergent() {
                return Some(found);
            }
        }
        (!self.agree).then_some(&self.view)
    }

    /// The whole probe, one node per line, indented.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: usize) {
        let mark = if self.agree { " " } else { "✗" };
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

/// Probes `property` (named `path`) in `world` on `chain`; the chain's state is left as it
/// was (apart from its transaction log).
pub fn probe<D: Decider + ?Sized>(
    chain: &mut Chain,
    world: &World,
    decider: &D,
    namer: &Namer,
    property: &Property,
    path: &str,
) -> Result<ProbeNode, RunError> {
    let mut left = MAX_PROBED_NODES;
    Prober {
        chain,
        world,
        decider,
        namer,
        left: &mut left,
    }
    .node(property, path.to_owned())
}

struct Prober<'a, D: ?Sized> {
    chain: &'a mut Chain,
    world: &'a World,
    decider: &'a D,
    namer: &'a Namer,
    left: &'a mut usize,
}

fn agree_bool(result: &ViewResult<bool>) -> bool {
    matches!(result, Ok(true))
}

impl<D: Decider + ?Sized> Prober<'_, D> {
    fn node(&mut self, p: &Property, path: String) -> Result<ProbeNode, RunError> {
        *self.left = self.left.saturating_sub(1);
        let registry = &self.world.registry;
        let outcome = self.decider.decide(p, self.world);
        let decider = self.namer.show_outcome(&outcome);
        let property = self.namer.describe_property(p);
        let view = |chain: String| NodeView {
            path: path.clone(),
            property: property.clone(),
            decider: decider.clone(),
            chain,
        };
        let (agree, chain, follow) = match registry.kind(p.predicate) {
            None => (
                outcome == Outcome::FALSE_UNCHALLENGEABLE,
                "unregistered predicate: False (cannot be claimed)".to_owned(),
                None,
            ),
            Some(PredicateKind::Atomic(_)) => {
                let truth = chain_truth(self.chain, p)?;
                let agree = truth.truth() == Some(outcome.truth());
                (agree, truth.show(self.namer), None)
            }
            Some(PredicateKind::Connective(kind)) => match &outcome {
                Outcome::True { witness: Some(w) } => {
                    let r = chain_decide_with_witness(self.chain, p, w)?;
                    let shown = format!(
                        "decideWithWitness(decider's witness) = {}",
                        show_view(self.namer, &r)
                    );
                    (agree_bool(&r), shown, None)
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
                    (agree_bool(&r), shown, Some((what, c.property.clone())))
                }
                Outcome::False { challenge: None } => (
                    false,
                    format!(
                        "a {} is always challengeable: False needs a challenge",
                        kind.name()
                    ),
                    None,
                ),
                _ => (
                    true,
                    "(no single on-chain question for this outcome)".to_owned(),
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
                    let label = registry.kind(p.predicate).map_or("Property", |k| k.name());
                    seen.push(child.clone());
                    children.push(self.node(&child, format!("{path}.{label}[{i}]"))?);
                }
            }
        }
        if let Some((what, q)) = follow
            && !seen.contains(&q)
            && *self.left > 0
        {
            children.push(self.node(&q, format!("{path}.{what}"))?);
        }
        Ok(ProbeNode {
            view: view(chain),
            agree,
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
