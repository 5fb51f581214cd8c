//! The fast manifest reader never panics and, on every text it reads
//! itself, finds the same tables, keys, values and spans as `toml_edit`;
//! it never accepts what `toml_edit` rejects.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(diff) = terrace_lint::workspace::manifest_reader_agrees(text) {
        panic!("{diff}");
    }
});
