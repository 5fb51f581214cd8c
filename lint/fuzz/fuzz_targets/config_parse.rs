//! Reading a configuration (`terrace.toml` or a manifest's metadata table)
//! never panics, and every error it reports points into the text: a line
//! of it and a column of that line, both 1-based.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use terrace_lint::config::{Section, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text.split('\n').collect();
    for section in [
        Section::Root,
        Section::WorkspaceMetadata,
        Section::PackageMetadata,
    ] {
        let Err(errors) = parse(Path::new("terrace.toml"), text, section) else {
            continue;
        };
        assert!(!errors.is_empty());
        for e in &errors {
            assert!(!e.message.is_empty());
            let line = e.pos.line as usize;
            assert!(
                (1..=lines.len()).contains(&line),
                "line {line} of {} in {text:?}: {}",
                lines.len(),
                e.message
            );
            let width = lines[line - 1].chars().count() + 1;
            assert!(
                (1..=width).contains(&(e.pos.column as usize)),
                "column {} of line {line} ({width} wide) in {text:?}: {}",
                e.pos.column,
                e.message
            );
        }
    }
});
