//! End-to-end tests of the `terrace` command.

mod check;
mod ci_formats;
mod scaffold;
mod selfcheck;
mod staged;
mod support;
