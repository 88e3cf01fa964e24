//! Validation: the rules a parsed vector must keep that its types cannot express
//! ([`Invalid`], [`World::validate`], [`VectorFile::validate`]).

use super::{
    AtomicVector, CallResult, ChallengeExpect, ErrorExpect, FORMAT, GAS_GUARD_ANSWERS_AT_LEAST,
    GAS_GUARD_REVERTS_AT_MOST, UacVector, Vector, VectorFile, World,
};
use crate::{input::Input, names::CONTRACT_NAMES, primitives::Name};
use ovm_core::{AtomicKind, PredicateKind};

/// A rule a parsed vector breaks that its types cannot express.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Invalid {
    /// Where (`expect.results`, `world.signers.UAC`, …).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Invalid {
    Invalid {
        path: path.into(),
        message: message.into(),
    }
}

fn check_args(
    path: &str,
    args: Option<&Vec<Input>>,
    arity: usize,
    what: &str,
) -> Result<(), Invalid> {
    match args {
        Some(args) if args.len() != arity => Err(invalid(
            format!("{path}.args"),
            format!("{what} takes {arity} argument(s), found {}", args.len()),
        )),
        _ => Ok(()),
    }
}

fn check_error(path: &str, error: &ErrorExpect) -> Result<(), Invalid> {
    check_args(
        path,
        error.args.as_ref(),
        error.name.arity(),
        error.name.as_str(),
    )
}

/// An atomic vector's `gas`: IsStored only, and outside the implementation-dependent band
/// between [`GAS_GUARD_REVERTS_AT_MOST`] and [`GAS_GUARD_ANSWERS_AT_LEAST`].
fn check_gas(v: &AtomicVector) -> Result<(), Invalid> {
    let Some(gas) = v.gas else { return Ok(()) };
    if v.predicate.0 != AtomicKind::IsStored {
        return Err(invalid(
            "gas",
            format!(
                "a gas limit tests IsStored's gas guard (§5.2); {} has none",
                v.predicate.0.name()
            ),
        ));
    }
    if gas > GAS_GUARD_REVERTS_AT_MOST && gas < GAS_GUARD_ANSWERS_AT_LEAST {
        return Err(invalid(
            "gas",
            format!(
                "{gas} is between {GAS_GUARD_REVERTS_AT_MOST} (certainly below the guard) and \
                 {GAS_GUARD_ANSWERS_AT_LEAST} (certainly above it): whether the call reverts \
                 depends on the implementation's costs"
            ),
        ));
    }
    Ok(())
}

fn check_period(path: &str, period: u64) -> Result<(), Invalid> {
    if period == 0 {
        return Err(invalid(path, "the dispute period is at least 1 block"));
    }
    Ok(())
}

/// A `uac` vector of period 0 is about its deployment alone (the UAC constructor refuses 0):
/// it has no steps, and only such a vector says what its deployment does.
fn check_uac_deployment(v: &UacVector) -> Result<(), Invalid> {
    let expects_deployment = v.expect.as_ref().is_some_and(|e| e.deployment.is_some());
    if v.period == 0 {
        if !v.steps.is_empty() {
            return Err(invalid(
                "steps",
                "a vector of period 0 tests its deployment only: no steps",
            ));
        }
    } else if expects_deployment {
        return Err(invalid(
            "expect.deployment",
            "only a vector of period 0 expects its deployment's result",
        ));
    }
    Ok(())
}

impl World {
    /// Checks names (signers and accounts disjoint, none a predicate or contract name, code
    /// only at accounts) and that root blocks strictly increase.
    pub fn validate(&self, path: &str) -> Result<(), Invalid> {
        let reserved = |name: &Name| {
            PredicateKind::from_name(name.as_str()).is_some()
                || CONTRACT_NAMES.contains(&name.as_str())
        };
        for (field, names) in [
            ("signers", self.signers.keys().collect::<Vec<_>>()),
            ("accounts", self.accounts.keys().collect()),
        ] {
            for name in names {
                if reserved(name) {
                    return Err(invalid(
                        format!("{path}.{field}.{name}"),
                        format!("{name:?} is a predicate or contract name"),
                    ));
                }
            }
        }
        if let Some(name) = self.code.keys().find(|n| !self.accounts.contains_key(*n)) {
            return Err(invalid(
                format!("{path}.code.{name}"),
                format!("{name:?} is not an account of the world (code goes to `accounts`)"),
            ));
        }
        if let Some(name) = self.accounts.keys().find(|n| self.signers.contains_key(*n)) {
            return Err(invalid(
                format!("{path}.accounts.{name}"),
                format!("{name:?} is also a signer"),
            ));
        }
        for (i, pair) in self.roots.windows(2).enumerate() {
            if pair[1].block <= pair[0].block {
                return Err(invalid(
                    format!("{path}.roots[{}].block", i + 1),
                    format!(
                        "root blocks strictly increase ({} after {})",
                        pair[1].block, pair[0].block
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl VectorFile {
    /// Checks what the types cannot: format 1, world names and roots, error and event arities,
    /// one result per call step, periods ≥ 1 (a `uac` vector of period 0: no steps), adversary blocks in order.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.format != FORMAT {
            return Err(invalid(
                "format",
                format!("unsupported format {}", self.format),
            ));
        }
        if let Some(world) = self.world() {
            world.validate("world")?;
        }
        match &self.vector {
            Vector::Atomic(v) => check_gas(v),
            Vector::Encoding(_) | Vector::Witness(_) => Ok(()),
            Vector::Challenge(v) => {
                if let Some(period) = v.period {
                    check_period("period", period)?;
                }
                let expects = std::iter::once(("expect.error".to_owned(), &v.expect)).chain(
                    v.also
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("also[{i}].expect.error"), &t.expect)),
                );
                for (path, expect) in expects {
                    if let Some(ChallengeExpect::Error(error)) = expect {
                        check_error(&path, error)?;
                    }
                }
                Ok(())
            }
            Vector::Uac(v) => {
                check_uac_deployment(v)?;
                let Some(expect) = &v.expect else {
                    return Ok(());
                };
                if let Some(CallResult::Error(error)) = &expect.deployment {
                    check_error("expect.deployment.error", error)?;
                }
                if let Some(results) = &expect.results {
                    let calls = v.calls().count();
                    if results.len() != calls {
                        return Err(invalid(
                            "expect.results",
                            format!(
                                "expected {calls} result(s), one per call step (advances have none), found {}",
                                results.len()
                            ),
                        ));
                    }
                    for (i, result) in results.iter().enumerate() {
                        if let CallResult::Error(error) = result {
                            check_error(&format!("expect.results[{i}].error"), error)?;
                        }
                    }
                }
                for (i, event) in expect.events.iter().flatten().enumerate() {
                    check_args(
                        &format!("expect.events[{i}]"),
                        event.args.as_ref(),
                        event.name.arity(),
                        event.name.as_str(),
                    )?;
                }
                Ok(())
            }
            Vector::Game(v) => {
                check_period("period", v.period)?;
                for (i, pair) in v.adversary.windows(2).enumerate() {
                    if pair[1].at_block < pair[0].at_block {
                        return Err(invalid(
                            format!("adversary[{}].at_block", i + 1),
                            "adversary actions are listed by block (non-decreasing at_block)",
                        ));
                    }
                }
                Ok(())
            }
        }
    }
}
