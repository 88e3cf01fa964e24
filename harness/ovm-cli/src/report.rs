//! `report --out DIR`: the per-rule conformance report of several implementations side by side
//! — the bundled reference always, the global `--contracts` / `--decider` when given, and each
//! `--impl SPEC` — written as `DIR/report.json`, `DIR/report.md` and `DIR/report.html`
//! (the model is [`ovm_conformance::matrix`], the renderings [`ovm_conformance::render`]).

use crate::{
    BoxedDecider, CliError, DeciderFactory, Options, build_runner, files,
    fuzz::{FuzzArgs, run_campaign},
    output::outln,
    parallel::on_every_file,
    progress::progress,
    run::append,
};
use clap::Args;
use ovm_conformance::{
    Runner,
    coverage::invariant_of,
    matrix::{Fuzz, FuzzLayer, Matrix, Results},
    render,
};
use std::{
    fmt,
    path::{Path, PathBuf},
    str::FromStr,
    sync::Arc,
};

/// `report [OPTIONS] --out DIR [PATHS]…`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The folder to write `report.json`, `report.md` and `report.html` into (created if
    /// missing); nothing is written anywhere else.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// One more implementation, as a column: `contracts=MANIFEST`, `decider=NAME`, or both
    /// (`contracts=MANIFEST,decider=NAME`). Repeatable.
    #[arg(long = "impl", value_name = "SPEC")]
    pub implementations: Vec<Implementation>,
    /// Fuzz cases per layer and implementation, seeded (0: no campaign, the report says
    /// "not run").
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fuzz_cases: u64,
    /// Vector files or folders (default: the whole suite under vectors/).
    pub paths: Vec<PathBuf>,
}

/// One implementation under test: a decider against contracts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Implementation {
    /// The contracts' manifest (`None`: the bundled contracts).
    pub contracts: Option<PathBuf>,
    /// The decider's name (`reference`, `budget:N` or a name the binary's factory knows).
    pub decider: String,
}

impl Implementation {
    /// The bundled contracts with the reference decider.
    pub fn reference() -> Self {
        Self {
            contracts: None,
            decider: "reference".to_owned(),
        }
    }

    /// Whether this is the bundled reference.
    fn is_reference(&self) -> bool {
        *self == Self::reference()
    }
}

/// The column label: `reference`, or the spec (`contracts=PATH`, `decider=NAME`, both
/// comma-separated), paths as given.
impl fmt::Display for Implementation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_reference() {
            return f.write_str("reference");
        }
        let mut parts = Vec::new();
        if let Some(manifest) = &self.contracts {
            parts.push(format!("contracts={}", manifest.display()));
        }
        if self.decider != "reference" {
            parts.push(format!("decider={}", self.decider));
        }
        f.write_str(&parts.join(","))
    }
}

impl FromStr for Implementation {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let mut implementation = Self::reference();
        let (mut contracts, mut decider) = (false, false);
        for part in spec.split(',') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            if value.is_empty() {
                return Err(format!(
                    "{part:?} is not KEY=VALUE (contracts=MANIFEST, decider=NAME)"
                ));
            }
            let seen = match key {
                "contracts" => {
                    implementation.contracts = Some(PathBuf::from(value));
                    &mut contracts
                }
                "decider" => {
                    implementation.decider = value.to_owned();
                    &mut decider
                }
                _ => return Err(format!("unknown key {key:?} (contracts, decider)")),
            };
            if std::mem::replace(seen, true) {
                return Err(format!("{key} given twice in {spec:?}"));
            }
        }
        Ok(implementation)
    }
}

/// The columns of a report: the reference, the global options' implementation (when it is not
/// the reference), then `--impl`s, each once.
fn columns(options: &Options, args: &ReportArgs) -> Vec<Implementation> {
    let global = Implementation {
        contracts: options.contracts.clone(),
        decider: options.decider.clone(),
    };
    let mut columns: Vec<Implementation> = Vec::new();
    for implementation in [Implementation::reference(), global]
        .into_iter()
        .chain(args.implementations.iter().cloned())
    {
        if !columns.contains(&implementation) {
            columns.push(implementation);
        }
    }
    columns
}

/// Runs the vectors (and the fuzz campaign, if asked) on every implementation, writes the three
/// files into `--out` (and appends the Markdown to `--markdown FILE`, if given) and prints one
/// summary line per implementation. `Ok(true)` when every implementation conforms.
pub(crate) fn report(
    options: &Options,
    args: &ReportArgs,
    factory: DeciderFactory,
) -> Result<bool, CliError> {
    let files = files(&args.paths)?;
    // Before anything runs, so that an unusable `--out` costs no run.
    std::fs::create_dir_all(&args.out).map_err(|source| CliError::Write {
        path: args.out.clone(),
        source,
    })?;
    // Every runner first, so that a bad `--impl` is reported before anything runs.
    let mut runners = Vec::new();
    for implementation in columns(options, args) {
        // The reference is the baseline: its errors are always compared strictly.
        let errors = if implementation.is_reference() {
            "strict"
        } else {
            &options.errors
        };
        let runner = build_runner(
            &implementation.decider,
            implementation.contracts.as_deref(),
            errors,
            factory,
        )?;
        runners.push((implementation.to_string(), Arc::new(runner)));
    }
    let mut results = Vec::new();
    for (label, runner) in runners {
        eprintln!("report: running {} vector(s) on {label}", files.len());
        results.push(column(label, runner, options, &files, args.fuzz_cases)?);
    }
    let matrix = Matrix::new(&results);
    let markdown = render::markdown(&matrix);
    for (name, text) in [
        ("report.json", render::json(&matrix)),
        ("report.md", markdown.clone()),
        ("report.html", render::html(&matrix)),
    ] {
        write(&args.out.join(name), &text)?;
    }
    if let Some(path) = &options.markdown {
        append(path, &markdown)?;
    }
    for column in &matrix.columns {
        outln!(
            "{}: {} distinct problem(s); {}",
            column.label,
            column.problems.len(),
            column.summary
        );
    }
    outln!(
        "wrote report.json, report.md and report.html into {}",
        args.out.display()
    );
    Ok(matrix.conforms())
}

/// One implementation's results: every file through the thread pool, then the fuzz campaign of
/// `fuzz_cases` per layer (none for 0).
fn column(
    label: String,
    runner: Arc<Runner<BoxedDecider>>,
    options: &Options,
    files: &[PathBuf],
    fuzz_cases: u64,
) -> Result<Results, CliError> {
    runner.deploy_for(files)?;
    let bar = progress(files.len());
    let reports = on_every_file(
        &runner,
        options,
        files,
        &bar,
        |runner, path| runner.run_path(path),
        |report, _| report,
    );
    bar.finish_and_clear();
    let fuzz = (fuzz_cases > 0).then(|| {
        let args = FuzzArgs::short(fuzz_cases, false);
        // Not shrunk: the report keeps only the bugs' signatures.
        let report = run_campaign(runner.as_ref(), &args, false);
        fuzz_results(&report, args.seed)
    });
    Ok(Results {
        label,
        reports: reports.into_iter().map(|(report, _)| report).collect(),
        fuzz,
    })
}

/// A campaign's report as the matrix's per-layer results (signatures only: no timings, no
/// paths).
fn fuzz_results(report: &ovm_fuzz::Report, seed: u64) -> Fuzz {
    let signatures = |findings: &[ovm_fuzz::campaign::Finding], layer| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.layer == layer)
            .map(ovm_fuzz::campaign::Finding::signature)
            .collect()
    };
    Fuzz {
        seed,
        layers: report
            .cases
            .iter()
            .map(|&(layer, cases)| FuzzLayer {
                layer: layer.name().to_owned(),
                rule: invariant_of(layer.vector_kind()).to_owned(),
                cases,
                bugs: signatures(&report.bugs, layer),
                unguarded: signatures(&report.unguarded, layer),
                limitations: signatures(&report.limitations, layer),
            })
            .collect(),
    }
}

/// Writes `text` to `path`, naming the path when it cannot.
fn write(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_label_their_column() {
        let both: Implementation = "contracts=m.json,decider=budget:9".parse().unwrap();
        assert_eq!(both.contracts, Some(PathBuf::from("m.json")));
        assert_eq!(both.decider, "budget:9");
        assert_eq!(both.to_string(), "contracts=m.json,decider=budget:9");
        let decider: Implementation = "decider=mine".parse().unwrap();
        assert_eq!(decider.contracts, None);
        assert_eq!(decider.to_string(), "decider=mine");
        let reference: Implementation = "decider=reference".parse().unwrap();
        assert_eq!(reference.to_string(), "reference");
        for bad in [
            "",
            "contracts",
            "contracts=",
            "colour=red",
            "decider=a,decider=b",
        ] {
            assert!(bad.parse::<Implementation>().is_err(), "{bad:?}");
        }
    }
}
