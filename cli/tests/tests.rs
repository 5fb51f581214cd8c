//! End-to-end tests of the `terrace` command.
mod selfcheck;
