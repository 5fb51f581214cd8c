//! End-to-end tests of the `terrace` command.
mod ci_formats;
mod selfcheck;
