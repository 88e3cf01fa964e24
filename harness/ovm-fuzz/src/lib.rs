#![doc = include_str!("../README.md")]

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
