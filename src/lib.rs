//! terrace runtime.
