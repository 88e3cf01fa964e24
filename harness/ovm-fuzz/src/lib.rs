//! The differential fuzzer of the OVM conformance harness: it generates worlds, properties
//! and call sequences, runs them on both halves — the Rust decider / model and the Solidity
//! contracts on revm — and reports every divergence of the six §9 invariants, shrunk to a
//! regression vector that plain `cargo test` replays forever.
//!
//! - [`world`]: worlds ([`world::WorldParams`] → [`world::Material`] → [`world::WorldSpec`]):
//!   secp256k1 signers, messages and signature variants (valid, wrong signer, `v` 0/1, high
//!   `s`, truncated, zero and dirty signer words), preimages, commitment roots per block with
//!   gaps, interval trees with valid and tampered proofs, stored values;
//! - [`generate`]: well-typed, domain-guarded property trees over the five connectives and
//!   nine atomics ([`generate::Shape`], [`generate::Interp`]) whose quantifier hints match the
//!   world (nested `KEY` hints templated on outer variables, `STORED`, `NUMBER`, shadowing),
//!   and byte-level adversarial inputs (placeholders at 19/20 bytes, raw `V…` data,
//!   non-canonical property encodings, wrong input counts and lengths);
//! - [`layers`]: one module per invariant — E [`layers::encoding`], A [`layers::atomic`],
//!   W [`layers::witness`], C [`layers::challenge`], S [`layers::sequence`] — and G [`game`];
//!   each has its case, its check and its vector;
//! - [`subject`]: the Rust half under test ([`Subject`], [`Reference`]); tests wrap it to
//!   inject deliberate bugs (mutants) without shipping them;
//! - [`campaign`]: seeded runs ([`Campaign`]`{ seed, budget: Cases | Duration, layers }`),
//!   shrinking, de-duplication by [`Divergence::signature`], per-case [`campaign::Driver`]s
//!   for benches;
//! - [`regress`]: regression vectors under `vectors/regressions/` (disabled by
//!   `OVM_FUZZ_NO_WRITE`), and [`regress::replay`] of any vector;
//! - [`env`](mod@env): the deployments cases fork from, with [`env::EvmStats`] (time inside the EVM).
//!
//! ```no_run
//! use ovm_fuzz::{Campaign, Env, Layer, Reference, campaign::{Budget, Options}};
//!
//! let env = Env::new()?;
//! let campaign = Campaign { seed: 7, budget: Budget::Cases(100), layers: Layer::ALL.to_vec(), options: Options::default() };
//! let report = campaign.run(&env, &Reference::new(), &mut |p| eprintln!("{} cases", p.cases));
//! assert!(report.bugs.is_empty(), "{}", report.bugs[0].message(campaign.seed));
//! # Ok::<(), ovm_chain::ChainError>(())
//! ```

pub mod campaign;
pub mod divergence;
pub mod env;
pub mod game;
pub mod generate;
pub mod layers;
pub mod regress;
pub mod subject;
pub mod world;

pub use campaign::{Budget, Campaign, Options, Report};
pub use divergence::{CaseRecord, Divergence, Layer, Severity};
pub use env::Env;
pub use subject::{Reference, Subject};
