//! Byte offsets (toml_edit spans) to 1-based line and column, columns in
//! Unicode scalar values, always relative to the whole file.

use std::ops::Range;

use crate::scan::Pos;

/// Start offsets of every line of a text.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text).
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = match self.text.get(start..offset) {
            Some(before) => before.chars().count(),
            // Not on a char boundary (never for toml_edit spans): count the
            // chars that start before the offset.
            None => self.text.get(start..).map_or(0, |rest| {
                rest.char_indices()
                    .take_while(|(i, _)| start + i < offset)
                    .count()
            }),
        };
        Pos {
            line: to_u32(line + 1),
            column: to_u32(column + 1),
        }
    }

    /// The position of the start of `span`, or `fallback` without one.
    pub(crate) fn span_pos(&self, span: Option<Range<usize>>, fallback: Pos) -> Pos {
        span.map_or(fallback, |span| self.pos(span.start))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
