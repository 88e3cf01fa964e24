//! What a layer reports: the [`Layer`]s, a [`Divergence`] with its stable signature, and the
//! per-case [`CaseRecord`].

use serde::Serialize;
use std::fmt;

/// The conformance invariants of spec §9, one fuzz layer each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Layer {
    /// E: encoding, id, "is a property", placeholder, `subst`, depth (Rust vs the contracts' views).
    E,
    /// A: every atomic (the decider vs each contract's `decide`/`decideTrue`/`decideFalse`).
    A,
    /// W: decider witnesses vs `decideClaimWithWitness`; `None` exactly when not witness-decidable.
    W,
    /// C: challenge soundness and the `isValidChallenge` table.
    C,
    /// S: `UacModel` vs the UAC under random call sequences.
    S,
    /// G: full games (honest agent vs a random adversary).
    G,
}

impl Layer {
    /// Every layer, in the order campaigns run them.
    pub const ALL: [Self; 6] = [Self::E, Self::A, Self::W, Self::C, Self::S, Self::G];

    /// The one-letter name.
    pub fn name(self) -> &'static str {
        match self {
            Self::E => "E",
            Self::A => "A",
            Self::W => "W",
            Self::C => "C",
            Self::S => "S",
            Self::G => "G",
        }
    }

    /// The layer named `name` (`"E"`, `"a"`, …).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(name))
    }

    /// The vector kind regressions of this layer are written as.
    pub fn vector_kind(self) -> ovm_vectors::Kind {
        use ovm_vectors::Kind;
        match self {
            Self::E => Kind::Encoding,
            Self::A => Kind::Atomic,
            Self::W => Kind::Witness,
            Self::C => Kind::Challenge,
            Self::S => Kind::Uac,
            Self::G => Kind::Game,
        }
    }

    /// Cases of this layer the default `cargo test` budget runs.
    pub fn default_cases(self) -> u64 {
        match self {
            Self::E => 1500,
            Self::A => 1000,
            Self::W => 800,
            Self::C => 800,
            Self::S => 400,
            Self::G => 400,
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Severity {
    /// The halves disagree (or a half breaks the spec): a bug, the case fails.
    Bug,
    /// A claim's truth relies on values outside its hint's candidates (spec §7's optimistic
    /// assumption is violated): reported as an *unguarded claim*, never as agreement, and not a
    /// decider bug.
    Unguarded,
    /// The documented limitation of spec §10: the truth of a claim about storage became
    /// defined only when its dispute period was (all but) over, so nobody could act on it.
    Limitation,
}

/// One divergence between the halves (or a violation of a §9 invariant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Divergence {
    /// The layer that found it.
    pub layer: Layer,
    /// A stable class, e.g. `"atomic-truth"`, `"challenge-rejected"`.
    pub class: String,
    /// The first divergent predicate (or check), e.g. `"IsLessThan"`, `"subst"`.
    pub predicate: String,
    /// Bug or unguarded claim.
    pub severity: Severity,
    /// What each half said.
    pub detail: String,
    /// The conformance engine's divergence this one reports, when the layer runs on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<Box<ovm_conformance::Divergence>>,
}

impl Divergence {
    /// A bug found by `layer`.
    pub fn bug(
        layer: Layer,
        class: impl Into<String>,
        predicate: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            layer,
            class: class.into(),
            predicate: predicate.into(),
            severity: Severity::Bug,
            detail: detail.into(),
            found: None,
        }
    }

    /// The conformance engine's divergence `found`, reported by `layer`: its class and subject
    /// become the class and predicate, an unguarded claim stays one.
    pub fn found(layer: Layer, found: ovm_conformance::Divergence) -> Self {
        let severity = if found.class == ovm_conformance::DivergenceClass::UnguardedClaim {
            Severity::Unguarded
        } else {
            Severity::Bug
        };
        let sides: Vec<String> = found
            .sides
            .iter()
            .map(|s| format!("{}: {}", s.side, s.value))
            .collect();
        let node = found.node.as_ref().map_or_else(String::new, |n| {
            format!(
                "; first divergent node {}: {} (decider: {}; chain: {})",
                n.path, n.property, n.decider, n.chain
            )
        });
        Self {
            layer,
            class: found.class.title().replace(' ', "-"),
            predicate: found.subject.clone(),
            severity,
            detail: format!("{} ({}){node}", found.what, sides.join("; ")),
            found: Some(Box::new(found)),
        }
    }

    /// An unguarded claim found by `layer`.
    pub fn unguarded(
        layer: Layer,
        predicate: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Unguarded,
            ..Self::bug(layer, "unguarded-claim", predicate, detail)
        }
    }

    /// A case of the documented §10 limitation found by `layer`.
    pub fn limitation(
        layer: Layer,
        predicate: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Limitation,
            ..Self::bug(layer, "late-storage", predicate, detail)
        }
    }

    /// The stable de-duplication signature: `layer/` and the conformance engine's
    /// [`ovm_conformance::Divergence::signature`] (the one `replay` of the regression vector
    /// shows), or `layer/class/predicate` for a layer's own checks.
    pub fn signature(&self) -> String {
        match &self.found {
            Some(found) => format!("{}/{}", self.layer, found.signature()),
            None => format!("{}/{}/{}", self.layer, self.class, self.predicate),
        }
    }

    /// Whether the case fails (a bug, not an unguarded claim).
    pub fn is_bug(&self) -> bool {
        self.severity == Severity::Bug
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.signature(), self.detail)
    }
}

/// The outcome record of one generated case: deterministic (no wall clock), so two campaigns
/// with the same seed and case count produce the same records byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    /// The layer.
    pub layer: Layer,
    /// The case's index within its layer.
    pub case: u64,
    /// `keccak256` of the case's debug form (its identity).
    pub hash: String,
    /// A short summary of what both halves said, or the divergence signature.
    pub outcome: String,
}
