//! What a layer reports: the [`Layer`]s, what a failing case [`Found`] (the conformance
//! engine's own divergence, never a second kind of one) and the per-case [`CaseRecord`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// The conformance invariants of spec §9, one fuzz layer each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// Where the conformance engine failed to run a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Stage {
    /// Running the case's vector ([`ovm_conformance::Judge::execute`]).
    #[serde(rename = "conformance engine")]
    Engine,
    /// Writing what the halves computed as the vector's expectations.
    #[serde(rename = "filling the expectations")]
    Fill,
}

impl Stage {
    /// How the stage is named in reports and signatures.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Engine => "conformance engine",
            Self::Fill => "filling the expectations",
        }
    }
}

/// What a failing case found. A divergence is always the conformance engine's own
/// [`ovm_conformance::Divergence`] (so `replay` of the regression vector shows the same one);
/// the two other findings are the engine failing to run the case and spec §10's limitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// The halves diverge, or a half breaks a §9 invariant.
    Divergence(Box<ovm_conformance::Divergence>),
    /// The engine could not run the case's vector (a chain-driver failure, not a revert): a
    /// bug of the harness or of the contracts' deployment.
    Unrunnable {
        /// What the engine was doing.
        stage: Stage,
        /// Why it failed (the engine's error, as it displays: a finding is a record).
        error: String,
    },
    /// The documented limitation of spec §10: the truth of a claim about storage became
    /// defined only when its dispute period was (all but) over, so nobody could act on it.
    Limitation {
        /// The claim's predicate.
        subject: String,
        /// What the engine reported.
        detail: String,
    },
}

impl Found {
    /// The engine's divergence `found`.
    pub fn divergence(found: ovm_conformance::Divergence) -> Self {
        Self::Divergence(Box::new(found))
    }

    /// The engine failed at `stage` with `error`.
    pub fn unrunnable(stage: Stage, error: impl fmt::Display) -> Self {
        Self::Unrunnable {
            stage,
            error: error.to_string(),
        }
    }

    /// How bad it is: an unguarded claim (spec §7's optimistic assumption broken) and the §10
    /// limitation are reported, never failed.
    pub fn severity(&self) -> Severity {
        match self {
            Self::Divergence(d) if d.class == ovm_conformance::DivergenceClass::UnguardedClaim => {
                Severity::Unguarded
            }
            Self::Divergence(_) | Self::Unrunnable { .. } => Severity::Bug,
            Self::Limitation { .. } => Severity::Limitation,
        }
    }

    /// Whether the case fails.
    pub fn is_bug(&self) -> bool {
        self.severity() == Severity::Bug
    }

    /// A stable class: the engine's class (`outcome-flip`), `driver-error` or `late-storage`.
    pub fn class(&self) -> String {
        match self {
            Self::Divergence(d) => d.class.title().replace(' ', "-"),
            Self::Unrunnable { .. } => "driver-error".to_owned(),
            Self::Limitation { .. } => "late-storage".to_owned(),
        }
    }

    /// What it is about: the engine's subject, the stage, or the claim's predicate.
    pub fn subject(&self) -> &str {
        match self {
            Self::Divergence(d) => &d.subject,
            Self::Unrunnable { stage, .. } => stage.as_str(),
            Self::Limitation { subject, .. } => subject,
        }
    }

    /// The stable de-duplication signature (no values): the engine's
    /// [`ovm_conformance::Divergence::signature`], or `class/subject`.
    pub fn signature(&self) -> String {
        match self {
            Self::Divergence(d) => d.signature(),
            _ => format!("{}/{}", self.class(), self.subject()),
        }
    }

    /// What each half said (and the first divergent node), on one line.
    pub fn detail(&self) -> String {
        match self {
            Self::Divergence(d) => {
                let sides: Vec<String> = d
                    .sides
                    .iter()
                    .map(|s| format!("{}: {}", s.side, s.value))
                    .collect();
                let node = d.node.as_ref().map_or_else(String::new, |n| {
                    format!(
                        "; first divergent node {}: {} (decider: {}; chain: {})",
                        n.path, n.property, n.decider, n.chain
                    )
                });
                format!("{} ({}){node}", d.what, sides.join("; "))
            }
            Self::Unrunnable { error, .. } => error.clone(),
            Self::Limitation { detail, .. } => detail.clone(),
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.signature(), self.detail())
    }
}

/// The outcome record of one generated case: deterministic (no wall clock), so two campaigns
/// with the same seed and case count produce the same records byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
