//! Wall time per phase of a check, for profiling on large workspaces.
//!
//! Off unless [`enable`]d (the CLI does when `TERRACE_TIMINGS` is set);
//! phases are recorded in the order they end. Nothing here prints.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static PHASES: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

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
/// assert!(terrace_lint::timings::take().iter().any(|(p, _)| *p == "example"));
/// ```
pub fn take() -> Vec<(&'static str, Duration)> {
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
    let now = Instant::now();
    if let Ok(mut p) = PHASES.lock() {
        p.push((phase, now - started));
    }
    Some(now)
}
