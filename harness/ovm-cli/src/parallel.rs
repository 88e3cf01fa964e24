//! Running one job per vector on a few threads, with a time limit per job: a job that takes
//! longer is given up (reported as [`Finished::TimedOut`]) and the run goes on; its thread is
//! left to finish, or to end with the process. A job that panics is reported, not propagated.
//!
//! [`run`] is the generic pool; [`on_every_file`] is its front for vector files, shared by
//! `run`, `check` and `fill` (`--jobs`, `--timeout`, and the report of a vector that did not
//! finish).

use crate::{BoxedDecider, Options, SharedRunner};
use indicatif::ProgressBar;
use ovm_conformance::{Runner, Status, VectorReport};
use std::{
    collections::BTreeMap,
    panic::{AssertUnwindSafe, catch_unwind},
    path::{Path, PathBuf},
    sync::{Arc, mpsc},
    time::{Duration, Instant},
};

/// How one job ended.
pub(crate) enum Finished<R> {
    /// It returned this.
    Done(R),
    /// It ran past the time limit.
    TimedOut,
    /// It panicked with this message.
    Panicked(String),
}

/// A job: what runs on one item.
pub(crate) type Job<T, R> = Arc<dyn Fn(&T) -> R + Send + Sync>;

/// Runs `work` on every item, at most `jobs` at a time, each at most `limit` long (`None`:
/// no limit); results in item order, with each item's wall time (the limit for a timed-out
/// one).
pub(crate) fn run<T, R>(
    items: Vec<T>,
    jobs: usize,
    limit: Option<Duration>,
    bar: &ProgressBar,
    work: Job<T, R>,
) -> Vec<(Finished<R>, Duration)>
where
    T: Send + Sync + 'static,
    R: Send + 'static,
{
    let total = items.len();
    let items = Arc::new(items);
    let (sender, receiver) = mpsc::channel();
    let mut results: Vec<Option<(Finished<R>, Duration)>> = (0..total).map(|_| None).collect();
    let mut running: BTreeMap<usize, Instant> = BTreeMap::new();
    let (mut next, mut finished) = (0, 0);
    while finished < total {
        while running.len() < jobs.max(1) && next < total {
            let (sender, items, work) = (sender.clone(), Arc::clone(&items), Arc::clone(&work));
            let index = next;
            std::thread::spawn(move || {
                let start = Instant::now();
                let outcome = match catch_unwind(AssertUnwindSafe(|| work(&items[index]))) {
                    Ok(result) => Finished::Done(result),
                    Err(panic) => Finished::Panicked(panic_message(panic.as_ref())),
                };
                let _ = sender.send((index, outcome, start.elapsed()));
            });
            running.insert(index, Instant::now());
            next += 1;
        }
        let received = match limit {
            Some(limit) => {
                let oldest = running.values().min().copied().unwrap_or_else(Instant::now);
                receiver.recv_timeout(limit.saturating_sub(oldest.elapsed()))
            }
            None => receiver
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        let mut finish = |index: usize, result| {
            results[index] = Some(result);
            finished += 1;
            bar.inc(1);
        };
        match received {
            Ok((index, outcome, elapsed)) => {
                if running.remove(&index).is_some() {
                    finish(index, (outcome, elapsed));
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let limit = limit.unwrap_or_default();
                let late: Vec<usize> = running
                    .iter()
                    .filter(|(_, start)| start.elapsed() >= limit)
                    .map(|(&index, _)| index)
                    .collect();
                for index in late {
                    running.remove(&index);
                    finish(index, (Finished::TimedOut, limit));
                }
            }
            // Cannot happen while `sender` is alive; stop rather than spin.
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or((Finished::TimedOut, Duration::ZERO)))
        .collect()
}

/// Runs `work` on every file on the thread pool (`--jobs`, `--timeout`); results in file order
/// with each file's wall time. A file whose job did not finish gets `gave_up(report, reason)`.
pub(crate) fn on_every_file<R: Send + 'static>(
    runner: &SharedRunner,
    options: &Options,
    files: &[PathBuf],
    bar: &ProgressBar,
    work: impl Fn(&Runner<BoxedDecider>, &Path) -> R + Send + Sync + 'static,
    gave_up: impl Fn(VectorReport, String) -> R,
) -> Vec<(R, Duration)> {
    let job: Job<PathBuf, R> = {
        let runner = Arc::clone(runner);
        Arc::new(move |path: &PathBuf| work(&runner, path))
    };
    let finished = run(files.to_vec(), jobs(options), time_limit(options), bar, job);
    files
        .iter()
        .zip(finished)
        .map(|(path, (finished, time))| match finished {
            Finished::Done(result) => (result, time),
            other => {
                let (status, reason) = unfinished(&other, options);
                let report = runner.unfinished_report(path, status, reason.clone());
                (gave_up(report, reason), time)
            }
        })
        .collect()
}

/// The per-vector time limit of `options`.
fn time_limit(options: &Options) -> Option<Duration> {
    (options.timeout > 0).then(|| Duration::from_secs(options.timeout))
}

/// What a vector that did not finish reports, and why.
fn unfinished<R>(finished: &Finished<R>, options: &Options) -> (Status, String) {
    match finished {
        Finished::Panicked(message) => (Status::Error, format!("the runner panicked: {message}")),
        _ => (
            Status::Timeout,
            format!("did not finish within {} s (--timeout)", options.timeout),
        ),
    }
}

/// The number of vectors run at once: `--jobs`, or the number of CPUs.
fn jobs(options: &Options) -> usize {
    options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    })
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_and_panicking_jobs_do_not_stop_the_others() {
        let work: Job<u64, u64> = Arc::new(|&n| match n {
            0 => {
                std::thread::sleep(Duration::from_secs(30));
                0
            }
            1 => panic!("job one"),
            n => n * 10,
        });
        let bar = ProgressBar::hidden();
        let started = Instant::now();
        let results = run(
            vec![0, 1, 2, 3],
            2,
            // Long enough for a panicking job to print its backtrace (RUST_BACKTRACE=1) and still
            // be reported as a panic, far below the slow job's 30 s.
            Some(Duration::from_secs(2)),
            &bar,
            work,
        );
        assert!(started.elapsed() < Duration::from_secs(10));
        assert!(matches!(results[0].0, Finished::TimedOut));
        assert!(matches!(&results[1].0, Finished::Panicked(m) if m == "job one"));
        assert!(matches!(results[2].0, Finished::Done(20)));
        assert!(matches!(results[3].0, Finished::Done(30)));
    }
}
