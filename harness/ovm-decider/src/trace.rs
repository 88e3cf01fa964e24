//! Decision traces: the tree of sub-decisions, printable as an indented tree, so that a
//! divergence between two engines can be located at the first differing node.

use crate::Outcome;
use ovm_core::{Bytes, Property, Registry, placeholder::placeholder_name};
use std::fmt;

/// The most sub-decisions a [`Trace`] records. Past it, sub-decisions are only counted
/// ([`Trace::untraced`]), so a trace holds at most this many nodes (each a few short strings,
/// a few hundred bytes) whatever the claim; a divergence is located long before.
pub const MAX_TRACE_NODES: usize = 100_000;

/// The tree of sub-decisions of one `decide` call. A sub-decision met again (answered from
/// the decider's memo) is shown once more as a leaf: its outcome, without its subtree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The decision of the property asked about.
    pub root: TraceNode,
    /// Sub-decisions made after the trace held [`MAX_TRACE_NODES`] nodes, not recorded.
    pub untraced: u64,
}

/// One sub-decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceNode {
    /// The predicate's name (`Not`, `Equal`, …), `raw` for bytes that are not a property,
    /// `unregistered` for an unregistered predicate.
    pub label: String,
    /// A short summary of the inputs.
    pub inputs: String,
    /// For a quantifier instance, the binding (`name = value`).
    pub binding: Option<String>,
    /// A short summary of the outcome.
    pub outcome: String,
    /// The sub-decisions, in evaluation order.
    pub children: Vec<TraceNode>,
}

impl TraceNode {
    /// Where `self` and `other` diverge: the path (child indices from this node) to the
    /// first node, in evaluation order, that differs in label, inputs or binding, or whose
    /// outcome differs although all its children agree (the node that computed differently).
    /// `None` if the trees are equal.
    pub fn first_difference(&self, other: &Self) -> Option<Vec<usize>> {
        if self.label != other.label || self.inputs != other.inputs || self.binding != other.binding
        {
            return Some(Vec::new());
        }
        for (i, (a, b)) in self.children.iter().zip(&other.children).enumerate() {
            if let Some(mut path) = a.first_difference(b) {
                path.insert(0, i);
                return Some(path);
            }
        }
        (self.children.len() != other.children.len() || self.outcome != other.outcome)
            .then(Vec::new)
    }

    /// This node without its children.
    fn clone_top(&self) -> Self {
        Self {
            label: self.label.clone(),
            inputs: self.inputs.clone(),
            binding: self.binding.clone(),
            outcome: self.outcome.clone(),
            children: Vec::new(),
        }
    }

    /// The number of nodes in this subtree.
    pub fn size(&self) -> usize {
        1 + self.children.iter().map(Self::size).sum::<usize>()
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, indent: usize) -> fmt::Result {
        write!(f, "{:width$}", "", width = indent * 2)?;
        if let Some(binding) = &self.binding {
            write!(f, "[{binding}] ")?;
        }
        writeln!(f, "{}({}) => {}", self.label, self.inputs, self.outcome)?;
        for child in &self.children {
            child.write(f, indent + 1)?;
        }
        Ok(())
    }
}

impl fmt::Display for TraceNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root.fmt(f)?;
        if self.untraced > 0 {
            writeln!(
                f,
                "… {} more sub-decision(s) not traced (a trace keeps at most {MAX_TRACE_NODES})",
                self.untraced
            )?;
        }
        Ok(())
    }
}

/// `0x1234abcd…(40 bytes)`-style summary of raw bytes.
pub fn short_hex(bytes: &[u8]) -> String {
    const SHOWN: usize = 8;
    let head: String = bytes
        .iter()
        .take(SHOWN)
        .map(|b| format!("{b:02x}"))
        .collect();
    if bytes.len() > SHOWN {
        format!("0x{head}…({} bytes)", bytes.len())
    } else {
        format!("0x{head}")
    }
}

/// A short summary of one input: `enc(Name)` for a property, `V"name"` for a placeholder,
/// short hex otherwise.
pub fn summarize_input(registry: &Registry, input: &[u8]) -> String {
    if let Some(name) = placeholder_name(input) {
        return format!("V{:?}", String::from_utf8_lossy(name));
    }
    match Property::decode_canonical(input) {
        Some(p) => format!("enc({})", predicate_label(registry, &p)),
        None if !input.is_empty() && input.iter().all(|c| c.is_ascii_graphic()) => {
            format!("{:?}", String::from_utf8_lossy(input))
        }
        None => short_hex(input),
    }
}

/// A short summary of a property's inputs.
pub fn summarize_inputs(registry: &Registry, inputs: &[Bytes]) -> String {
    inputs
        .iter()
        .map(|input| summarize_input(registry, input))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The predicate's name, or `unregistered`.
pub fn predicate_label(registry: &Registry, property: &Property) -> &'static str {
    registry
        .kind(property.predicate)
        .map_or("unregistered", |kind| kind.name())
}

/// A one-line summary of an outcome.
pub fn summarize_outcome(registry: &Registry, outcome: &Outcome) -> String {
    let challenge = |c: &crate::Challenge| {
        let ci: Vec<String> = c.inputs.iter().map(|i| short_hex(i)).collect();
        format!(
            "ci=[{}] Q={}({})",
            ci.join(", "),
            predicate_label(registry, &c.property),
            summarize_inputs(registry, &c.property.inputs)
        )
    };
    match outcome {
        Outcome::True { witness: Some(w) } => format!("True, witness of {} item(s)", w.len()),
        Outcome::True { witness: None } => "True (by period)".to_owned(),
        Outcome::False { challenge: None } => "False".to_owned(),
        Outcome::False { challenge: Some(c) } => format!("False, challenge {}", challenge(c)),
        Outcome::Unknown { why, pin } => match pin {
            Some(pin) => format!("Unknown ({why}), pin {}", challenge(pin)),
            None => format!("Unknown ({why})"),
        },
    }
}

/// Builds a [`Trace`] while the decider runs (only when tracing is requested), recording at
/// most [`MAX_TRACE_NODES`] nodes.
#[derive(Debug, Default)]
pub(crate) struct TraceBuilder {
    open: Vec<TraceNode>,
    done: Option<TraceNode>,
    /// Nodes recorded so far.
    recorded: usize,
    /// Sub-decisions entered but not recorded (past the cap) and not yet exited.
    suppressed: usize,
    /// Whether the node closed or attached last was recorded (so its binding can be set).
    last_recorded: bool,
    untraced: u64,
}

impl TraceBuilder {
    /// Opens a node (only counted once the trace is full).
    pub(crate) fn enter(&mut self, label: impl Into<String>, inputs: String) {
        if self.suppressed > 0 || self.recorded >= MAX_TRACE_NODES {
            self.suppressed += 1;
            self.untraced += 1;
            return;
        }
        self.recorded += 1;
        self.open.push(TraceNode {
            label: label.into(),
            inputs,
            binding: None,
            outcome: String::new(),
            children: Vec::new(),
        });
    }

    /// Closes the innermost node with its outcome and returns it as a leaf (what a later
    /// cache hit shows); `None` if the node was not recorded.
    pub(crate) fn exit(&mut self, outcome: String) -> Option<TraceNode> {
        if self.suppressed > 0 {
            self.suppressed -= 1;
            self.last_recorded = false;
            return None;
        }
        let mut node = self.open.pop()?;
        node.outcome = outcome;
        let leaf = node.clone_top();
        self.push_closed(node);
        Some(leaf)
    }

    /// Attaches the leaf of a sub-decision met again to the innermost open node (counted, not
    /// recorded, once the trace is full or when the first meeting was not recorded either).
    pub(crate) fn attach(&mut self, leaf: Option<TraceNode>) {
        match leaf {
            Some(leaf) if self.suppressed == 0 && self.recorded < MAX_TRACE_NODES => {
                self.recorded += 1;
                self.push_closed(leaf);
            }
            _ => {
                self.untraced += 1;
                self.last_recorded = false;
            }
        }
    }

    fn push_closed(&mut self, node: TraceNode) {
        self.last_recorded = true;
        match self.open.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.done = Some(node),
        }
    }

    /// Sets the binding of the node closed last (a quantifier instance), if it was recorded.
    pub(crate) fn annotate_last(&mut self, binding: String) {
        if !self.last_recorded {
            return;
        }
        if let Some(child) = self.open.last_mut().and_then(|p| p.children.last_mut()) {
            child.binding = Some(binding);
        }
    }

    /// The finished trace.
    pub(crate) fn finish(self) -> Trace {
        let root = self.done.unwrap_or_else(|| TraceNode {
            label: "empty".to_owned(),
            inputs: String::new(),
            binding: None,
            outcome: String::new(),
            children: Vec::new(),
        });
        Trace {
            root,
            untraced: self.untraced,
        }
    }
}
