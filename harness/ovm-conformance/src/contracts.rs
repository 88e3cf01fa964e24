//! Which contracts the chain half runs: the bundled build, or any set of compiled artifacts
//! implementing the spec's ABI, named by a small JSON manifest ([`crate::manifest`] gives its
//! format: artifacts per contract, `"bundled"` slots, constructor arguments, libraries and
//! wiring calls).

use ovm_chain::{CreationCodes, DeploymentPlan, deployment::DEPLOYMENT_ORDER};
use ovm_core::{B256, Bytes, keccak256};
use std::path::{Path, PathBuf};

/// Why a manifest or one of its artifacts could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not the JSON expected.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The manifest does not name every contract exactly once, or names an unknown one.
    #[error("{path}: {message}")]
    Contracts {
        /// The manifest.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The contracts the chain half deploys, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contracts {
    plan: DeploymentPlan,
    manifest: Option<PathBuf>,
}

impl Default for Contracts {
    fn default() -> Self {
        Self::bundled()
    }
}

impl Contracts {
    /// The contracts bundled with the harness (`contracts/src`, compiled by ovm-chain).
    pub fn bundled() -> Self {
        Self::plugged(CreationCodes::bundled(), None)
    }

    /// Plugged-in contracts: the creation codes of the sixteen contracts, from elsewhere,
    /// deployed the spec's way.
    pub fn plugged(codes: CreationCodes, manifest: Option<PathBuf>) -> Self {
        Self::planned(DeploymentPlan::spec(codes), manifest)
    }

    /// Plugged-in contracts with their own deployment plan (constructors, libraries, wiring).
    pub fn planned(plan: DeploymentPlan, manifest: Option<PathBuf>) -> Self {
        Self { plan, manifest }
    }

    /// The contracts a manifest names (see [`crate::manifest`]).
    pub fn from_manifest(path: impl AsRef<Path>) -> Result<Self, ManifestError> {
        let path = path.as_ref();
        let plan = crate::manifest::read_plan(path)?;
        Ok(Self::planned(plan, Some(path.to_path_buf())))
    }

    /// Whether these are the bundled contracts (then vectors' `filled_against` is compared
    /// with [`ovm_chain::bundle_hash`]).
    pub fn is_bundled(&self) -> bool {
        self.manifest.is_none() && self.plan == DeploymentPlan::spec(CreationCodes::bundled())
    }

    /// The creation codes, in [`DEPLOYMENT_ORDER`].
    pub fn codes(&self) -> &CreationCodes {
        &self.plan.codes
    }

    /// How the contracts are deployed and wired.
    pub fn plan(&self) -> &DeploymentPlan {
        &self.plan
    }

    /// The manifest the contracts came from, if any.
    pub fn manifest(&self) -> Option<&Path> {
        self.manifest.as_deref()
    }

    /// keccak256 of the sixteen creation codes, in [`DEPLOYMENT_ORDER`] (each prefixed by its
    /// length), followed, where the plan is not the spec's deployment, by its constructors,
    /// libraries and wiring: the identity of contracts that have no bundle hash.
    pub fn codes_hash(&self) -> B256 {
        let mut buf = Vec::new();
        for code in &self.plan.codes.0 {
            buf.extend_from_slice(&(code.len() as u64).to_be_bytes());
            buf.extend_from_slice(code);
        }
        if !self.plan.is_spec() {
            let p = &self.plan;
            buf.extend(format!("{:?}{:?}{:?}", p.constructors, p.libraries, p.wiring).bytes());
        }
        keccak256(&buf)
    }

    /// Which contracts these are, in one token list a vector can record
    /// (`Info::found_against`): `bundled 0x…` (the bundle hash), or `manifest PATH 0x…` /
    /// `plugged 0x…` with [`Contracts::codes_hash`].
    pub fn identity(&self) -> String {
        match &self.manifest {
            None if self.is_bundled() => format!("bundled {}", ovm_chain::bundle_hash()),
            None => format!("plugged {}", self.codes_hash()),
            Some(path) => format!("manifest {} {}", path.display(), self.codes_hash()),
        }
    }

    /// A one-line description, for reports.
    pub fn describe(&self) -> String {
        match &self.manifest {
            None if self.is_bundled() => {
                format!("bundled contracts (bundle {})", ovm_chain::bundle_hash())
            }
            None => "plugged-in contracts".to_owned(),
            Some(path) => format!("plugged-in contracts from {}", path.display()),
        }
    }
}

pub(crate) fn read_json(path: &Path) -> Result<serde_json::Value, ManifestError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ManifestError::Io {
        path: shown.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|err| ManifestError::Format {
        path: shown,
        message: format!("not JSON: {err}"),
    })
}

/// The manifest value of a slot that takes the bundled contract.
pub const BUNDLED_SLOT: &str = "bundled";

/// The bundled creation code of the contract named `name`.
pub(crate) fn bundled_code(name: &str) -> Option<Bytes> {
    let index = DEPLOYMENT_ORDER.iter().position(|n| *n == name)?;
    CreationCodes::bundled().0.get(index).cloned()
}

/// Writes `dir/<Name>.json` (foundry shape) for each bundled contract and `dir/manifest.json`
/// naming them: a manifest of the bundled contracts, to try the plug-in path or to use as a
/// template. Returns the manifest's path.
pub fn write_bundled_manifest(dir: &Path) -> Result<PathBuf, ManifestError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| ManifestError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let codes = CreationCodes::bundled();
    let mut entries = serde_json::Map::new();
    for (name, code) in DEPLOYMENT_ORDER.iter().zip(&codes.0) {
        let file = format!("{name}.json");
        let artifact = serde_json::json!({ "bytecode": { "object": code.to_string() } });
        let path = dir.join(&file);
        std::fs::write(&path, format!("{artifact:#}\n")).map_err(io(&path))?;
        entries.insert((*name).to_owned(), serde_json::Value::String(file));
    }
    let manifest = serde_json::json!({ "contracts": entries });
    let path = dir.join("manifest.json");
    std::fs::write(&path, format!("{manifest:#}\n")).map_err(io(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_slots_take_the_bundled_contracts() {
        let dir = std::env::temp_dir().join(format!("ovm-manifest-slots-{}", std::process::id()));
        let path = write_bundled_manifest(&dir).unwrap();
        let mut manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (name, slot) in manifest["contracts"].as_object_mut().unwrap() {
            if name != "AndPredicate" {
                *slot = BUNDLED_SLOT.into();
            }
        }
        std::fs::write(&path, manifest.to_string()).unwrap();
        assert_eq!(
            Contracts::from_manifest(&path).unwrap().codes(),
            &CreationCodes::bundled()
        );
        manifest["contracts"]["Nope"] = BUNDLED_SLOT.into();
        std::fs::write(&path, manifest.to_string()).unwrap();
        let error = Contracts::from_manifest(&path).unwrap_err().to_string();
        assert!(error.contains("contracts.Nope"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bundled_manifest_round_trips() {
        let dir = std::env::temp_dir().join(format!("ovm-manifest-{}", std::process::id()));
        let path = write_bundled_manifest(&dir).unwrap();
        let contracts = Contracts::from_manifest(&path).unwrap();
        assert_eq!(contracts.codes(), &CreationCodes::bundled());
        assert!(!contracts.is_bundled(), "a manifest is plugged in");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn manifest_errors_name_the_file() {
        let dir = std::env::temp_dir().join(format!("ovm-manifest-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("m.json");
        std::fs::write(&path, r#"{"contracts": {"NotPredicate": "missing.json"}}"#).unwrap();
        let err = Contracts::from_manifest(&path).unwrap_err().to_string();
        assert!(err.contains("missing.json"), "{err}");
        std::fs::write(&path, r#"{"contracts": {}}"#).unwrap();
        let err = Contracts::from_manifest(&path).unwrap_err().to_string();
        assert!(err.contains("UniversalAdjudicationContract"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
