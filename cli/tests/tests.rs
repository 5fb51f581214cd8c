//! End-to-end tests of the `terrace` command.

mod cargo_targets;
mod check;
mod ci_formats;
mod rustc_modules;
mod scaffold;
mod selfcheck;
mod staged;
mod support;
