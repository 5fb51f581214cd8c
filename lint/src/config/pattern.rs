//! Module references: parsing (`a::*::b`, `**`, raw identifiers, `-` in
//! crate names) and prefix matching against module paths.

use super::{ModulePattern, PatternSegment};
use crate::scan::Pos;

impl ModulePattern {
    /// Parses a module reference; `-` in the first segment is read as `_`.
    ///
    /// Segments are separated by `::` and are identifiers (raw identifiers
    /// such as `r#type` are stored without `r#`, as the scanner reports
    /// them), `*` (exactly one segment) or `**` (any number of segments,
    /// none included). Whitespace around the whole reference is ignored.
    /// The error is a message naming the reference and what is wrong.
    ///
    /// ```
    /// use terrace_lint::config::{ModulePattern, PatternSegment};
    /// use terrace_lint::scan::Pos;
    ///
    /// let p = ModulePattern::parse("shop-domain::*", Pos::default()).unwrap();
    /// assert_eq!(
    ///     p.segments,
    ///     [PatternSegment::Name("shop_domain".into()), PatternSegment::One]
    /// );
    /// assert!(ModulePattern::parse("app::::domain", Pos::default()).is_err());
    /// ```
    pub fn parse(text: &str, pos: Pos) -> Result<ModulePattern, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("empty module reference".to_owned());
        }
        let mut segments = Vec::new();
        for (index, raw) in trimmed.split("::").enumerate() {
            segments.push(parse_segment(trimmed, raw, index == 0)?);
        }
        Ok(ModulePattern {
            text: trimmed.to_owned(),
            segments,
            pos,
            preset: None,
        })
    }

    /// True when `path` is the module the pattern names or inside it.
    ///
    /// The pattern has to match a prefix of `path`: `sqlx` matches `sqlx`
    /// and `sqlx::postgres::PgPool`; `app::**::domain` matches
    /// `app::domain` and `app::x::y::domain::model`. Matching allocates
    /// nothing.
    ///
    /// ```
    /// use terrace_lint::config::ModulePattern;
    /// use terrace_lint::scan::Pos;
    ///
    /// let p = ModulePattern::parse("app::*::domain", Pos::default()).unwrap();
    /// assert!(p.matches(&["app", "billing", "domain", "model"]));
    /// assert!(!p.matches(&["app", "domain"]));
    /// ```
    pub fn matches(&self, path: &[&str]) -> bool {
        matches_segments(&self.segments, path)
    }
}

/// Glob matching of `pattern ++ [**]` against `path`, with backtracking to
/// the last `**` only: that is enough when `**` is the only wildcard that
/// matches a variable number of segments, and keeps matching linear in
/// practice and allocation-free.
fn matches_segments(pattern: &[PatternSegment], path: &[&str]) -> bool {
    let (mut p, mut s) = (0, 0);
    // (index of the last `**` in the pattern, path index it currently ends at)
    let mut any: Option<(usize, usize)> = None;
    loop {
        // The pattern is used up: the rest of `path` is inside the module.
        let Some(segment) = pattern.get(p) else {
            return true;
        };
        let step = match segment {
            PatternSegment::Any => {
                any = Some((p, s));
                p += 1;
                continue;
            }
            PatternSegment::One => s < path.len(),
            PatternSegment::Name(name) => path.get(s).is_some_and(|seg| *seg == name.as_str()),
        };
        if step {
            p += 1;
            s += 1;
            continue;
        }
        match any {
            Some((any_p, any_s)) if any_s < path.len() => {
                any = Some((any_p, any_s + 1));
                p = any_p + 1;
                s = any_s + 1;
            }
            _ => return false,
        }
    }
}

fn parse_segment(text: &str, raw: &str, first: bool) -> Result<PatternSegment, String> {
    match raw {
        "" => return Err(format!("empty segment in module reference `{text}`")),
        "*" => return Ok(PatternSegment::One),
        "**" => return Ok(PatternSegment::Any),
        _ => {}
    }
    if raw.chars().all(|c| c == '*') {
        return Err(format!(
            "invalid wildcard `{raw}` in module reference `{text}`: \
             use `*` for one segment or `**` for any number"
        ));
    }
    if raw.contains('*') {
        return Err(format!(
            "partial wildcard `{raw}` in module reference `{text}`: \
             `*` and `**` must be whole segments"
        ));
    }
    let (is_raw, name) = match raw.strip_prefix("r#") {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let dash_ok = first && !is_raw;
    if let Some(bad) = name
        .chars()
        .find(|&c| !(is_ident_char(c) || dash_ok && c == '-'))
    {
        return Err(if bad == '-' {
            format!(
                "invalid character `-` in module reference `{text}`: \
                 only the crate name (the first segment) may contain `-`"
            )
        } else {
            format!(
                "invalid character `{}` in module reference `{text}`",
                bad.escape_debug()
            )
        });
    }
    let name = if dash_ok {
        name.replace('-', "_")
    } else {
        name.to_owned()
    };
    let Some(start) = name.chars().next() else {
        return Err(format!(
            "empty raw identifier `r#` in module reference `{text}`"
        ));
    };
    if name == "_" {
        return Err(format!(
            "`_` is not a module name (in module reference `{text}`)"
        ));
    }
    if !(start == '_' || start.is_alphabetic()) {
        return Err(format!(
            "`{raw}` in module reference `{text}` is not an identifier: \
             it must start with a letter or `_`"
        ));
    }
    if is_raw && matches!(name.as_str(), "crate" | "self" | "super" | "Self") {
        return Err(format!(
            "`{raw}` in module reference `{text}` is not a valid raw identifier"
        ));
    }
    Ok(PatternSegment::Name(name))
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}
