//! terrace derive macros.
