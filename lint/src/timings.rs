//! Wall time per phase of a check, for profiling on large workspaces, with
//! the process's peak resident memory at the end of each phase (on Linux).
//!
//! Off unless [`enable`]d (the CLI does when `TERRACE_TIMINGS` is set);
//! phases are recorded in the order they end. Nothing here prints.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static PHASES: Mutex<Vec<Phase>> = Mutex::new(Vec::new());

/// One phase of a run, as recorded by [`end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    /// What the phase did.
    pub name: &'static str,
    /// Its wall time.
    pub time: Duration,
    /// The process's peak resident memory so far, in KiB (`VmHWM`; `None`
    /// where the system does not tell).
    pub peak_kib: Option<u64>,
}

/// Starts recording phases.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// The phases recorded so far, oldest first; recording starts afresh.
///
/// ```
/// terrace_lint::timings::enable();
/// let t = terrace_lint::timings::start();
/// terrace_lint::timings::end("example", t);
/// assert!(terrace_lint::timings::take().iter().any(|p| p.name == "example"));
/// ```
pub fn take() -> Vec<Phase> {
    PHASES
        .lock()
        .map(|mut p| std::mem::take(&mut *p))
        .unwrap_or_default()
}

/// The start of a phase (`None` when not recording).
pub fn start() -> Option<Instant> {
    ENABLED.load(Ordering::Relaxed).then(Instant::now)
}

/// Records the phase begun at `started`; returns a new start, for the next
/// phase.
pub fn end(phase: &'static str, started: Option<Instant>) -> Option<Instant> {
    let started = started?;
    let time = started.elapsed();
    let peak_kib = peak_resident_kib();
    if let Ok(mut p) = PHASES.lock() {
        p.push(Phase {
            name: phase,
            time,
            peak_kib,
        });
    }
    // The next phase starts after the memory reading.
    Some(Instant::now())
}

/// `VmHWM` of `/proc/self/status`, in KiB.
fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line["VmHWM:".len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
