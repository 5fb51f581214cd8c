//! Renderers of check results: every format is a function of the same
//! typed [`Report`](terrace_lint::report::Report).

mod human;
mod json;

pub use human::{error, human};
pub use json::json;

/// `terrace presets`: every built-in preset with its version and entries.
pub fn presets() -> String {
    let mut s = String::new();
    for p in terrace_lint::presets::builtin() {
        s.push_str(&format!(
            "@{} (version {}): {}\n",
            p.name, p.version, p.description
        ));
        for e in p.entries {
            s.push_str(&format!("    {e}\n"));
        }
        s.push('\n');
    }
    s.push_str(
        "Use a preset in a contract's `forbidden` list, e.g. forbidden = [\"@infrastructure\"].\n",
    );
    s.push_str(
        "Define your own under [presets] in terrace.toml: messaging = [\"lapin\", \"rdkafka\"].\n",
    );
    s
}

/// The byte range of the token that starts at 1-based `column` of `line`,
/// for a caret under it: a path (`a::b::C`), a quoted string or a bare word.
pub(crate) fn token_range(line: &str, column: u32) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = if let Some(stripped) = rest.strip_prefix('"') {
        stripped.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        let mut end = 0;
        let bytes = rest.as_bytes();
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii_alphanumeric()
                || b == b'_'
                || b == b'$'
                || b == b'#'
                || b == b'-'
                || b == b'@'
                || b == b'*'
                || b >= 0x80
            {
                end += 1;
            } else if b == b':' && bytes.get(end + 1) == Some(&b':') {
                end += 2;
            } else {
                break;
            }
        }
        while end > 0 && (bytes[end - 1] == b':' || bytes[end - 1] == b'-') {
            end -= 1;
        }
        // Stay on a character boundary.
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        end.max(rest.chars().next().map_or(0, char::len_utf8))
    };
    start..(start + len).min(line.len())
}

#[cfg(test)]
mod tests {
    use super::token_range;

    #[test]
    fn token_ranges() {
        assert_eq!(token_range("use sqlx::PgPool;", 5), 4..16);
        assert_eq!(token_range("    let p = sqlx::query(\"x\");", 13), 12..23);
        assert_eq!(token_range("use sqlx::{A, B};", 5), 4..8);
        assert_eq!(token_range("sea-orm = \"1\"", 1), 0..7);
        assert_eq!(token_range("x = \"a b\" # c", 5), 4..9);
        assert_eq!(token_range("let é = a::b();", 9), 9..13);
        assert_eq!(token_range("short", 40), 5..5);
    }
}
