//! `ovm-mutants`: the mutation gate. Samples mutants of the decider and core crates
//! (cargo-mutants) and of the contracts (universalmutator) with a seed, and judges each by
//! the conformance suite alone — `ovm-conformance run` (every vector, then the fuzz layers),
//! built from a scratch copy of the workspace; Solidity mutants run as plugged-in contracts.
//! See `harness/ovm-mutants/README.md`.

mod equivalent;
mod error;
mod judge;
mod mutant;
mod process;
mod report;
mod rules;
mod rust;
mod sample;
mod solidity;
mod tree;

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
    time::{Duration, Instant},
};

use clap::Parser;

use crate::{
    equivalent::Equivalents,
    error::{GateError, io},
    judge::Judge,
    mutant::{Mutant, Verdict},
    report::{Record, holds, markdown},
    solidity::Build,
    tree::Tree,
};

/// Samples mutants and judges each by the conformance suite alone.
#[derive(Parser)]
#[command(name = "ovm-mutants", version)]
struct Args {
    /// Viable Rust mutants to judge (of `ovm-core` and `ovm-decider`).
    #[arg(long, default_value_t = 40)]
    rust: usize,
    /// Viable Solidity mutants to judge (of `contracts/src`).
    #[arg(long, default_value_t = 40)]
    solidity: usize,
    /// The sample's seed: the same seed and sources give the same mutants, in the same order.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Cases per fuzz layer in each judging run.
    #[arg(long, default_value_t = 2000)]
    fuzz_cases: u64,
    /// Percent of the judged (non-equivalent) mutants of each side that must be caught.
    #[arg(long, default_value_t = 95.0)]
    bar: f64,
    /// Scratch folder: the copy, its build (kept between runs) and the report.
    #[arg(long)]
    work: Option<PathBuf>,
    /// Only mutants whose name contains this text (to re-judge one mutant, e.g. a survivor).
    #[arg(long)]
    only: Option<String>,
    /// Only print the sampled mutants, in order, without building or judging.
    #[arg(long)]
    list: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// The workspace this binary was built from.
fn checkout() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn run(args: &Args) -> Result<bool, GateError> {
    let checkout = checkout();
    let work = args
        .work
        .clone()
        .unwrap_or_else(|| checkout.join("target/mutation-gate"));
    std::fs::create_dir_all(&work).map_err(io(&work))?;
    let equivalents = Equivalents::load(&checkout.join("harness/ovm-mutants/equivalent.json"))?;
    eprintln!("copying the workspace into {}", work.join("tree").display());
    let tree = Tree::copy(&checkout, &work)?;

    let mut rust = if args.rust > 0 {
        rust::list(&tree)?
    } else {
        Vec::new()
    };
    let mut solidity = if args.solidity > 0 {
        solidity::list(&tree, &work.join("solidity/generated"))?
    } else {
        Vec::new()
    };
    if let Some(text) = &args.only {
        rust.retain(|m| m.name.contains(text.as_str()));
        solidity.retain(|m| m.name.contains(text.as_str()));
    }
    if args.list {
        for (mutants, want) in [(&rust, args.rust), (&solidity, args.solidity)] {
            for index in sample::order(mutants.len(), args.seed)
                .into_iter()
                .take(want)
            {
                println!("{}", mutants[index].name);
            }
        }
        return Ok(true);
    }

    eprintln!(
        "building the unmutated judge (cargo profile `{}`)",
        tree::PROFILE
    );
    let built = tree
        .build_judge()?
        .map_err(|why| GateError::Baseline(format!("it does not build: {why}")))?;
    let baseline_binary = work.join("baseline-ovm-conformance");
    std::fs::copy(&built, &baseline_binary).map_err(io(&built))?;
    let mut judge = Judge {
        binary: baseline_binary,
        root: tree.root.clone(),
        fuzz_cases: args.fuzz_cases,
        limit: Duration::from_secs(3600),
    };
    let (verdict, took) = judge.judge(None)?;
    if verdict != Verdict::Survived {
        return Err(GateError::Baseline(format!("{verdict:?}")));
    }
    judge.limit = (took * 10).max(Duration::from_secs(30));
    eprintln!(
        "the unmutated suite passes in {:.1} s; a judging run over {:.0} s is a timeout",
        took.as_secs_f64(),
        judge.limit.as_secs_f64()
    );

    let mut gate = Gate {
        tree: &tree,
        checkout: &checkout,
        work: &work,
        judge: &judge,
        equivalents: &equivalents,
        seed: args.seed,
        records: Vec::new(),
    };
    if args.solidity > 0 {
        gate.solidity(&solidity, args.solidity)?;
    }
    if args.rust > 0 {
        gate.rust(&rust, args.rust)?;
    }
    let records = gate.records;

    let given: Vec<String> = std::env::args().skip(1).collect();
    let command = format!("cargo run -p ovm-mutants -- {}", given.join(" "));
    let report = markdown(&records, &command, args.bar);
    let jsonl: String = records
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default() + "\n")
        .collect();
    for (name, text) in [("report.md", &report), ("records.jsonl", &jsonl)] {
        let path = work.join(name);
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    let summary_end = report.find("## Survivors").unwrap_or(report.len());
    let survivors_end = report.find("## All sampled").unwrap_or(report.len());
    println!(
        "{}{}",
        &report[..summary_end],
        &report[summary_end..survivors_end]
    );
    println!(
        "records: {}\nreport:  {}",
        work.join("records.jsonl").display(),
        work.join("report.md").display()
    );
    Ok(holds(&records, args.bar))
}

/// What judging a sample needs: the scratch tree, the unmutated judge, the equivalent list
/// and the seed; verdicts are appended to `records`.
struct Gate<'a> {
    tree: &'a Tree,
    checkout: &'a Path,
    work: &'a Path,
    judge: &'a Judge,
    equivalents: &'a Equivalents,
    seed: u64,
    records: Vec<Record>,
}

impl Gate<'_> {
    /// Judges Solidity mutants in seed order until `want` were judged.
    fn solidity(&mut self, mutants: &[Mutant], want: usize) -> Result<(), GateError> {
        let (tree, checkout, work, judge) = (self.tree, self.checkout, self.work, self.judge);
        let base = solidity::compile(tree, checkout, &work.join("solidity/base"))?
            .map_err(|why| GateError::Baseline(format!("the contracts do not compile: {why}")))?;
        let (verdict, _) = judge.judge(Some(&base.manifest()))?;
        if verdict != Verdict::Survived {
            return Err(GateError::Baseline(format!(
                "against the compiled contracts as a manifest: {verdict:?}"
            )));
        }
        self.walk(mutants, want, |mutant| {
            let compiled = {
                let _restore = tree.mutate(&mutant.file, &mutant.mutated)?;
                solidity::compile(tree, checkout, &work.join("solidity/mutant"))?
            };
            match compiled {
                Err(why) => Ok(Verdict::Unviable { why }),
                Ok(build) => judge_build(judge, &base, &build),
            }
        })
    }

    /// Judges Rust mutants in seed order until `want` were judged; each is built into a
    /// judge of its own.
    fn rust(&mut self, mutants: &[Mutant], want: usize) -> Result<(), GateError> {
        let (tree, judge) = (self.tree, self.judge);
        self.walk(mutants, want, |mutant| {
            let built = {
                let _restore = tree.mutate(&mutant.file, &mutant.mutated)?;
                tree.build_judge()?
            };
            match built {
                Err(why) => Ok(Verdict::Unviable { why }),
                Ok(binary) => Ok(Judge {
                    binary,
                    root: judge.root.clone(),
                    ..*judge
                }
                .judge(None)?
                .0),
            }
        })
    }

    /// Walks `mutants` in the order of the seed, judging each with `verdict_of`, until `want`
    /// were judged (see [`counts_toward_sample`]); every verdict is recorded.
    fn walk(
        &mut self,
        mutants: &[Mutant],
        want: usize,
        mut verdict_of: impl FnMut(&Mutant) -> Result<Verdict, GateError>,
    ) -> Result<(), GateError> {
        let mut judged = 0;
        for index in sample::order(mutants.len(), self.seed) {
            if judged == want {
                break;
            }
            let mutant = &mutants[index];
            let start = Instant::now();
            let verdict = verdict_of(mutant)?;
            judged += usize::from(counts_toward_sample(&verdict));
            let equivalent = self.equivalents.reason(&mutant.key).map(str::to_owned);
            let record = Record::new(mutant, verdict, equivalent, start.elapsed());
            eprintln!("{}", record.line());
            self.records.push(record);
        }
        Ok(())
    }
}

/// The verdict on compiled mutant contracts: the same contracts must stay deployable, and
/// identical bytecode is no change at all.
fn judge_build(judge: &Judge, base: &Build, build: &Build) -> Result<Verdict, GateError> {
    if build.codes.keys().ne(base.codes.keys()) {
        return Ok(Verdict::Unviable {
            why: "the set of deployable contracts changed".into(),
        });
    }
    if build.codes == base.codes {
        return Ok(Verdict::SameCode);
    }
    Ok(judge.judge(Some(&build.manifest()))?.0)
}

/// The sample size counts mutants the suite actually judged.
fn counts_toward_sample(verdict: &Verdict) -> bool {
    verdict.is_viable() && *verdict != Verdict::SameCode
}
