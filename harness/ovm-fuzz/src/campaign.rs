//! Seeded campaigns: per-layer proptest runners with a ChaCha RNG derived from the seed (same
//! seed and case count ⇒ same cases and records, byte for byte), shrinking of failures,
//! de-duplication by signature, regression vectors, and the per-case driver benches use.

use crate::{
    env::Env,
    feedback::{Corpus, Recipe},
    found::{CaseRecord, Found, Layer, Severity},
    layers::{
        Cx, FuzzLayer, atomic::Atomic, challenge::Challenge, encoding::Encoding, narrow,
        sequence::Sequence, truncated, witness::Witness,
    },
    regress::{self, WriteMode},
    shard::Shard,
};
use ovm_chain::coverage::Novelty;
use ovm_conformance::Judge;
use ovm_core::keccak256;
use proptest::{
    strategy::{BoxedStrategy, Strategy, ValueTree},
    test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
};
use std::{
    collections::HashSet,
    sync::Arc,
    time::{Duration, Instant},
};

/// How long a campaign runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// This many cases per layer.
    Cases(u64),
    /// Round-robin over the layers until this much time has passed (the cases of each layer
    /// are a prefix of the [`Budget::Cases`] sequence of the same seed).
    Duration(Duration),
}

/// Campaign options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Shrink failing cases (proptest's simplify/complicate) before reporting them.
    pub shrink: bool,
    /// At most this many shrink steps per failure.
    pub max_shrink_steps: u32,
    /// Where regression vectors go (default: nowhere; the project's own `cargo test` campaign
    /// writes into `vectors/regressions/`, see [`WriteMode::from_env`]).
    pub write: WriteMode,
    /// Stop at the first bug.
    pub stop_at_first: bool,
    /// Nested connectives in generated properties (at most).
    pub depth: u32,
    /// The part of the cases this process checks (the others are drawn and skipped).
    pub shard: Shard,
    /// Coverage as feedback ([`crate::feedback`]): every other case of a layer mutates a
    /// kept case that reached a new contract branch outcome (when the judge records the
    /// contracts' coverage, [`Judge::contract_coverage`]) or a new outcome shape. Only a
    /// whole campaign uses it: a shard cannot see what the other shards reached, so with a
    /// shard other than 1/1 it is off.
    pub feedback: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            shrink: true,
            max_shrink_steps: 200,
            write: WriteMode::Never,
            stop_at_first: false,
            depth: 4,
            shard: Shard::WHOLE,
            feedback: false,
        }
    }
}

impl Options {
    /// Mutant mode: stop at the first failure, no shrinking, nothing written.
    pub fn probe() -> Self {
        Self {
            shrink: false,
            write: WriteMode::Never,
            stop_at_first: true,
            ..Self::default()
        }
    }
}

/// A campaign: `Campaign { seed, budget, layers, .. }.run(&env, &judge, …)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Campaign {
    /// The seed (every layer's RNG is derived from it).
    pub seed: u64,
    /// Cases per layer, or a duration.
    pub budget: Budget,
    /// The layers to run.
    pub layers: Vec<Layer>,
    /// Options.
    pub options: Options,
}

/// One unique finding (de-duplicated by signature).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The layer that found it.
    pub layer: Layer,
    /// What the (shrunk) case found.
    pub found: Found,
    /// The case index (within its layer) that first hit it.
    pub case: u64,
    /// How many cases hit the same signature.
    pub hits: u64,
    /// Shrink steps taken.
    pub shrink_steps: u32,
    /// The regression vector written, if any.
    pub vector: Option<std::path::PathBuf>,
    /// The command that replays it against the same decider and contracts.
    pub replay: Option<String>,
    /// The shrunk case (debug form).
    pub minimal: String,
}

impl Finding {
    /// The stable de-duplication signature: `layer/` and [`Found::signature`] (for a
    /// divergence, the signature `replay` of the regression vector shows).
    pub fn signature(&self) -> String {
        format!("{}/{}", self.layer, self.found.signature())
    }

    /// The failure message: what diverged, the vector file and the replay command.
    pub fn message(&self, seed: u64) -> String {
        let mut text = format!(
            "layer {} divergence {} (seed {seed:#x}, case {}, {} shrink steps): {}\n  minimal case: {}",
            self.layer,
            self.signature(),
            self.case,
            self.shrink_steps,
            self.found.detail(),
            truncated(&self.minimal, 2000),
        );
        match (&self.vector, &self.replay) {
            (Some(path), Some(replay)) => text.push_str(&format!(
                "\n  vector: {}\n  replay: {replay}",
                path.display()
            )),
            _ => text.push_str("\n  (no vector written)"),
        }
        text
    }
}

/// What a campaign produced.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every case's record, by layer then case (deterministic).
    pub records: Vec<CaseRecord>,
    /// Unique bugs, in the order found.
    pub bugs: Vec<Finding>,
    /// Unique unguarded claims.
    pub unguarded: Vec<Finding>,
    /// Unique cases of the documented §10 limitation (storage written too late).
    pub limitations: Vec<Finding>,
    /// Cases checked per layer (of a shard: its own).
    pub cases: Vec<(Layer, u64)>,
    /// Wall time per layer (not part of the records).
    pub time: Vec<(Layer, Duration)>,
    /// What the feedback kept and reached, when it was on.
    pub feedback: Option<FeedbackReport>,
}

/// What coverage feedback did in a campaign.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedbackReport {
    /// Cases kept per layer.
    pub corpus: Vec<(Layer, usize)>,
    /// Branch outcomes of the bundled contracts reached by the end, of all of them (`None`
    /// when the judge does not record the contracts' coverage).
    pub branches: Option<(usize, usize)>,
}

impl Report {
    /// The records as JSON lines (byte-stable for a seed and case count).
    pub fn records_jsonl(&self) -> String {
        crate::shard::jsonl(&self.records)
    }

    /// Unique signatures found (bugs and unguarded claims).
    pub fn unique_divergences(&self) -> usize {
        self.bugs.len() + self.unguarded.len() + self.limitations.len()
    }
}

/// Progress of a running campaign.
#[derive(Clone, Debug)]
pub struct Progress {
    /// The layer of the case just run.
    pub layer: Layer,
    /// Cases run so far (all layers).
    pub cases: u64,
    /// Unique divergences so far.
    pub unique: usize,
    /// Elapsed time.
    pub elapsed: Duration,
}

/// What one case did.
#[derive(Clone, Debug)]
pub enum CaseOutcome {
    /// Both halves agree.
    Agree(String),
    /// A divergence (shrunk when the options say so).
    Diverged(Box<Finding>),
}

/// Runs cases of one layer, one at a time (benches call [`Driver::run_case`]).
pub trait Driver {
    /// The layer.
    fn layer(&self) -> Layer;
    /// Generates, checks (and on failure shrinks) the next case.
    /// Returns the case's hash (keccak of its debug form) and what it did.
    fn run_case(&mut self, cx: Cx<'_>, options: &Options, seed: u64) -> (String, CaseOutcome);
    /// Draws the next case without checking it (another shard's), so the cases after it are
    /// the whole campaign's.
    fn skip_case(&mut self);
    /// Cases drawn (run or skipped).
    fn cases(&self) -> u64;
    /// Keeps the case [`Driver::run_case`] ran last in the layer's feedback corpus (it
    /// reached something new).
    fn keep_last(&mut self);
    /// Cases kept in the feedback corpus.
    fn corpus_len(&self) -> usize;
}

struct LayerDriver<L: FuzzLayer> {
    _layer: std::marker::PhantomData<L>,
    runner: TestRunner,
    strategy: BoxedStrategy<L::Case>,
    index: u64,
    corpus: Corpus,
    /// The recipe of the case run last (with feedback on).
    last: Option<Recipe>,
}

/// The RNG seed of `layer` in a campaign seeded with `seed`.
pub fn layer_seed(seed: u64, layer: Layer) -> [u8; 32] {
    keccak256([&seed.to_be_bytes()[..], layer.name().as_bytes()].concat()).0
}

impl<L: FuzzLayer> LayerDriver<L> {
    fn new(env: &Env, seed: u64, depth: u32) -> Self {
        let config = Config {
            failure_persistence: None,
            ..Config::default()
        };
        let layer_seed = layer_seed(seed, L::LAYER);
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &layer_seed);
        Self {
            runner: TestRunner::new_with_rng(config, rng),
            strategy: L::strategy(env, depth),
            index: 0,
            corpus: Corpus::new(keccak256([&layer_seed[..], b"feedback"].concat()).0),
            last: None,
            _layer: std::marker::PhantomData,
        }
    }
}

impl<L: FuzzLayer> Driver for LayerDriver<L> {
    fn layer(&self) -> Layer {
        L::LAYER
    }

    fn cases(&self) -> u64 {
        self.index
    }

    fn keep_last(&mut self) {
        if let Some(recipe) = self.last.take() {
            self.corpus.keep(recipe);
        }
    }

    fn corpus_len(&self) -> usize {
        self.corpus.len()
    }

    fn skip_case(&mut self) {
        self.index += 1;
        // Only the random stream matters: drawing advances it as the whole campaign's run does
        // (a failed generation included).
        let _ = self.strategy.new_tree(&mut self.runner);
    }

    fn run_case(&mut self, cx: Cx<'_>, options: &Options, seed: u64) -> (String, CaseOutcome) {
        let index = self.index;
        self.index += 1;
        // With feedback, every other case mutates a kept one (while there is one).
        let mutant = (options.feedback && index % 2 == 1)
            .then(|| self.corpus.mutant())
            .flatten();
        let drawn = match mutant {
            Some(recipe) => {
                let tree = recipe.tree(&self.strategy);
                self.last = Some(recipe);
                tree
            }
            None if options.feedback => {
                let (recipe, tree) = Recipe::draw(&self.strategy, &mut self.runner);
                self.last = Some(recipe);
                tree
            }
            None => self
                .strategy
                .new_tree(&mut self.runner)
                .map_err(|reason| reason.to_string()),
        };
        let mut tree = match drawn {
            Ok(tree) => tree,
            Err(reason) => {
                return (
                    String::new(),
                    CaseOutcome::Agree(format!("generation failed: {reason}")),
                );
            }
        };
        let case = tree.current();
        let hash = keccak256(format!("{case:?}")).to_string();
        let found = match L::check(cx, &case) {
            Ok(summary) => return (hash, CaseOutcome::Agree(summary)),
            Err(found) => found,
        };
        let mut minimal = case;
        let mut best = found;
        let mut steps = 0;
        if options.shrink && best.is_bug() {
            let started = Instant::now();
            let mut failing = true;
            while steps < options.max_shrink_steps && started.elapsed() < Duration::from_secs(60) {
                let moved = if failing {
                    tree.simplify()
                } else {
                    tree.complicate()
                };
                if !moved {
                    break;
                }
                steps += 1;
                let candidate = tree.current();
                match L::check(cx, &candidate) {
                    Err(found) if found.class() == best.class() => {
                        failing = true;
                        minimal = candidate;
                        best = found;
                    }
                    _ => failing = false,
                }
            }
        }
        // The vector is built (and narrowed, which re-runs its tries) only when it is written.
        let vector = if best.is_bug() && options.write != WriteMode::Never {
            regress::write(
                &options.write,
                L::LAYER,
                &best,
                L::to_vector(cx, &minimal, &best).map(|file| narrow(cx, file, &best)),
                &format!("seed {seed:#x}, case {index}"),
                &cx.judge.contracts().identity(),
            )
        } else {
            None
        };
        (
            hash,
            CaseOutcome::Diverged(Box::new(Finding {
                layer: L::LAYER,
                found: best,
                case: index,
                hits: 1,
                shrink_steps: steps,
                replay: vector.as_deref().map(|path| cx.judge.replay_command(path)),
                vector,
                minimal: format!("{minimal:?}"),
            })),
        )
    }
}

/// A driver of the layer `L` seeded with `seed`.
pub fn layer_driver<L: FuzzLayer + 'static>(env: &Env, seed: u64, depth: u32) -> Box<dyn Driver> {
    Box::new(LayerDriver::<L>::new(env, seed, depth))
}

/// A driver of `layer` seeded with `seed`.
pub fn driver(layer: Layer, env: &Env, seed: u64, depth: u32) -> Box<dyn Driver> {
    match layer {
        Layer::E => Box::new(LayerDriver::<Encoding>::new(env, seed, depth)),
        Layer::A => Box::new(LayerDriver::<Atomic>::new(env, seed, depth)),
        Layer::W => Box::new(LayerDriver::<Witness>::new(env, seed, depth)),
        Layer::C => Box::new(LayerDriver::<Challenge>::new(env, seed, depth)),
        Layer::S => Box::new(LayerDriver::<Sequence>::new(env, seed, depth)),
        Layer::G => crate::game::driver(env, seed, depth),
    }
}

impl Campaign {
    /// The default `cargo test` campaign of one layer: the fixed seed, the layer's default
    /// case count (or `PROPTEST_CASES`), default options.
    pub fn default_for(layer: Layer) -> Self {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| layer.default_cases());
        Self {
            seed: DEFAULT_SEED,
            budget: Budget::Cases(cases),
            layers: vec![layer],
            options: Options::default(),
        }
    }

    /// Runs the campaign against the conformance engine `judge` (its decider, mirrors and
    /// contracts) on `env`, calling `progress` after every case.
    pub fn run(&self, env: &Env, judge: &dyn Judge, progress: &mut dyn FnMut(&Progress)) -> Report {
        let cx = Cx { env, judge };
        let started = Instant::now();
        let mut drivers: Vec<Box<dyn Driver>> = self
            .layers
            .iter()
            .map(|l| driver(*l, env, self.seed, self.options.depth))
            .collect();
        let mut report = Report::default();
        let feedback = self.options.feedback && self.options.shard.is_whole();
        let options = Options {
            feedback,
            ..self.options.clone()
        };
        let mut novelty = judge
            .contract_coverage()
            .filter(|_| feedback)
            .and_then(|hits| Novelty::new(Arc::clone(hits)).ok());
        let mut shapes: Vec<HashSet<String>> = vec![HashSet::new(); drivers.len()];
        let mut records: Vec<Vec<CaseRecord>> = vec![Vec::new(); drivers.len()];
        let mut times = vec![Duration::ZERO; drivers.len()];
        let mut ran = vec![0u64; drivers.len()];
        let shard = self.options.shard;
        let mut total = 0u64;
        let mut active: Vec<bool> = vec![true; drivers.len()];
        'outer: loop {
            let mut any = false;
            for (i, d) in drivers.iter_mut().enumerate() {
                if !active[i] {
                    continue;
                }
                while !shard.owns(d.cases())
                    && !matches!(self.budget, Budget::Cases(n) if d.cases() >= n)
                {
                    d.skip_case();
                }
                match self.budget {
                    Budget::Cases(n) if d.cases() >= n => {
                        active[i] = false;
                        continue;
                    }
                    Budget::Duration(limit) if started.elapsed() >= limit => break 'outer,
                    _ => {}
                }
                any = true;
                let t = Instant::now();
                let index = d.cases();
                let (hash, outcome) = d.run_case(cx, &options, self.seed);
                times[i] += t.elapsed();
                ran[i] += 1;
                total += 1;
                let (summary, stop) = match outcome {
                    CaseOutcome::Agree(summary) => (summary, false),
                    CaseOutcome::Diverged(finding) => {
                        let signature = finding.signature();
                        let severity = finding.found.severity();
                        let is_bug = severity == Severity::Bug;
                        let list = match severity {
                            Severity::Bug => &mut report.bugs,
                            Severity::Unguarded => &mut report.unguarded,
                            Severity::Limitation => &mut report.limitations,
                        };
                        match list.iter_mut().find(|f| f.signature() == signature) {
                            Some(existing) => existing.hits += 1,
                            None => list.push(*finding),
                        }
                        let summary = match severity {
                            Severity::Bug => format!("DIVERGED {signature}"),
                            Severity::Unguarded => format!("UNGUARDED {signature}"),
                            Severity::Limitation => format!("LIMITATION {signature}"),
                        };
                        (summary, is_bug && self.options.stop_at_first)
                    }
                };
                if feedback {
                    let new_branches = novelty.as_mut().map_or(0, Novelty::newly_reached);
                    if shapes[i].insert(summary.clone()) || new_branches > 0 {
                        d.keep_last();
                    }
                }
                records[i].push(CaseRecord {
                    layer: d.layer(),
                    case: index,
                    hash,
                    outcome: summary,
                });
                progress(&Progress {
                    layer: d.layer(),
                    cases: total,
                    unique: report.unique_divergences(),
                    elapsed: started.elapsed(),
                });
                if stop {
                    break 'outer;
                }
            }
            if !any {
                break;
            }
        }
        for (i, d) in drivers.iter().enumerate() {
            report.cases.push((d.layer(), ran[i]));
            report.time.push((d.layer(), times[i]));
        }
        for layer_records in records {
            report.records.extend(layer_records);
        }
        report.feedback = feedback.then(|| FeedbackReport {
            corpus: drivers
                .iter()
                .map(|d| (d.layer(), d.corpus_len()))
                .collect(),
            branches: novelty.as_ref().map(|n| (n.reached(), n.outcomes())),
        });
        report
    }
}

/// The fixed seed of the default `cargo test` budget.
pub const DEFAULT_SEED: u64 = 0x005e_ed0f_0a5e;
