//! The fast scanner never panics, keeps its invariants and, on every input
//! syn can parse, reports the same import sites and module declarations as
//! the syn-based reference scanner (up to the known scanner bugs).

#![no_main]

use libfuzzer_sys::fuzz_target;
use terrace_lint::scan::{reference, scan};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for edition2015 in [false, true] {
        let found = scan(text, edition2015);
        for s in &found.sites {
            assert!(s.scope < found.scopes.len());
            assert!(s.pos.line >= 1 && s.pos.column >= 1);
            assert!(!s.segments.is_empty());
        }
        for (i, s) in found.scopes.iter().enumerate() {
            assert!(s.parent.is_none_or(|p| p < i));
        }
    }
    // Under `cfg(fuzzing)` proc-macro2 records no positions, which the
    // comparison needs: run with `--no-cfg-fuzzing` (see README.md).
    if cfg!(fuzzing) {
        return;
    }
    if let Err(diff) = reference::agree_but_known_bugs(text, false) {
        panic!("the scanners disagree on {text:?}:\n{diff}");
    }
});
