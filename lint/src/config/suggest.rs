//! "Did you mean" suggestions and lists of valid names for help texts.

/// The candidate closest to `word` when it is close enough to be a typo.
pub(crate) fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let limit = match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    candidates
        .iter()
        .map(|&c| (distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `did you mean `x`? ` when a candidate is close, else nothing.
pub(crate) fn did_you_mean(word: &str, candidates: &[&str], prefix: &str) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("did you mean `{prefix}{c}`? "))
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn list(names: &[&str], prefix: &str) -> String {
    names
        .iter()
        .map(|n| format!("`{prefix}{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Levenshtein distance in chars, with adjacent transpositions counting one
/// (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("sorce", "source"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("sorce", &["name", "source"]), Some("source"));
        assert_eq!(
            closest("forbiden", &["forbidden", "layers"]),
            Some("forbidden")
        );
        assert_eq!(closest("xyz", &["source"]), None);
        assert_eq!(closest("ab", &["ac"]), None);
    }
}
