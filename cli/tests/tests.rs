//! End-to-end tests of the `terrace` command.

mod check;
mod selfcheck;
