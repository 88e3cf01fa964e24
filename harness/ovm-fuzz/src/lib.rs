#![doc = include_str!("../README.md")]

pub mod campaign;
pub mod env;
pub mod feedback;
pub mod found;
pub mod game;
pub mod generate;
pub mod input;
pub mod layers;
pub mod regress;
pub mod shard;
pub mod world;

pub use campaign::{Budget, Campaign, Options, Report};
pub use env::Env;
pub use found::{CaseRecord, Found, Layer, Severity, Stage};
pub use ovm_conformance::{Judge, Mirrors, Runner};
pub use shard::Shard;
