//! The progress bar of `run`, `check` and `fill`: shown on a terminal, hidden otherwise (so
//! that piped or captured stderr stays free of control sequences).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A bar of `len` vectors on stderr, or a hidden one when stderr is not a terminal.
pub(crate) fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {msg}")
    {
        bar.set_style(style);
    }
    bar
}
