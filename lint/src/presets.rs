//! Built-in presets of forbidden crates and modules (`@infrastructure`,
//! `@std-io`), versioned so that a change to a list is visible.

/// A named, versioned list of crates and modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Name without the `@`.
    pub name: &'static str,
    /// Bumped on every change of `entries`.
    pub version: u32,
    /// One line saying what it covers.
    pub description: &'static str,
    /// Module references.
    pub entries: &'static [&'static str],
}

/// Every built-in preset.
pub fn builtin() -> &'static [Preset] {
    &[]
}
