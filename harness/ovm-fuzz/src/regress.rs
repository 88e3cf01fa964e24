//! Regression vectors: writing a shrunk failure under `vectors/regressions/` (one file per
//! divergence signature, created on demand, never overwritten), and replaying any vector
//! through the layer checks.

use crate::{
    divergence::{Divergence, Layer},
    env::Env,
    layers::{Cx, atomic, challenge, encoding, regression_info, sequence, witness},
    subject::Subject,
    world::WorldSpec,
};
use ovm_chain::DEPLOYER;
use ovm_core::Property;
use ovm_vectors::{Resolver, Vector, VectorFile, to_pretty_json};
use std::path::{Path, PathBuf};

/// Set to any value to disable writing regression vectors (mutant tests, exploratory runs).
pub const NO_WRITE_ENV: &str = "OVM_FUZZ_NO_WRITE";

/// Overrides the directory regression vectors are written to.
pub const DIR_ENV: &str = "OVM_FUZZ_REGRESSIONS_DIR";

/// The repository's regression directory, `vectors/regressions/`.
pub fn default_dir() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // harness/ovm-fuzz → the workspace root.
    let root = crate_dir.ancestors().nth(2).unwrap_or(crate_dir);
    root.join("vectors").join("regressions")
}

/// Where (and whether) regression vectors are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteMode {
    /// Never write.
    Never,
    /// Write into this directory (created on demand).
    Dir(PathBuf),
}

impl WriteMode {
    /// The project's own `cargo test` campaign (`tests/layers.rs`, against the bundled
    /// contracts): [`WriteMode::Never`] if [`NO_WRITE_ENV`] is set, else [`DIR_ENV`] or
    /// [`default_dir`]. Nothing else writes into the repository unless asked: campaigns default
    /// to [`WriteMode::Never`] and the CLI writes only with `--write-regressions DIR`.
    pub fn from_env() -> Self {
        if std::env::var_os(NO_WRITE_ENV).is_some() {
            return Self::Never;
        }
        Self::Dir(std::env::var_os(DIR_ENV).map_or_else(default_dir, PathBuf::from))
    }
}

/// The file name of a signature: `<layer>-<class>-<predicate>.json`, lowercase.
pub fn file_name(divergence: &Divergence) -> String {
    let raw = format!(
        "{}-{}-{}",
        divergence.layer, divergence.class, divergence.predicate
    );
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    format!("{}.json", name.trim_matches('-'))
}

/// Writes `vector` for `divergence` (if writing is on and no file of that signature exists
/// yet); the path of the signature's file.
pub fn write(
    mode: &WriteMode,
    divergence: &Divergence,
    vector: Option<VectorFile>,
    seed_note: &str,
) -> Option<PathBuf> {
    let WriteMode::Dir(dir) = mode else {
        return None;
    };
    let mut vector = vector?;
    let path = dir.join(file_name(divergence));
    if path.exists() {
        return Some(path);
    }
    let mut short = divergence.clone();
    if short.detail.len() > 400 {
        let mut end = 400;
        while !short.detail.is_char_boundary(end) {
            end -= 1;
        }
        short.detail = format!("{}…", &short.detail[..end]);
    }
    vector.info = regression_info(&short, seed_note);
    if vector.validate().is_err() {
        return None;
    }
    std::fs::create_dir_all(dir).ok()?;
    std::fs::write(&path, to_pretty_json(&vector)).ok()?;
    Some(path)
}

/// The resolver of `file` against `env`'s deployment.
pub fn resolver<'r>(env: &'r Env, file: &VectorFile) -> Result<Resolver<'r>, String> {
    let d = env.deployment();
    Resolver::for_vector(
        env.registry(),
        [
            ("UAC", d.uac),
            ("CommitmentContract", d.commitment),
            ("deployer", DEPLOYER),
        ],
        file,
    )
    .map_err(|e| e.to_string())
}

/// Replays `file` through its layer's check: the halves must agree (an `expect`, if any, is
/// the conformance runner's business).
pub fn replay(env: &Env, subject: &dyn Subject, file: &VectorFile) -> Result<String, Divergence> {
    let cx = Cx { env, subject };
    let layer = match file.kind() {
        ovm_vectors::Kind::Encoding => Layer::E,
        ovm_vectors::Kind::Atomic => Layer::A,
        ovm_vectors::Kind::Witness => Layer::W,
        ovm_vectors::Kind::Challenge => Layer::C,
        ovm_vectors::Kind::Uac => Layer::S,
        ovm_vectors::Kind::Game => Layer::G,
    };
    let bad = |e: String| Divergence::bug(layer, "bad-vector", "replay", e);
    let r = resolver(env, file).map_err(bad)?;
    let world = || WorldSpec::from_vector(file.world(), &r).map_err(bad);
    let e = |e: ovm_vectors::ResolveError| bad(e.to_string());
    match &file.vector {
        Vector::Encoding(v) => {
            encoding::run_checks(cx, &encoding::checks_of_vector(v, &r).map_err(bad)?)
        }
        Vector::Atomic(v) => atomic::run(
            cx,
            &atomic::AConcrete {
                world: world()?,
                property: Property::new(
                    r.atomic(v.predicate),
                    r.inputs(&v.inputs, "inputs").map_err(e)?,
                ),
            },
        ),
        Vector::Witness(v) => witness::run(
            cx,
            &witness::WConcrete {
                world: world()?,
                claim: r.property(&v.claim, "claim").map_err(e)?,
                witnesses: vec![r.inputs(&v.witness, "witness").map_err(e)?],
            },
        ),
        Vector::Challenge(v) => challenge::run(
            cx,
            &challenge::CConcrete {
                world: world()?,
                period: v.period.unwrap_or(ovm_vectors::DEFAULT_PERIOD),
                claim: r.property(&v.claim, "claim").map_err(e)?,
                outside: Vec::new(),
                near: vec![(
                    r.inputs(&v.challenge_inputs, "challenge_inputs")
                        .map_err(e)?,
                    r.property(&v.challenge, "challenge").map_err(e)?,
                )],
            },
        ),
        Vector::Uac(v) => sequence::run(cx, &sequence::from_vector(v, &r).map_err(bad)?),
        Vector::Game(v) => crate::game::replay(cx, v, &r),
    }
}

/// Loads and replays the vector at `path`.
pub fn replay_file(env: &Env, subject: &dyn Subject, path: &Path) -> Result<String, Divergence> {
    let file = ovm_vectors::load(path)
        .map_err(|e| Divergence::bug(Layer::E, "bad-vector", "load", e.to_string()))?;
    replay(env, subject, &file)
}

/// The vector files under `dir` (sorted; none if it does not exist).
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
