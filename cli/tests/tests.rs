//! Integration tests of the terrace command line.

mod check;
mod selfcheck;
