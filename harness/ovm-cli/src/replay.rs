//! `replay`: run one vector with its full transcript (traces, probe).

use crate::{
    BoxedDecider, Options,
    output::{out, outln},
};
use ovm_conformance::Runner;

/// Replays `file`, printing its report and transcript; `true` when it conforms.
pub(crate) fn replay(
    runner: &Runner<BoxedDecider>,
    options: &Options,
    file: &std::path::Path,
) -> bool {
    let (report, transcript) = runner.replay_path(file);
    if options.json {
        outln!("{}", report.json_line());
    } else {
        out!("{}", report.screen());
        out!("{transcript}");
    }
    report.conforms()
}
