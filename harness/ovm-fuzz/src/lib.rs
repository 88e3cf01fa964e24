//! The differential fuzzer of the OVM conformance harness: it generates worlds, properties
//! and call sequences and runs each case as a vector of the conformance engine
//! ([`ovm_conformance::Judge`], e.g. a [`Runner`] with any decider, Rust mirrors and
//! contracts), so a finding is the engine's own divergence — shrunk, and written (when asked)
//! as the regression vector that `ovm-conformance replay` and `cargo test` run as itself.
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
//! - [`layers`]: one module per §9 invariant — E [`layers::encoding`], A [`layers::atomic`],
//!   W [`layers::witness`], C [`layers::challenge`], S [`layers::sequence`] — and G [`game`];
//!   each generates its case and builds its vector (challenge and witness vectors carry every
//!   near miss as an `also` try); none compares the halves itself;
//! - [`campaign`]: seeded runs ([`Campaign`]`{ seed, budget: Cases | Duration, layers }`),
//!   shrinking, de-duplication by [`Divergence::signature`], per-case [`campaign::Driver`]s
//!   for benches;
//! - [`regress`]: where regression vectors go ([`regress::WriteMode`]: nowhere unless asked);
//! - [`env`](mod@env): the registry and builder the generators use, and [`env::EvmStats`]
//!   (time inside the EVM).
//!
//! ```no_run
//! use ovm_fuzz::{Campaign, Env, Layer, Runner, campaign::{Budget, Options}};
//!
//! let runner = Runner::new(); // reference decider and mirrors, bundled contracts
//! let env = Env::new();
//! let campaign = Campaign { seed: 7, budget: Budget::Cases(100), layers: Layer::ALL.to_vec(), options: Options::default() };
//! let report = campaign.run(&env, &runner, &mut |p| eprintln!("{} cases", p.cases));
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
pub mod world;

pub use campaign::{Budget, Campaign, Options, Report};
pub use divergence::{CaseRecord, Divergence, Layer, Severity};
pub use env::Env;
pub use ovm_conformance::{Judge, Mirrors, Runner};
