//! A TOML document reduced to what reading manifests needs: tables, keys
//! and values with their byte spans, strings and booleans decoded.
//!
//! Built straight from `toml_parser`'s events, which costs a fraction of a
//! `toml_edit` document (no formatting kept, one allocation per table or
//! array instead of several per key). `toml_edit` stays the reference:
//! whatever the fast path does not handle itself (any error, a date, a
//! float) is parsed again with `toml_edit` and
//! converted, so the documents accepted, their spans and the error messages
//! are exactly `toml_edit`'s. The fast path follows `toml_edit`'s rules for
//! tables (headers, dotted keys, arrays of tables, inline tables) and gives
//! up where `toml_edit` would report an error.

use std::borrow::Cow;
use std::ops::Range;

use toml_edit::{Document, TomlError};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{Event, EventKind, EventReceiver};
use toml_parser::{ErrorSink, ParseError, Source};

use crate::fingerprint::IntMap;

#[cfg(test)]
mod tests;

/// `toml_edit`'s limit on the nesting of arrays and inline tables, and on
/// the length of a dotted key.
const RECURSION_LIMIT: u32 = 80;

/// From this many entries on, the keys of a table are looked up through
/// [`Builder::index`] rather than by a linear search.
const WIDE_TABLE: usize = 64;

/// A parsed TOML document.
pub(super) struct Toml {
    text: String,
    /// Decoded keys and strings that differ from their source text.
    extra: String,
    /// Every table; the first is the root.
    tables: Vec<TableData>,
    /// Every array and array of tables.
    arrays: Vec<ArrayData>,
}

/// Where the decoded text of a key or string is.
#[derive(Debug, Clone, Copy)]
struct Text {
    start: usize,
    end: usize,
    /// In [`Toml::extra`] rather than in the source text.
    extra: bool,
}

impl Text {
    const EMPTY: Text = Text {
        start: 0,
        end: 0,
        extra: false,
    };
}

/// A byte range of the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn of(span: toml_parser::Span) -> Span {
        Span {
            start: span.start(),
            end: span.end(),
        }
    }

    fn from_range(range: Option<Range<usize>>) -> Span {
        range.map_or(Span { start: 0, end: 0 }, |range| Span {
            start: range.start,
            end: range.end,
        })
    }
}

#[derive(Debug)]
struct TableData {
    entries: Vec<Entry>,
    /// The header for a `[table]` or `[[table]]`, the braces for an inline
    /// table, the first key naming it for an implicit table, `0..0` for the
    /// root (as `toml_edit` has them).
    span: Span,
    /// Made by a dotted key or a header's path, not defined itself.
    implicit: bool,
    /// Made (or extended) by a dotted key.
    dotted: bool,
    /// A value (`{ .. }`, or a dotted key inside one) rather than a table.
    inline: bool,
}

#[derive(Debug)]
struct Entry {
    key: Text,
    /// [`key_hash`] of the key, compared before the text.
    hash: u32,
    key_span: Span,
    value: Node,
}

/// A cheap hash of a key (FNV-1a), so that looking a key up in a table
/// rarely compares text.
fn key_hash(key: &str) -> u32 {
    key.bytes().fold(FNV_OFFSET, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(FNV_PRIME)
    })
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

#[derive(Debug, Clone, Copy)]
enum Node {
    String(Text, Span),
    Boolean(bool, Span),
    /// A number or a date.
    Other(Span),
    /// Index in [`Toml::tables`].
    Table(usize),
    /// Index in [`Toml::arrays`]: an array value.
    Array(usize),
    /// Index in [`Toml::arrays`], whose items are tables: `[[table]]`.
    ArrayOfTables(usize),
}

#[derive(Debug)]
struct ArrayData {
    items: Vec<Node>,
    span: Span,
}

impl Toml {
    /// Parses `text`; when it is not valid TOML, `toml_edit`'s error, with
    /// the text given back.
    pub(super) fn parse(text: String) -> Result<Toml, (String, TomlError)> {
        match Builder::build(&text) {
            Some(parts) => Ok(parts.finish(text)),
            None => Self::parse_reference(text),
        }
    }

    /// Reads `text` with the fast path and with `toml_edit`: `Ok(true)`
    /// when the fast path read it itself and both documents are the same,
    /// `Ok(false)` when it left `text` to `toml_edit`, an error naming the
    /// difference otherwise (the fast path accepting what `toml_edit`
    /// rejects included).
    #[cfg(any(test, feature = "fuzz-hooks"))]
    pub(super) fn agrees_with_reference(text: &str) -> Result<bool, String> {
        let Some(parts) = Builder::build(text) else {
            return Ok(false);
        };
        let fast = parts.finish(text.to_owned()).dump();
        match Toml::parse_reference(text.to_owned()) {
            Ok(reference) if reference.dump() == fast => Ok(true),
            Ok(reference) => Err(format!(
                "fast reader and toml_edit disagree on:\n{text}\n--- fast:\n{fast}--- toml_edit:\n{}",
                reference.dump()
            )),
            Err((_, err)) => Err(format!(
                "fast reader accepts what toml_edit rejects ({err}):\n{text}"
            )),
        }
    }

    /// Parses `text` with `toml_edit` and converts the document.
    pub(super) fn parse_reference(text: String) -> Result<Toml, (String, TomlError)> {
        let parts = match Document::parse(text.as_str()) {
            Ok(doc) => {
                let mut parts = Parts::default();
                parts.convert_table(doc.as_table(), false);
                parts
            }
            Err(err) => return Err((text, err)),
        };
        Ok(parts.finish(text))
    }

    /// The source text.
    pub(super) fn raw(&self) -> &str {
        &self.text
    }

    /// The root table.
    pub(super) fn root(&self) -> Table<'_> {
        Table { toml: self, id: 0 }
    }

    fn str(&self, text: Text) -> &str {
        let source = if text.extra { &self.extra } else { &self.text };
        &source[text.start..text.end]
    }

    /// Every table, key and value with its span and flags, one per line:
    /// two documents with the same dump are the same to every reader.
    #[cfg(any(test, feature = "fuzz-hooks"))]
    pub(super) fn dump(&self) -> String {
        let mut out = String::new();
        self.dump_node(Node::Table(0), 0, &mut out);
        out
    }

    #[cfg(any(test, feature = "fuzz-hooks"))]
    fn dump_node(&self, node: Node, depth: usize, out: &mut String) {
        use std::fmt::Write as _;
        let indent = "  ".repeat(depth);
        match node {
            Node::String(text, span) => {
                let _ = writeln!(out, "{:?} @{span:?}", self.str(text));
            }
            Node::Boolean(value, span) => {
                let _ = writeln!(out, "{value} @{span:?}");
            }
            Node::Other(span) => {
                let _ = writeln!(out, "other @{span:?}");
            }
            Node::Table(id) => {
                let table = &self.tables[id];
                let _ = writeln!(
                    out,
                    "table implicit={} dotted={} inline={} @{:?}",
                    table.implicit, table.dotted, table.inline, table.span
                );
                for entry in &table.entries {
                    let _ = write!(
                        out,
                        "{indent}  {:?} @{:?} = ",
                        self.str(entry.key),
                        entry.key_span
                    );
                    self.dump_node(entry.value, depth + 1, out);
                }
            }
            Node::Array(id) | Node::ArrayOfTables(id) => {
                let array = &self.arrays[id];
                let kind = if matches!(node, Node::Array(_)) {
                    "array"
                } else {
                    "array of tables"
                };
                let _ = writeln!(out, "{kind} @{:?}", array.span);
                for item in &array.items {
                    let _ = write!(out, "{indent}  - ");
                    self.dump_node(*item, depth + 1, out);
                }
            }
        }
    }
}

/// A table of a [`Toml`]: `[table]`, implicit, dotted or inline alike.
#[derive(Clone, Copy)]
pub(super) struct Table<'t> {
    toml: &'t Toml,
    id: usize,
}

impl<'t> Table<'t> {
    fn data(self) -> &'t TableData {
        &self.toml.tables[self.id]
    }

    fn entry(self, key: &str) -> Option<&'t Entry> {
        let hash = key_hash(key);
        self.data()
            .entries
            .iter()
            .find(|entry| entry.hash == hash && self.toml.str(entry.key) == key)
    }

    /// The value of `key`.
    pub(super) fn get(self, key: &str) -> Option<Item<'t>> {
        self.entry(key).map(|entry| Item {
            toml: self.toml,
            node: entry.value,
        })
    }

    /// The span of `key` as written (where the table was defined, for a
    /// table).
    pub(super) fn key_span(self, key: &str) -> Option<Range<usize>> {
        self.entry(key)
            .map(|entry| entry.key_span.start..entry.key_span.end)
    }

    /// The entries, in `toml_edit`'s order.
    pub(super) fn iter(self) -> impl Iterator<Item = (&'t str, Item<'t>)> {
        self.data().entries.iter().map(move |entry| {
            (
                self.toml.str(entry.key),
                Item {
                    toml: self.toml,
                    node: entry.value,
                },
            )
        })
    }

    /// The table's span (see [`TableData::span`]).
    pub(super) fn span(self) -> Range<usize> {
        let span = self.data().span;
        span.start..span.end
    }
}

/// A value of a [`Toml`], or a table, or an array of tables.
#[derive(Clone, Copy)]
pub(super) struct Item<'t> {
    toml: &'t Toml,
    node: Node,
}

impl<'t> Item<'t> {
    /// The string, when it is one.
    pub(super) fn as_str(self) -> Option<&'t str> {
        match self.node {
            Node::String(text, _) => Some(self.toml.str(text)),
            _ => None,
        }
    }

    /// The boolean, when it is one.
    pub(super) fn as_bool(self) -> Option<bool> {
        match self.node {
            Node::Boolean(value, _) => Some(value),
            _ => None,
        }
    }

    /// The table, when it is one (inline tables included).
    pub(super) fn as_table(self) -> Option<Table<'t>> {
        match self.node {
            Node::Table(id) => Some(Table {
                toml: self.toml,
                id,
            }),
            _ => None,
        }
    }

    /// The items of an array value (not of an array of tables).
    pub(super) fn as_array(self) -> Option<impl Iterator<Item = Item<'t>>> {
        match self.node {
            Node::Array(id) => Some(self.toml.arrays[id].items.iter().map(move |&node| Item {
                toml: self.toml,
                node,
            })),
            _ => None,
        }
    }

    /// The tables of an array of tables, `[[bin]]` or `bin = [{ .. }]`.
    pub(super) fn tables(self) -> Vec<Table<'t>> {
        let (Node::Array(id) | Node::ArrayOfTables(id)) = self.node else {
            return Vec::new();
        };
        self.toml.arrays[id]
            .items
            .iter()
            .filter_map(|&node| match node {
                Node::Table(id) => Some(Table {
                    toml: self.toml,
                    id,
                }),
                _ => None,
            })
            .collect()
    }

    /// The span of the value as written (see [`TableData::span`] for
    /// tables; the first header to the last for an array of tables).
    pub(super) fn span(self) -> Range<usize> {
        let span = match self.node {
            Node::String(_, span) | Node::Boolean(_, span) | Node::Other(span) => span,
            Node::Table(id) => self.toml.tables[id].span,
            Node::Array(id) | Node::ArrayOfTables(id) => self.toml.arrays[id].span,
        };
        span.start..span.end
    }
}

/// A document's tables and arrays before the text is attached.
#[derive(Default)]
struct Parts {
    extra: String,
    tables: Vec<TableData>,
    arrays: Vec<ArrayData>,
}

impl Parts {
    fn finish(self, text: String) -> Toml {
        Toml {
            text,
            extra: self.extra,
            tables: self.tables,
            arrays: self.arrays,
        }
    }

    fn extra_text(&mut self, text: &str) -> Text {
        let start = self.extra.len();
        self.extra.push_str(text);
        Text {
            start,
            end: self.extra.len(),
            extra: true,
        }
    }

    fn new_table(&mut self, span: Span, implicit: bool, dotted: bool, inline: bool) -> usize {
        self.tables.push(TableData {
            entries: Vec::new(),
            span,
            implicit,
            dotted,
            inline,
        });
        self.tables.len() - 1
    }

    // --- conversion of a `toml_edit` document ---

    fn convert_table(&mut self, table: &toml_edit::Table, inline: bool) -> usize {
        let id = self.new_table(
            Span::from_range(table.span()),
            table.is_implicit(),
            table.is_dotted(),
            inline,
        );
        for (key, item) in table.iter() {
            let key_span = table.get_key_value(key).and_then(|(key, _)| key.span());
            let node = self.convert_item(item);
            self.push_converted(id, key, key_span, node);
        }
        id
    }

    fn push_converted(&mut self, id: usize, key: &str, key_span: Option<Range<usize>>, node: Node) {
        let hash = key_hash(key);
        let key = self.extra_text(key);
        self.tables[id].entries.push(Entry {
            key,
            hash,
            key_span: Span::from_range(key_span),
            value: node,
        });
    }

    fn convert_item(&mut self, item: &toml_edit::Item) -> Node {
        match item {
            toml_edit::Item::Table(table) => Node::Table(self.convert_table(table, false)),
            toml_edit::Item::ArrayOfTables(array) => {
                let items = array
                    .iter()
                    .map(|table| Node::Table(self.convert_table(table, false)))
                    .collect();
                self.arrays.push(ArrayData {
                    items,
                    span: Span::from_range(array.span()),
                });
                Node::ArrayOfTables(self.arrays.len() - 1)
            }
            toml_edit::Item::Value(value) => self.convert_value(value),
            toml_edit::Item::None => Node::Other(Span { start: 0, end: 0 }),
        }
    }

    fn convert_value(&mut self, value: &toml_edit::Value) -> Node {
        let span = Span::from_range(value.span());
        match value {
            toml_edit::Value::String(string) => Node::String(self.extra_text(string.value()), span),
            toml_edit::Value::Boolean(boolean) => Node::Boolean(*boolean.value(), span),
            toml_edit::Value::Array(array) => {
                let items = array
                    .iter()
                    .map(|value| self.convert_value(value))
                    .collect();
                self.arrays.push(ArrayData { items, span });
                Node::Array(self.arrays.len() - 1)
            }
            toml_edit::Value::InlineTable(table) => {
                // Implicit inline tables are exactly the dotted ones
                // (`toml_edit` does not expose the flag).
                let id = self.new_table(span, table.is_dotted(), table.is_dotted(), true);
                for (key, value) in table.iter() {
                    let key_span = table.get_key_value(key).and_then(|(key, _)| key.span());
                    let node = self.convert_value(value);
                    self.push_converted(id, key, key_span, node);
                }
                Node::Table(id)
            }
            _ => Node::Other(span),
        }
    }
}

/// Remembers whether any error was reported.
#[derive(Default)]
struct Failed(bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// Collects the events the builder reads (not whitespace, comments and
/// newlines), checking what `toml_edit`'s wrappers check: comments and
/// newlines are valid (`ValidateWhitespace`), arrays and inline tables
/// nest at most [`RECURSION_LIMIT`] deep (`RecursionGuard`).
struct Events<'s> {
    source: Source<'s>,
    events: Vec<Event>,
    depth: u32,
    /// A comment or newline is invalid, or the nesting too deep.
    failed: bool,
}

impl Events<'_> {
    fn push(&mut self, kind: EventKind, encoding: Option<Encoding>, span: toml_parser::Span) {
        self.events.push(Event::new_unchecked(kind, encoding, span));
    }

    /// Whether one more level of nesting is allowed.
    fn open(&mut self) -> bool {
        self.depth += 1;
        let allowed = self.depth <= RECURSION_LIMIT;
        self.failed |= !allowed;
        allowed
    }
}

impl EventReceiver for Events<'_> {
    fn std_table_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableOpen, None, span);
    }
    fn std_table_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableClose, None, span);
    }
    fn array_table_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableOpen, None, span);
    }
    fn array_table_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableClose, None, span);
    }
    fn inline_table_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::InlineTableOpen, None, span);
        self.open()
    }
    fn inline_table_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
        self.push(EventKind::InlineTableClose, None, span);
    }
    fn array_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::ArrayOpen, None, span);
        self.open()
    }
    fn array_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
        self.push(EventKind::ArrayClose, None, span);
    }
    fn simple_key(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        self.push(EventKind::SimpleKey, encoding, span);
    }
    fn key_sep(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::KeySep, None, span);
    }
    fn key_val_sep(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::KeyValSep, None, span);
    }
    fn scalar(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        self.push(EventKind::Scalar, encoding, span);
    }
    fn value_sep(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::ValueSep, None, span);
    }
    fn comment(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        // `#` then tabs and anything but control characters.
        let bytes = self.source.input().as_bytes().get(span.start()..span.end());
        let valid = bytes.is_some_and(|bytes| {
            bytes.first() == Some(&b'#')
                && bytes
                    .iter()
                    .all(|&byte| byte == b'\t' || (byte >= 0x20 && byte != 0x7f))
        });
        self.failed |= !valid;
    }
    fn newline(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        // A lone carriage return is the one invalid newline.
        self.failed |= self.source.get(span).is_none_or(|raw| raw.as_str() == "\r");
    }
    fn error(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.push(EventKind::Error, None, span);
    }
}

/// Builds [`Parts`] from `toml_parser` events, as `toml_edit` would build
/// its document; `None` as soon as something is left to `toml_edit`.
struct Builder<'s> {
    source: Source<'s>,
    text: &'s str,
    events: Vec<Event>,
    next: usize,
    failed: Failed,
    parts: Parts,
    /// The entries of wide tables by table and key hash (two keys of one
    /// table with one hash are left to `toml_edit`).
    index: IntMap<(usize, u32), usize>,
}

/// A key as written: its decoded text, its [`key_hash`] and its span.
#[derive(Debug, Clone, Copy)]
struct KeyPart {
    text: Text,
    hash: u32,
    span: Span,
}

impl<'s> Builder<'s> {
    fn build(text: &'s str) -> Option<Parts> {
        let source = Source::new(text);
        let tokens = source.lex().into_vec();
        let mut receiver = Events {
            source,
            events: Vec::with_capacity(tokens.len() / 2),
            depth: 0,
            failed: false,
        };
        let mut failed = Failed::default();
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut failed);
        if failed.0 || receiver.failed {
            return None;
        }
        let mut builder = Builder {
            source,
            text,
            events: receiver.events,
            next: 0,
            failed,
            parts: Parts::default(),
            index: IntMap::default(),
        };
        builder.document()?;
        (!builder.failed.0).then_some(builder.parts)
    }

    fn next_event(&mut self) -> Option<Event> {
        let event = self.events.get(self.next).copied();
        self.next += 1;
        event
    }

    fn peek_kind(&self) -> Option<EventKind> {
        self.events.get(self.next).map(Event::kind)
    }

    fn document(&mut self) -> Option<()> {
        let mut current = self
            .parts
            .new_table(Span { start: 0, end: 0 }, false, false, false);
        while let Some(event) = self.next_event() {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    current = self.header(event)?;
                }
                EventKind::SimpleKey => {
                    let (path, key) = self.key(event)?;
                    if self.next_event()?.kind() != EventKind::KeyValSep {
                        return None;
                    }
                    let value = self.value()?;
                    self.key_value(current, &path, key, value)?;
                }
                _ => return None,
            }
        }
        Some(())
    }

    /// A key, dotted or not, starting at `first`: the path and the last key.
    fn key(&mut self, first: Event) -> Option<(Vec<KeyPart>, KeyPart)> {
        let mut path = Vec::new();
        let mut last = self.simple_key(first)?;
        while self.peek_kind() == Some(EventKind::KeySep) {
            self.next += 1;
            let event = self.next_event()?;
            if event.kind() != EventKind::SimpleKey {
                return None;
            }
            path.push(last);
            last = self.simple_key(event)?;
        }
        if path.len() >= RECURSION_LIMIT as usize {
            return None;
        }
        Some((path, last))
    }

    fn simple_key(&mut self, event: Event) -> Option<KeyPart> {
        let span = Span::of(event.span());
        let raw = self.text.get(span.start..span.end)?;
        // Keys that need no decoding, as the decoder would accept them.
        let plain = match event.encoding() {
            // The usual key: bare, hashed while it is checked.
            None => {
                let mut hash = FNV_OFFSET;
                let mut bare = !raw.is_empty();
                for byte in raw.bytes() {
                    bare &= is_bare_key_byte(byte);
                    hash = (hash ^ u32::from(byte)).wrapping_mul(FNV_PRIME);
                }
                if bare {
                    let text = Text {
                        start: span.start,
                        end: span.end,
                        extra: false,
                    };
                    return Some(KeyPart { text, hash, span });
                }
                None
            }
            Some(Encoding::BasicString) => plain_string(raw, is_plain_basic_byte, span),
            Some(Encoding::LiteralString) => plain_string(raw, is_plain_literal_byte, span),
            _ => None,
        };
        let text = match plain {
            Some(inner) => Text {
                start: inner.start,
                end: inner.end,
                extra: false,
            },
            None => {
                let raw = self.source.get(event)?;
                let mut decoded = Cow::Borrowed("");
                raw.decode_key(&mut decoded, &mut self.failed);
                self.text_of(decoded)
            }
        };
        Some(KeyPart {
            text,
            hash: key_hash(self.text_str(text)),
            span,
        })
    }

    /// Where `decoded` is: in the source when it was borrowed from it.
    fn text_of(&mut self, decoded: Cow<'s, str>) -> Text {
        match decoded {
            Cow::Borrowed(s) => {
                let base = self.text.as_ptr() as usize;
                let at = s.as_ptr() as usize;
                if at >= base && at + s.len() <= base + self.text.len() {
                    Text {
                        start: at - base,
                        end: at - base + s.len(),
                        extra: false,
                    }
                } else if s.is_empty() {
                    Text::EMPTY
                } else {
                    self.parts.extra_text(s)
                }
            }
            Cow::Owned(s) => self.parts.extra_text(&s),
        }
    }

    /// `[a.b]` or `[[a.b]]`, opened by `open`: the table it starts.
    fn header(&mut self, open: Event) -> Option<usize> {
        let is_array = open.kind() == EventKind::ArrayTableOpen;
        let first = self.next_event()?;
        if first.kind() != EventKind::SimpleKey {
            return None;
        }
        let (path, key) = self.key(first)?;
        let close = self.next_event()?;
        if !matches!(
            close.kind(),
            EventKind::StdTableClose | EventKind::ArrayTableClose
        ) {
            return None;
        }
        let span = Span {
            start: open.span().start(),
            end: close.span().end(),
        };
        let parent = self.descend(0, &path, false)?;
        let found = self.find_key(parent, key);
        if is_array {
            let table = self.parts.new_table(span, false, false, false);
            match found {
                None => {
                    self.parts.arrays.push(ArrayData {
                        items: vec![Node::Table(table)],
                        span,
                    });
                    let array = Node::ArrayOfTables(self.parts.arrays.len() - 1);
                    self.push_entry(parent, key, array)?;
                }
                Some(index) => {
                    let Node::ArrayOfTables(array) = self.parts.tables[parent].entries[index].value
                    else {
                        return None;
                    };
                    let array = &mut self.parts.arrays[array];
                    array.items.push(Node::Table(table));
                    array.span.end = span.end;
                }
            }
            return Some(table);
        }
        // An implicit table (`[a]` after `[a.b]`) becomes this one, and
        // moves to the end, where the header puts it.
        let table = match found {
            None => self.parts.new_table(span, false, false, false),
            Some(index) => {
                let Node::Table(table) = self.parts.tables[parent].entries[index].value else {
                    return None;
                };
                let data = &mut self.parts.tables[table];
                if !data.implicit || data.dotted || data.inline {
                    return None;
                }
                data.implicit = false;
                data.span = span;
                let entries = &mut self.parts.tables[parent].entries;
                if entries.len() >= WIDE_TABLE {
                    // Rare, and it would shift the indexed entries.
                    return None;
                }
                entries.remove(index);
                table
            }
        };
        self.push_entry(parent, key, Node::Table(table))?;
        Some(table)
    }

    fn text_str(&self, text: Text) -> &str {
        if text.extra {
            &self.parts.extra[text.start..text.end]
        } else {
            &self.text[text.start..text.end]
        }
    }

    /// The entry of `table` named `key`.
    fn find_key(&self, table: usize, key: KeyPart) -> Option<usize> {
        let text = self.text_str(key.text);
        let entries = &self.parts.tables[table].entries;
        if entries.len() >= WIDE_TABLE {
            return self
                .index
                .get(&(table, key.hash))
                .copied()
                .filter(|&at| self.text_str(entries[at].key) == text);
        }
        entries
            .iter()
            .position(|entry| entry.hash == key.hash && self.text_str(entry.key) == text)
    }

    fn push_entry(&mut self, table: usize, key: KeyPart, value: Node) -> Option<()> {
        let entries = &mut self.parts.tables[table].entries;
        entries.push(Entry {
            key: key.text,
            hash: key.hash,
            key_span: key.span,
            value,
        });
        let len = entries.len();
        let first = match len.cmp(&WIDE_TABLE) {
            std::cmp::Ordering::Less => return Some(()),
            // Just became wide: index every entry.
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => len - 1,
        };
        for (at, entry) in entries.iter().enumerate().skip(first) {
            if self.index.insert((table, entry.hash), at).is_some() {
                return None;
            }
        }
        Some(())
    }

    /// The table at `path` below `table`, implicit tables made on the way;
    /// `toml_edit`'s rules for headers (`dotted` false) and dotted keys.
    fn descend(&mut self, mut table: usize, path: &[KeyPart], dotted: bool) -> Option<usize> {
        for &key in path {
            table = match self.find_key(table, key) {
                None => {
                    let child = self.parts.new_table(key.span, true, dotted, false);
                    self.push_entry(table, key, Node::Table(child))?;
                    child
                }
                Some(index) => match self.parts.tables[table].entries[index].value {
                    Node::ArrayOfTables(array) => match self.parts.arrays[array].items.last() {
                        Some(&Node::Table(last)) => last,
                        _ => return None,
                    },
                    Node::Table(child) if !self.parts.tables[child].inline => {
                        let data = &mut self.parts.tables[child];
                        if dotted {
                            if !data.implicit {
                                return None;
                            }
                            data.dotted = true;
                        }
                        child
                    }
                    _ => return None,
                },
            };
        }
        Some(table)
    }

    /// `path.key = value` inside the table `current`.
    fn key_value(
        &mut self,
        current: usize,
        path: &[KeyPart],
        key: KeyPart,
        value: Node,
    ) -> Option<()> {
        let dotted = !path.is_empty();
        let parent = self.descend(current, path, dotted)?;
        if dotted && !self.parts.tables[parent].implicit {
            return None;
        }
        if self.find_key(parent, key).is_some() {
            return None;
        }
        self.push_entry(parent, key, value)
    }

    /// A value: scalar, array or inline table.
    fn value(&mut self) -> Option<Node> {
        let event = self.next_event()?;
        match event.kind() {
            EventKind::Scalar => self.scalar(event),
            EventKind::ArrayOpen => self.array(event),
            EventKind::InlineTableOpen => self.inline_table(event),
            _ => None,
        }
    }

    fn scalar(&mut self, event: Event) -> Option<Node> {
        let span = Span::of(event.span());
        let raw = self.text.get(span.start..span.end)?;
        let plain = match event.encoding() {
            Some(Encoding::BasicString) => plain_string(raw, is_plain_basic_byte, span),
            Some(Encoding::LiteralString) => plain_string(raw, is_plain_literal_byte, span),
            None if raw == "true" => return Some(Node::Boolean(true, span)),
            None if raw == "false" => return Some(Node::Boolean(false, span)),
            _ => None,
        };
        if let Some(inner) = plain {
            let text = Text {
                start: inner.start,
                end: inner.end,
                extra: false,
            };
            return Some(Node::String(text, span));
        }
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        match raw.decode_scalar(&mut decoded, &mut self.failed) {
            ScalarKind::String => Some(Node::String(self.text_of(decoded), span)),
            ScalarKind::Boolean(value) => Some(Node::Boolean(value, span)),
            ScalarKind::Integer(radix) => {
                // Overflow is the one error the decoder leaves to the reader.
                i64::from_str_radix(&decoded, radix.value()).ok()?;
                Some(Node::Other(span))
            }
            // Rare in manifests, and validated by `toml_edit`.
            ScalarKind::Float | ScalarKind::DateTime => None,
        }
    }

    fn array(&mut self, open: Event) -> Option<Node> {
        let mut items = Vec::new();
        let mut pending = None;
        loop {
            let event = self.next_event()?;
            match event.kind() {
                EventKind::Scalar | EventKind::ArrayOpen | EventKind::InlineTableOpen => {
                    if pending.is_some() {
                        return None;
                    }
                    self.next -= 1;
                    pending = Some(self.value()?);
                }
                EventKind::ValueSep => items.extend(pending.take()),
                EventKind::ArrayClose => {
                    items.extend(pending.take());
                    self.parts.arrays.push(ArrayData {
                        items,
                        span: Span {
                            start: open.span().start(),
                            end: event.span().end(),
                        },
                    });
                    return Some(Node::Array(self.parts.arrays.len() - 1));
                }
                _ => return None,
            }
        }
    }

    fn inline_table(&mut self, open: Event) -> Option<Node> {
        let table = self
            .parts
            .new_table(Span { start: 0, end: 0 }, false, false, true);
        let mut key = None;
        let mut value = None;
        loop {
            let event = self.next_event()?;
            match event.kind() {
                EventKind::SimpleKey => {
                    if key.is_some() || value.is_some() {
                        return None;
                    }
                    key = Some(self.key(event)?);
                }
                EventKind::KeyValSep => {
                    if key.is_none() || value.is_some() {
                        return None;
                    }
                }
                EventKind::Scalar | EventKind::ArrayOpen | EventKind::InlineTableOpen => {
                    if key.is_none() || value.is_some() {
                        return None;
                    }
                    self.next -= 1;
                    value = Some(self.value()?);
                }
                EventKind::ValueSep | EventKind::InlineTableClose => {
                    match (key.take(), value.take()) {
                        (Some((path, key)), Some(value)) => {
                            self.inline_key_value(table, &path, key, value)?;
                        }
                        (None, None) => {}
                        _ => return None,
                    }
                    if event.kind() == EventKind::InlineTableClose {
                        self.parts.tables[table].span = Span {
                            start: open.span().start(),
                            end: event.span().end(),
                        };
                        return Some(Node::Table(table));
                    }
                }
                _ => return None,
            }
        }
    }

    /// `path.key = value` inside an inline table: dotted keys make implicit
    /// inline tables, and may only extend those.
    fn inline_key_value(
        &mut self,
        mut table: usize,
        path: &[KeyPart],
        key: KeyPart,
        value: Node,
    ) -> Option<()> {
        for &part in path {
            table = match self.find_key(table, part) {
                None => {
                    let child = self.parts.new_table(part.span, true, true, true);
                    self.push_entry(table, part, Node::Table(child))?;
                    child
                }
                Some(index) => match self.parts.tables[table].entries[index].value {
                    Node::Table(child) if self.parts.tables[child].implicit => child,
                    _ => return None,
                },
            };
        }
        if self.parts.tables[table].dotted == path.is_empty() {
            return None;
        }
        if self.find_key(table, key).is_some() {
            return None;
        }
        self.push_entry(table, key, value)
    }
}

/// `A-Z a-z 0-9 - _`: what a bare key is made of.
fn is_bare_key_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// A byte a basic string (`"..."`) holds as itself: not a control
/// character, `"` or `\`.
fn is_plain_basic_byte(byte: u8) -> bool {
    byte == b'\t' || (byte >= 0x20 && byte != 0x7f && byte != b'"' && byte != b'\\')
}

/// A byte a literal string (`'...'`) may hold: not a control character
/// or `'`.
fn is_plain_literal_byte(byte: u8) -> bool {
    byte == b'\t' || (byte >= 0x20 && byte != 0x7f && byte != b'\'')
}

/// The span of the text between the quotes of the one-line string `raw`
/// at `span`, when every byte of it is `plain` (so it decodes to itself).
fn plain_string(raw: &str, plain: fn(u8) -> bool, span: Span) -> Option<Span> {
    let bytes = raw.as_bytes();
    if bytes.len() < 2 || bytes[0] != bytes[bytes.len() - 1] {
        return None;
    }
    let inner = &bytes[1..bytes.len() - 1];
    inner.iter().all(|&byte| plain(byte)).then_some(Span {
        start: span.start + 1,
        end: span.end - 1,
    })
}
