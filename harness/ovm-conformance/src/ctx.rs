//! The per-vector context: a fork of the deployed chain, the resolver, the decider's world and
//! the namer; plus the on-chain probes the kinds share.

use crate::{
    RunError,
    errors::ErrorMode,
    mirrors::Mirrors,
    probe::{ProbeNode, probe},
    views::{CallView, ErrorView, Namer, chain_call},
};
use alloy_sol_types::SolCall;
use ovm_chain::{
    Chain, ChainError, Deployment, Revert, account,
    bindings::{IConnective, IPredicate},
    overhear::Wanted,
};
use ovm_core::{Address, B256, Bytes, Property, Registry, U256};
use ovm_decider::{Decider, Truth, World};
use ovm_vectors::{Resolver, VectorFile};

/// The account the runner claims with (`claimProperty` of the vector's claim).
pub const CLAIMER: u64 = 900;
/// The account the runner challenges and decides with.
pub const CHALLENGER: u64 = 901;

/// Everything one vector runs against.
pub(crate) struct Ctx<'a, D: ?Sized> {
    /// The fork of the deployed chain.
    pub chain: Chain,
    /// Its deployment.
    pub d: Deployment,
    /// Its registry.
    pub registry: &'a Registry,
    /// The vector's resolver (block offsets from [`Ctx::base`]).
    pub resolver: Resolver<'a>,
    /// The decider's world (registry, witness store, storage mirror).
    pub world: World,
    /// The decider under test.
    pub decider: &'a D,
    /// The Rust functions compared with the contracts' views.
    pub mirrors: &'a dyn Mirrors,
    /// Readable names for reports and filled expectations.
    pub namer: Namer,
    /// The absolute block number of block offset 0.
    pub base: u64,
    /// The world's roots, as submitted before the vector runs (Plasma block, root).
    pub roots: Vec<(U256, B256)>,
    /// The world's code, as placed at its accounts before the vector runs.
    pub code: Vec<(Address, Bytes)>,
    /// Whether the kinds write a transcript line per call (`replay`); off for plain runs.
    pub transcript: bool,
    /// Whether the kinds write the vector with its expectations filled (off for
    /// [`crate::Runner::compare`]).
    pub fill: bool,
    /// How errors are compared.
    pub errors: &'a ErrorMode,
}

impl<'a, D: ?Sized> Ctx<'a, D> {
    /// A fresh fork of `snapshot` with the world's code placed, as a game of the vector starts.
    pub fn fork(&self, snapshot: &ovm_chain::Snapshot) -> Chain {
        let mut chain = Chain::from_snapshot(snapshot);
        for (address, code) in &self.code {
            chain.place_code(*address, code.clone());
        }
        chain
    }

    /// A context on `chain` (a fresh fork) for `file`: resolves the world, fills the witness
    /// store and submits the world's roots on both sides.
    pub fn new(
        mut chain: Chain,
        registry: &'a Registry,
        decider: &'a D,
        mirrors: &'a dyn Mirrors,
        errors: &'a ErrorMode,
        file: &VectorFile,
    ) -> Result<Self, RunError> {
        let d = chain.ovm()?;
        let base = chain.block_number();
        let contracts = [
            ("UAC", d.uac),
            ("CommitmentContract", d.commitment),
            ("deployer", d.deployer),
        ];
        let resolver = Resolver::for_vector(registry, contracts, file)?.with_block_base(base);
        let mut namer = Namer::new(registry, base);
        for (name, address) in contracts {
            namer.address(name, address);
        }
        for (name, signer) in resolver.signers() {
            namer.address(name, signer.address());
        }
        if let Some(w) = file.world() {
            for name in w.accounts.keys() {
                if let Some(address) = resolver.lookup(name.as_str()) {
                    namer.address(name.as_str(), address);
                }
            }
        }
        namer.address("runner", account(CLAIMER));
        namer.address("challenger", account(CHALLENGER));
        let mut world = World::new(registry.clone());
        let mut roots = Vec::new();
        let mut code = Vec::new();
        if let Some(w) = file.world() {
            for (bucket, entries) in &w.store {
                for (i, entry) in entries.iter().enumerate() {
                    let path = format!("world.store.{bucket}[{i}]");
                    let key = resolver.input(&entry.key, &format!("{path}.key"))?;
                    let value = resolver.input(&entry.value, &format!("{path}.value"))?;
                    world.witnesses.insert(bucket.clone(), key, value);
                }
            }
            for (name, bytes) in &w.code {
                let bytes = resolver.input(bytes, &format!("world.code.{name}"))?;
                if let Some(address) = resolver.lookup(name.as_str()) {
                    chain.place_code(address, bytes.clone());
                    code.push((address, bytes));
                }
            }
            for (i, root) in w.roots.iter().enumerate() {
                let path = format!("world.roots[{i}]");
                let word = resolver.word(&root.root, &format!("{path}.root"))?;
                let block = U256::from(root.block);
                world
                    .storage
                    .submit_root(d.commitment, block, word)
                    .map_err(|error| RunError::StorageRoot {
                        path: path.clone(),
                        error,
                    })?;
                chain
                    .submit_root(d.deployer, block, word)?
                    .into_result(format!("{path}: submitRoot"))?;
                roots.push((block, word));
            }
        }
        Ok(Self {
            chain,
            d,
            registry,
            resolver,
            world,
            decider,
            mirrors,
            namer,
            base,
            roots,
            code,
            transcript: false,
            fill: true,
            errors,
        })
    }

    /// Committed transactions and their gas so far.
    pub fn tx_stats(&self) -> (u64, u64) {
        (
            self.chain.tx_log().len() as u64,
            self.chain.total_gas_used(),
        )
    }
}

impl<D: Decider + ?Sized> Ctx<'_, D> {
    /// [`probe`]s `property` (reported at `path`) on this context's chain, world, decider and
    /// namer.
    pub fn probe(&mut self, property: &Property, path: &str) -> Result<ProbeNode, RunError> {
        probe(
            &mut self.chain,
            &self.world,
            self.decider,
            &self.namer,
            self.errors,
            property,
            path,
        )
    }
}

/// A view's answer: the value, or the revert (a view the spec says never reverts).
pub(crate) type ViewResult<T> = Result<T, Revert>;

/// Runs a view, separating a revert (an answer to compare) from a driver failure.
pub(crate) fn view_result<T>(result: Result<T, ChainError>) -> Result<ViewResult<T>, RunError> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(ChainError::Reverted { revert, .. }) => Ok(Err(revert)),
        Err(ChainError::Decode { function, reason }) => Ok(Err(Revert::Message(format!(
            "undecodable return of {function}: {reason}"
        )))),
        Err(other) => Err(other.into()),
    }
}

/// Shows a view's answer: the value, or `reverted …`.
pub(crate) fn show_view<T: std::fmt::Display>(namer: &Namer, result: &ViewResult<T>) -> String {
    match result {
        Ok(value) => value.to_string(),
        Err(revert) => namer.show_call(&chain_call::<()>(&Err(revert.clone()))),
    }
}

/// The on-chain three-valued truth of an atomic property (spec §5): `decide`, then, on a
/// throwaway fork where the property is claimed, whether `decideTrue` / `decideFalse` succeed.
#[derive(Clone, Debug)]
pub(crate) struct ChainTruth {
    /// `decide(inputs)`.
    pub decide: ViewResult<bool>,
    /// `decideTrue(inputs)` on the claimed game.
    pub decide_true: CallView,
    /// `decideFalse(inputs)` on the claimed game.
    pub decide_false: CallView,
}

/// What an atomic's three on-chain answers show ([`ChainTruth::read`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChainReading {
    /// A truth value, with the spec's errors (as the error mode compares them).
    Truth(Truth),
    /// A truth value by which entry point succeeded, but this entry point reverts with
    /// another error than the spec's (`NotTrue()` / `NotFalse()`): an error-identity
    /// difference only.
    OtherError(Truth, &'static str),
    /// The answers contradict each other (both entry points succeed, or `decide` disagrees
    /// with the one that does).
    Contradictory,
}

impl ChainTruth {
    /// The truth these answers show under `errors`: which of `decideTrue` / `decideFalse`
    /// succeeds (neither: Undefined), checked against `decide`, then whether each entry point
    /// that fails fails with the spec's error.
    pub fn read(&self, errors: &ErrorMode) -> ChainReading {
        let truth = match (self.decide_true.is_ok(), self.decide_false.is_ok()) {
            (true, false) => Truth::True,
            (false, true) => Truth::False,
            (false, false) => Truth::Undefined,
            (true, true) => return ChainReading::Contradictory,
        };
        if self.decide != Ok(truth == Truth::True) {
            return ChainReading::Contradictory;
        }
        let spec = |name: &str| {
            CallView::Err(ErrorView {
                name: name.to_owned(),
                args: Vec::new(),
            })
        };
        let entries = [
            ("decideTrue", &self.decide_true, "NotTrue"),
            ("decideFalse", &self.decide_false, "NotFalse"),
        ];
        for (entry, got, error) in entries {
            if !got.is_ok() && !errors.agree(&spec(error), got) {
                return ChainReading::OtherError(truth, entry);
            }
        }
        ChainReading::Truth(truth)
    }

    /// A one-line summary.
    pub fn show(&self, namer: &Namer) -> String {
        format!(
            "decide = {}, decideTrue {}, decideFalse {}",
            show_view(namer, &self.decide),
            namer.show_call(&self.decide_true),
            namer.show_call(&self.decide_false),
        )
    }
}

/// Probes an atomic on-chain; `chain` is left as it was (apart from its transaction log).
pub(crate) fn chain_truth(chain: &mut Chain, p: &Property) -> Result<ChainTruth, RunError> {
    let decide = view_result(chain.decide(p))?;
    let saved = chain.snapshot();
    let _ = chain.claim_property(account(CLAIMER), p)?;
    let decide_true = chain_call(&chain.decide_true(account(CHALLENGER), p)?.result);
    let decide_false = chain_call(&chain.decide_false(account(CHALLENGER), p)?.result);
    chain.restore(&saved);
    Ok(ChainTruth {
        decide,
        decide_true,
        decide_false,
    })
}

/// The question `isValidChallenge(p.inputs, ci, q)` to `p`'s predicate.
pub(crate) fn is_valid_challenge_call(
    p: &Property,
    ci: &[Bytes],
    q: &Property,
) -> IConnective::isValidChallengeCall {
    IConnective::isValidChallengeCall {
        inputs: p.inputs.clone(),
        challengeInputs: ci.to_vec(),
        challenge: q.into(),
    }
}

/// The question `decideWithWitness(p.inputs, w)` to `p`'s predicate.
pub(crate) fn decide_with_witness_call(
    p: &Property,
    w: &[Bytes],
) -> IPredicate::decideWithWitnessCall {
    IPredicate::decideWithWitnessCall {
        inputs: p.inputs.clone(),
        witness: w.to_vec(),
    }
}

/// `isValidChallenge(p.inputs, ci, q)` on `p`'s predicate.
pub(crate) fn chain_is_valid_challenge(
    chain: &mut Chain,
    p: &Property,
    ci: &[Bytes],
    q: &Property,
) -> Result<ViewResult<bool>, RunError> {
    view_result(chain.view(p.predicate, &is_valid_challenge_call(p, ci, q)))
}

/// `decideWithWitness(p.inputs, w)` on `p`'s predicate.
pub(crate) fn chain_decide_with_witness(
    chain: &mut Chain,
    p: &Property,
    w: &[Bytes],
) -> Result<ViewResult<bool>, RunError> {
    view_result(chain.view(p.predicate, &decide_with_witness_call(p, w)))
}

/// What the claim's predicate answered the question `C`.
pub(crate) type PredicateAnswer<C> = ViewResult<<C as SolCall>::Return>;

/// Runs the UAC transaction `tx` while listening for its question `ask` to `to` (the claim's
/// predicate), when there is one to ask: the transaction's result, and the predicate's answer
/// as the UAC heard it. When the UAC did not ask (or the question halted), the answer is asked
/// for after `tx`, as a view: the predicate is answered either way, and the EVM runs it once
/// when the UAC asks.
pub(crate) fn overheard<C: SolCall, T>(
    chain: &mut Chain,
    to: Address,
    ask: Option<&C>,
    tx: impl FnOnce(&mut Chain) -> Result<T, ChainError>,
) -> Result<(T, Option<PredicateAnswer<C>>), RunError> {
    let Some(ask) = ask else {
        return Ok((tx(chain)?, None));
    };
    let wanted = Wanted {
        to,
        calldata: ask.abi_encode().into(),
    };
    let (done, heard) = chain.overhear(wanted, tx);
    let done = done?;
    let answer = match heard {
        Some(Ok(data)) => {
            view_result(
                C::abi_decode_returns(&data).map_err(|e| ChainError::Decode {
                    function: C::SIGNATURE,
                    reason: e.to_string(),
                }),
            )?
        }
        Some(Err(revert)) => Err(revert),
        None => view_result(chain.view(to, ask))?,
    };
    Ok((done, Some(answer)))
}

/// The game ids a list of on-chain events created, in order.
pub(crate) fn created_games(events: &[ovm_chain::OvmEvent]) -> Vec<(B256, Property)> {
    events
        .iter()
        .filter_map(|e| match e {
            ovm_chain::OvmEvent::NewPropertyClaimed {
                game_id, property, ..
            } => Some((*game_id, property.clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::Arg;

    fn error(name: &str, args: Vec<Arg>) -> CallView {
        CallView::Err(ErrorView {
            name: name.to_owned(),
            args,
        })
    }

    fn answers(decide: bool, decide_true: CallView, decide_false: CallView) -> ChainTruth {
        ChainTruth {
            decide: Ok(decide),
            decide_true,
            decide_false,
        }
    }

    #[test]
    fn the_reading_takes_the_truth_from_which_entry_point_succeeds() {
        let strict = ErrorMode::Strict;
        let cases = [
            (
                answers(true, CallView::Ok, error("NotFalse", vec![])),
                ChainReading::Truth(Truth::True),
            ),
            (
                answers(false, error("NotTrue", vec![]), CallView::Ok),
                ChainReading::Truth(Truth::False),
            ),
            (
                answers(false, error("NotTrue", vec![]), error("NotFalse", vec![])),
                ChainReading::Truth(Truth::Undefined),
            ),
            (
                answers(true, CallView::Ok, CallView::Ok),
                ChainReading::Contradictory,
            ),
            (
                answers(false, CallView::Ok, error("NotFalse", vec![])),
                ChainReading::Contradictory,
            ),
        ];
        for (truth, reading) in cases {
            assert_eq!(truth.read(&strict), reading, "{truth:?}");
        }
    }

    #[test]
    fn another_error_is_an_identity_difference_only_where_the_mode_compares_errors() {
        let other = error("Error", vec![Arg::Raw(Bytes::from_static(b"not false"))]);
        let truth = answers(true, CallView::Ok, other);
        assert_eq!(
            truth.read(&ErrorMode::Strict),
            ChainReading::OtherError(Truth::True, "decideFalse")
        );
        assert_eq!(
            truth.read(&ErrorMode::Outcome),
            ChainReading::Truth(Truth::True)
        );
    }
}
