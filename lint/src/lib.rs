//! terrace-lint: the architecture checker behind `terrace check`.
//!
//! The engine reads a cargo workspace (manifests and sources, never building
//! anything), scans every source file for import sites, resolves them into a
//! module graph and checks the contracts of `terrace.toml` against it. It
//! never prints: results are typed values that the CLI renders.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod presets;
pub mod scan;
pub mod workspace;
