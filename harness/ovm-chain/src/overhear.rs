//! Overhearing one sub-call of a transaction: the UAC asks the claim's predicate
//! (`decideWithWitness`, `isValidChallenge`) inside `decideClaimWithWitness` and `challenge`;
//! a [`Chain::overhear`](crate::Chain::overhear)ed transaction records what the predicate
//! answered the UAC, so a caller that wants that answer too need not ask it a second time.

use alloy_primitives::{Address, Bytes};
use revm::{
    context::{ContextTr, JournalTr},
    context_interface::result::HaltReason,
    handler::{
        EthFrame, EvmTr, EvmTrError, FrameResult, FrameTr, Handler, ItemOrResult,
        evm::ContextDbError,
    },
    inspector::{Inspector, InspectorEvmTr, InspectorHandler},
    interpreter::{
        interpreter::EthInterpreter,
        interpreter_action::{FrameInit, FrameInput},
    },
    state::EvmState,
};

use crate::errors::Revert;

/// One sub-call to listen for: the callee and the exact calldata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// The address called.
    pub to: Address,
    /// The calldata, selector included.
    pub calldata: Bytes,
}

/// What the overheard sub-call returned: its return data, or its revert decoded.
pub type Heard = Result<Bytes, Revert>;

/// What [`Chain::overhear`](crate::Chain::overhear) listens for and has heard: the outcome
/// of the first call matching [`Wanted`] that returned or reverted (a halt, such as running
/// out of gas, is not an answer and is not recorded).
#[derive(Debug)]
pub(crate) struct CallListener {
    wanted: Wanted,
    heard: Option<Heard>,
}

impl CallListener {
    /// Listens for `wanted`.
    pub(crate) fn new(wanted: Wanted) -> Self {
        Self {
            wanted,
            heard: None,
        }
    }

    /// What was heard.
    pub(crate) fn heard(self) -> Option<Heard> {
        self.heard
    }

    /// Whether `init` starts the wanted call (and nothing was heard yet).
    fn wants<CTX: ContextTr>(&self, init: &FrameInit, context: &CTX) -> bool {
        let FrameInput::Call(inputs) = &init.frame_input else {
            return false;
        };
        self.heard.is_none()
            && inputs.target_address == self.wanted.to
            && inputs.input.len() == self.wanted.calldata.len()
            && inputs.input.bytes(context) == self.wanted.calldata
    }

    /// Records the result of the wanted call, if it is an answer.
    fn hear(&mut self, result: &FrameResult) {
        let FrameResult::Call(outcome) = result else {
            return;
        };
        let result = &outcome.result;
        if result.is_ok() {
            self.heard = Some(Ok(result.output.clone()));
        } else if result.is_revert() {
            self.heard = Some(Err(Revert::decode(&result.output)));
        }
    }
}

/// The mainnet handler with a frame loop that tells `listener` about the frames it starts
/// and ends. It watches frames, not instructions, so a listened-to transaction runs as fast as
/// any other (an inspector would be called on every instruction).
pub(crate) struct Listening<'l, EVM, ERROR> {
    listener: &'l mut CallListener,
    _evm: std::marker::PhantomData<(EVM, ERROR)>,
}

impl<'l, EVM, ERROR> Listening<'l, EVM, ERROR> {
    /// The handler reporting to `listener`.
    pub(crate) fn new(listener: &'l mut CallListener) -> Self {
        Self {
            listener,
            _evm: std::marker::PhantomData,
        }
    }
}

impl<EVM, ERROR> Handler for Listening<'_, EVM, ERROR>
where
    EVM: EvmTr<
            Context: ContextTr<Journal: JournalTr<State = EvmState>>,
            Frame: FrameTr<FrameResult = FrameResult, FrameInit = FrameInit>,
        >,
    ERROR: EvmTrError<EVM>,
{
    type Evm = EVM;
    type Error = ERROR;
    type HaltReason = HaltReason;

    /// The default frame loop, listening ([`listen`]).
    fn run_exec_loop(&mut self, evm: &mut EVM, first: FrameInit) -> Result<FrameResult, ERROR> {
        listen(
            self.listener,
            evm,
            first,
            |evm, init| Ok(evm.frame_init(init)?.map_item(|_| ())),
            |evm| Ok(evm.frame_run()?),
        )
    }
}

/// With an inspector (coverage recording): the inspecting frame loop, listening.
impl<EVM, ERROR> InspectorHandler for Listening<'_, EVM, ERROR>
where
    EVM: InspectorEvmTr<
            Context: ContextTr<Journal: JournalTr<State = EvmState>>,
            Frame = EthFrame<EthInterpreter>,
            Inspector: Inspector<<EVM as EvmTr>::Context, EthInterpreter>,
        >,
    ERROR: EvmTrError<EVM>,
{
    type IT = EthInterpreter;

    fn inspect_run_exec_loop(
        &mut self,
        evm: &mut EVM,
        first: FrameInit,
    ) -> Result<FrameResult, ERROR> {
        listen(
            self.listener,
            evm,
            first,
            |evm, init| Ok(evm.inspect_frame_init(init)?.map_item(|_| ())),
            |evm| Ok(evm.inspect_frame_run()?),
        )
    }
}

/// The frame loop of revm's handler (`init` starts a frame, `run` runs the top one), keeping
/// the height of the frame stack to tell `listener` when the wanted call's frame ends.
fn listen<EVM, ERROR>(
    listener: &mut CallListener,
    evm: &mut EVM,
    first: FrameInit,
    init: impl Fn(&mut EVM, FrameInit) -> Result<ItemOrResult<(), FrameResult>, ERROR>,
    run: impl Fn(&mut EVM) -> Result<ItemOrResult<FrameInit, FrameResult>, ERROR>,
) -> Result<FrameResult, ERROR>
where
    EVM: EvmTr<Frame: FrameTr<FrameResult = FrameResult, FrameInit = FrameInit>>,
    ERROR: From<ContextDbError<EVM::Context>>,
{
    // `height` frames are running; `open` is the height of the wanted call's frame while
    // it runs.
    let mut height = 1;
    let wanted = listener.wants(&first, evm.ctx_ref());
    let mut open = match init(evm, first)? {
        ItemOrResult::Result(result) => {
            if wanted {
                listener.hear(&result);
            }
            return Ok(result);
        }
        ItemOrResult::Item(_) => wanted.then_some(height),
    };
    loop {
        let result = match run(evm)? {
            ItemOrResult::Item(next) => {
                let wanted = open.is_none() && listener.wants(&next, evm.ctx_ref());
                match init(evm, next)? {
                    ItemOrResult::Item(_) => {
                        height += 1;
                        if wanted {
                            open = Some(height);
                        }
                        continue;
                    }
                    // No frame was pushed: the call ended at once.
                    ItemOrResult::Result(result) => {
                        if wanted {
                            listener.hear(&result);
                        }
                        result
                    }
                }
            }
            ItemOrResult::Result(result) => {
                if open == Some(height) {
                    open = None;
                    listener.hear(&result);
                }
                height -= 1;
                result
            }
        };
        if let Some(result) = evm.frame_return_result(result)? {
            return Ok(result);
        }
    }
}
