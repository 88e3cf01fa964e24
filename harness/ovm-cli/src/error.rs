//! What stops a command before it can give its answer (exit status 2).

use ovm_conformance::{ManifestError, RunError, discover::SelectionError};
use std::path::PathBuf;

/// A usage or setup error: the command could not judge anything.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// `--decider NAME` names no built-in decider and the front end's factory knows none.
    #[error("unknown decider {0:?} (built-in: `reference`, `budget:N`)")]
    UnknownDecider(String),
    /// `fill` writes the reference decider's expectations only.
    #[error("fill computes expectations with the reference decider only (drop --decider)")]
    FillNeedsReference,
    /// `--errors FILE` cannot be used.
    #[error(transparent)]
    Errors(#[from] ovm_conformance::errors::ErrorModeError),
    /// The `--contracts` manifest cannot be used.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// The paths select no vector.
    #[error(transparent)]
    Selection(#[from] SelectionError),
    /// The contracts could not be deployed for the selected vectors.
    #[error(transparent)]
    Deploy(#[from] RunError),
    /// A file named on the command line cannot be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file given.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
    /// `fuzz merge`: the reports are not the shards of one campaign.
    #[error(transparent)]
    Merge(#[from] ovm_fuzz::shard::MergeError),
    /// `coverage contracts` and `fuzz --coverage` measure the bundled contracts only.
    #[error("{0} measures the bundled contracts only (drop --contracts)")]
    CoverageNeedsBundled(&'static str),
    /// `fuzz --feedback` steers one whole campaign.
    #[error(
        "fuzz --feedback steers a whole campaign: a shard cannot see what the others reached (drop --shard or --feedback)"
    )]
    FeedbackNeedsWholeCampaign,
    /// The contracts' coverage cannot be measured.
    #[error(transparent)]
    ContractCoverage(#[from] ovm_conformance::contract_coverage::ContractCoverageError),
    /// The `--lcov` file cannot be written.
    #[error("{}: cannot write the lcov file: {source}", path.display())]
    Lcov {
        /// The file given.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
    /// The `--markdown` file cannot be written.
    #[error("{}: cannot write the Markdown summary: {source}", path.display())]
    Markdown {
        /// The file given.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
    /// The honest-path gas cannot be measured, or the baseline read or written.
    #[error(transparent)]
    GasBaseline(#[from] ovm_conformance::gas::BaselineError),
    /// The gas-scaling probe cannot run on the contracts.
    #[error(transparent)]
    GasScaling(#[from] ovm_conformance::gas::ScalingError),
    /// A `report` file (or its `--out` folder) cannot be written.
    #[error("{}: cannot write the report: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
}
