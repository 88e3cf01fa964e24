//! `gas`: the honest agent's gas per game family, checked against a baseline or written as
//! one, and the gas-scaling probe's table (`griefable` operations fail the command).

use crate::{Options, SharedRunner, error::CliError, output::outln};
use ovm_conformance::{
    discover,
    gas::{self, Baseline},
};
use std::path::Path;

/// Measures and prints; `Ok(true)` when no vector leaves `baseline` (if given) and no
/// operation is griefable. `write` rewrites that file with the measurement instead.
pub(crate) fn gas(
    runner: &SharedRunner,
    options: &Options,
    baseline: Option<&Path>,
    write: Option<&Path>,
) -> Result<bool, CliError> {
    let measured = gas::measure_honest_gas(runner.as_ref(), &discover::suite_dir())?;
    let scaling = gas::probe_scaling(runner.contracts())?;
    let regressions = match baseline {
        Some(path) => Baseline::read(path)?.compare(&measured),
        None => Vec::new(),
    };
    let griefable = scaling.griefable();
    let families = measured.families();
    if options.json {
        outln!("{}", serde_json::json!({ "honest_gas": families }));
        outln!("{}", serde_json::json!({ "scaling": scaling }));
        for regression in &regressions {
            outln!(
                "{}",
                serde_json::json!({ "gas_regression": regression.to_string() })
            );
        }
        for divergence in &griefable {
            outln!("{}", serde_json::json!({ "griefable": divergence }));
        }
    } else {
        outln!("honest-path gas per game family");
        outln!(
            "{:<18} {:>7} {:>12} {:>10}",
            "family",
            "vectors",
            "sum",
            "median"
        );
        for (family, figure) in &families {
            outln!(
                "{family:<18} {:>7} {:>12} {:>10}",
                figure.vectors,
                figure.sum,
                figure.median
            );
        }
        outln!();
        outln!(
            "gas by open challenges (griefable above {} gas per extra challenge)",
            scaling.threshold
        );
        crate::output::out!("{}", scaling.table());
        for regression in &regressions {
            outln!("REGRESSION  {regression}");
        }
        for divergence in &griefable {
            outln!("GRIEFABLE   {}", divergence.what);
        }
    }
    if let Some(path) = write {
        Baseline::of(&measured).write(path)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(regressions.is_empty() && griefable.is_empty())
}
