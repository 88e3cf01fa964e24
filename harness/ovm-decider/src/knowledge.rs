//! What the decider knows of an Unknown (spec §7 "Which Unknowns carry a pin"), combined over a
//! connective's children; shared by both evaluators.

use crate::UnknownReason;

/// What the decider knows about a connective from its Unknown children (§7 "Which Unknowns
/// carry a pin"), combined as Kleene logic does: a *conjunctive* connective (And, ForAll) is
/// known not True if some child is and known not False if every one is; a *disjunctive* one
/// (Not over `¬p`, Or, ThereExists) dually. Children that are True (conjunctive) or False
/// (disjunctive) change nothing; the others end the evaluation before this is asked.
pub(crate) struct Unknowns<C> {
    conjunctive: bool,
    any: bool,
    not_true: bool,
    not_false: bool,
    /// The first missing-data cause.
    cause: Option<UnknownReason>,
    /// The first undefined reason.
    undefined: Option<UnknownReason>,
    /// Conjunctive: the first challenge of undefined truth.
    pin_undefined: Option<C>,
    /// Conjunctive: the first challenge known not False.
    pin_not_false: Option<C>,
}

impl<C> Unknowns<C> {
    pub(crate) fn conjunctive() -> Self {
        Self::new(true)
    }

    pub(crate) fn disjunctive() -> Self {
        Self::new(false)
    }

    fn new(conjunctive: bool) -> Self {
        Self {
            conjunctive,
            any: false,
            not_true: !conjunctive,
            not_false: conjunctive,
            cause: None,
            undefined: None,
            pin_undefined: None,
            pin_not_false: None,
        }
    }

    /// Records a child of Unknown outcome (`why`), known not True / not False as given (for
    /// `Not`, the swapped knowledge of its input). For a conjunctive connective, `challenge`
    /// builds the child's challenge (`Not(child)`) only if it becomes a pin candidate.
    pub(crate) fn record_with(
        &mut self,
        not_true: bool,
        not_false: bool,
        why: &UnknownReason,
        challenge: Option<impl FnOnce() -> C>,
    ) {
        self.any = true;
        if self.conjunctive {
            self.not_true |= not_true;
            self.not_false &= not_false;
            // The challenge Not(child) is undefined iff the child is, known not False iff
            // the child is known not True.
            if let Some(challenge) = challenge {
                if not_true && not_false {
                    if self.pin_undefined.is_none() {
                        self.pin_undefined = Some(challenge());
                    }
                } else if not_true && self.pin_not_false.is_none() && self.pin_undefined.is_none() {
                    self.pin_not_false = Some(challenge());
                }
            }
        } else {
            self.not_true &= not_true;
            self.not_false |= not_false;
        }
        if why.is_undefined() {
            if self.undefined.is_none() {
                self.undefined = Some(why.clone());
            }
        } else if self.cause.is_none() {
            self.cause = Some(why.cause().clone());
        }
    }

    /// Records an Unknown child of reason `why`, with its own knowledge.
    pub(crate) fn record_reason(&mut self, why: &UnknownReason, challenge: impl FnOnce() -> C) {
        self.record_with(
            why.known_not_true(),
            why.known_not_false(),
            why,
            Some(challenge),
        );
    }

    /// Records the values an unusable hint stands for: one instance of undefined truth for a
    /// STORED hint on a key not yet written, else missing data (known neither way). They have
    /// no challenge value, so they are never a pin.
    pub(crate) fn record_hint_failure(&mut self, why: &UnknownReason) {
        let undefined = why.is_undefined();
        self.record_with(undefined, undefined, why, None::<fn() -> C>);
    }

    pub(crate) fn any(&self) -> bool {
        self.any
    }

    /// The Unknown's reason and pin. `challenge` is a disjunctive connective's one
    /// challenge, the pin when the connective is known not True.
    pub(crate) fn finish(self, challenge: impl FnOnce() -> C) -> (UnknownReason, Option<C>) {
        let pin = if !self.not_true {
            None
        } else if self.conjunctive {
            self.pin_undefined.or(self.pin_not_false)
        } else {
            Some(challenge())
        };
        let cause = || {
            self.cause
                .clone()
                .or_else(|| self.undefined.clone())
                .unwrap_or(UnknownReason::UndefinedChallenge)
        };
        let why = match (self.not_true, self.not_false) {
            (true, true) if pin.is_some() => UnknownReason::UndefinedChallenge,
            (true, true) => self
                .undefined
                .clone()
                .unwrap_or(UnknownReason::UndefinedChallenge),
            (true, false) => UnknownReason::NotTrue(Box::new(cause())),
            (false, true) => UnknownReason::NotFalse(Box::new(cause())),
            (false, false) => cause(),
        };
        (why, pin)
    }
}
