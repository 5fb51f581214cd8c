//! A byte-level Rust lexer that keeps only what the scanner needs.
//!
//! Tokens are byte ranges into the text: no allocation per token. Comments
//! and whitespace are dropped; literals are single tokens, so nothing inside
//! a comment or a literal can ever look like a path. Delimiters are paired
//! while lexing (`Token::pair`), which lets the extraction pass jump over a
//! whole group and keeps its scope stack balanced even on broken input: a
//! closing delimiter that matches no opener is reported and dropped.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tk {
    /// An identifier or keyword.
    Ident,
    /// `r#ident`; the token's range covers the identifier without `r#`.
    RawIdent,
    /// `'a`, `'static`, `'r#a`.
    Lifetime,
    /// A plain string literal `"..."` (optionally with a suffix).
    Str,
    /// A raw string literal `r#"..."#`.
    RawStr,
    /// Any other literal: numbers, chars, byte and C strings.
    Lit,
    /// `::`
    PathSep,
    /// `->`
    Arrow,
    /// `=>`
    FatArrow,
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    /// Any other single punctuation byte.
    Punct(u8),
    /// A character that is neither punctuation nor part of an identifier.
    Other,
}

/// One token: a kind and a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: Tk,
    /// Byte offset of its first byte.
    pub start: u32,
    /// For an identifier among [`WORDS`], its index + 1 (see [`kw`]); 0
    /// for any other token (raw identifiers included).
    pub kw: u8,
    /// Byte offset one past its last byte.
    pub end: u32,
    /// For a delimiter, the index of its partner token (`NO_PAIR` when it
    /// has none: an opener left unclosed).
    pub pair: u32,
}

/// `Token::pair` of a token without a partner.
pub(crate) const NO_PAIR: u32 = u32::MAX;

/// A lexical problem, by byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexErrorKind {
    /// `/* ...` without its `*/`.
    BlockComment,
    /// `"...` (also byte and C strings).
    Str,
    /// `r#"...` without its closing quote and hashes.
    RawStr,
    /// `'x` that is neither a char literal nor a lifetime.
    Char,
    /// An opener never closed.
    Unclosed(u8),
    /// A closer with no opener.
    Unexpected(u8),
    /// A closer that closes an outer group while `open` (at `open_offset`)
    /// is still open.
    Mismatched {
        /// The closing delimiter.
        close: u8,
        /// The innermost opener left unclosed.
        open: u8,
        /// Where that opener is.
        open_offset: u32,
    },
}

/// A lexical problem and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LexError {
    /// Byte offset of the problem.
    pub offset: u32,
    /// What it is.
    pub kind: LexErrorKind,
}

fn opener_of(close: u8) -> u8 {
    match close {
        b')' => b'(',
        b']' => b'[',
        _ => b'{',
    }
}

/// True for the characters Rust treats as whitespace.
fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Approximates `XID_Start` (plus `_`).
fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// Approximates `XID_Continue`.
fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether a byte continues an identifier (non-ASCII bytes are decided by
/// decoding the character).
static IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// The index of the first `\n` in `b`, eight bytes at a time (comments
/// are a good part of every source file).
fn find_newline(b: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = LO * b'\n' as u64;
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) ^ NL;
        // A zero byte of `v` is a newline of `c`.
        let found = v.wrapping_sub(LO) & !v & HI;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == b'\n')
        .map(|p| at + p)
}

/// Words the extraction pass looks for, by [`Token::kw`] (index + 1).
/// Strict and reserved keywords first (`STRICT` of them), then those of
/// edition 2018 and later, then the path keywords and other words with a
/// meaning to the scanner.
pub(crate) const WORDS: [&[u8]; 62] = [
    b"as",
    b"break",
    b"const",
    b"continue",
    b"else",
    b"enum",
    b"extern",
    b"false",
    b"fn",
    b"for",
    b"if",
    b"impl",
    b"in",
    b"let",
    b"loop",
    b"match",
    b"mod",
    b"move",
    b"mut",
    b"pub",
    b"ref",
    b"return",
    b"static",
    b"struct",
    b"trait",
    b"true",
    b"type",
    b"unsafe",
    b"use",
    b"where",
    b"while",
    b"abstract",
    b"become",
    b"box",
    b"do",
    b"final",
    b"macro",
    b"override",
    b"priv",
    b"typeof",
    b"unsized",
    b"virtual",
    b"yield",
    b"async",
    b"await",
    b"dyn",
    b"try",
    b"crate",
    b"self",
    b"super",
    b"Self",
    b"union",
    b"macro_rules",
    b"include",
    b"default",
    b"safe",
    b"auto",
    b"cfg",
    b"cfg_attr",
    b"path",
    b"test",
    b"all",
];
/// The number of strict and reserved keywords at the start of [`WORDS`].
pub(crate) const STRICT: u8 = 43;
/// The number of edition-2018 keywords after them.
pub(crate) const E2018: u8 = 4;

/// [`Token::kw`] values: `kw::USE` is `use`.
#[allow(dead_code)]
pub(crate) mod kw {
    pub(crate) const AS: u8 = 1;
    pub(crate) const BREAK: u8 = 2;
    pub(crate) const CONST: u8 = 3;
    pub(crate) const CONTINUE: u8 = 4;
    pub(crate) const ELSE: u8 = 5;
    pub(crate) const ENUM: u8 = 6;
    pub(crate) const EXTERN: u8 = 7;
    pub(crate) const FALSE: u8 = 8;
    pub(crate) const FN: u8 = 9;
    pub(crate) const FOR: u8 = 10;
    pub(crate) const IF: u8 = 11;
    pub(crate) const IMPL: u8 = 12;
    pub(crate) const IN: u8 = 13;
    pub(crate) const LET: u8 = 14;
    pub(crate) const LOOP: u8 = 15;
    pub(crate) const MATCH: u8 = 16;
    pub(crate) const MOD: u8 = 17;
    pub(crate) const MOVE: u8 = 18;
    pub(crate) const MUT: u8 = 19;
    pub(crate) const PUB: u8 = 20;
    pub(crate) const REF: u8 = 21;
    pub(crate) const RETURN: u8 = 22;
    pub(crate) const STATIC: u8 = 23;
    pub(crate) const STRUCT: u8 = 24;
    pub(crate) const TRAIT: u8 = 25;
    pub(crate) const TRUE: u8 = 26;
    pub(crate) const TYPE: u8 = 27;
    pub(crate) const UNSAFE: u8 = 28;
    pub(crate) const USE: u8 = 29;
    pub(crate) const WHERE: u8 = 30;
    pub(crate) const WHILE: u8 = 31;
    pub(crate) const ABSTRACT: u8 = 32;
    pub(crate) const BECOME: u8 = 33;
    pub(crate) const BOX: u8 = 34;
    pub(crate) const DO: u8 = 35;
    pub(crate) const FINAL: u8 = 36;
    pub(crate) const MACRO: u8 = 37;
    pub(crate) const OVERRIDE: u8 = 38;
    pub(crate) const PRIV: u8 = 39;
    pub(crate) const TYPEOF: u8 = 40;
    pub(crate) const UNSIZED: u8 = 41;
    pub(crate) const VIRTUAL: u8 = 42;
    pub(crate) const YIELD: u8 = 43;
    pub(crate) const ASYNC: u8 = 44;
    pub(crate) const AWAIT: u8 = 45;
    pub(crate) const DYN: u8 = 46;
    pub(crate) const TRY: u8 = 47;
    pub(crate) const CRATE: u8 = 48;
    pub(crate) const SELF: u8 = 49;
    pub(crate) const SUPER: u8 = 50;
    pub(crate) const SELF_TYPE: u8 = 51;
    pub(crate) const UNION: u8 = 52;
    pub(crate) const MACRO_RULES: u8 = 53;
    pub(crate) const INCLUDE: u8 = 54;
    pub(crate) const DEFAULT: u8 = 55;
    pub(crate) const SAFE: u8 = 56;
    pub(crate) const AUTO: u8 = 57;
    pub(crate) const CFG: u8 = 58;
    pub(crate) const CFG_ATTR: u8 = 59;
    pub(crate) const PATH: u8 = 60;
    pub(crate) const TEST: u8 = 61;
    pub(crate) const ALL: u8 = 62;
}

/// The multiplier of [`keyword_of`]'s hash, chosen so that no two of
/// [`WORDS`] share a slot of [`KW_SLOTS`].
const KW_MUL: u32 = 0x4e05_9fb9;

/// The hash of a word of 2 to 11 bytes: its first two bytes, the one
/// before its last, and its length.
const fn kw_hash(w: &[u8]) -> usize {
    let key =
        w[0] as u32 | (w[1] as u32) << 8 | (w[w.len() - 2] as u32) << 16 | (w.len() as u32) << 24;
    (key.wrapping_mul(KW_MUL) >> 24) as usize
}

/// [`WORDS`] by hash slot (index + 1; 0 for an empty slot).
static KW_SLOTS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < WORDS.len() {
        let h = kw_hash(WORDS[k]);
        assert!(t[h] == 0, "two words share a slot: change KW_MUL");
        t[h] = (k + 1) as u8;
        k += 1;
    }
    t
};

/// The [`Token::kw`] of identifier `w`: one hash and one comparison.
#[inline]
fn keyword_of(w: &[u8]) -> u8 {
    if w.len() < 2 || w.len() > 11 {
        return 0;
    }
    let k = KW_SLOTS[kw_hash(w)];
    if k != 0 && WORDS[k as usize - 1] == w {
        k
    } else {
        0
    }
}

/// The index of the first `"`, `\\` or `\n` in `b` (its length if none),
/// eight bytes at a time: the bytes a string literal stops at.
#[inline]
fn find_string_stop(b: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut n = 0;
    while let Some(c) = b.get(n..n + 8) {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let found = zero(v ^ (LO * u64::from(b'"')))
            | zero(v ^ (LO * u64::from(b'\\')))
            | zero(v ^ (LO * u64::from(b'\n')));
        if found != 0 {
            return n + (found.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|&c| matches!(c, b'"' | b'\\' | b'\n'))
        .unwrap_or(b.len() - n)
}

/// The number of spaces `b` starts with, counted eight bytes at a time.
#[inline]
fn leading_spaces(b: &[u8]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let mut n = 0;
    while let Some(c) = b.get(n..n + 8) {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) ^ SPACES;
        if v != 0 {
            return n + (v.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..].iter().take_while(|&&c| c == b' ').count()
}

/// What [`lex`] produces; its vectors are reused between files.
#[derive(Debug, Default)]
pub(crate) struct Lexed {
    /// The tokens.
    pub tokens: Vec<Token>,
    /// Byte offset where each line starts (the first is 0).
    pub lines: Vec<u32>,
    /// Lexical errors in order of discovery.
    pub errors: Vec<LexError>,
}

struct Lexer<'a, 'o> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    tokens: &'o mut Vec<Token>,
    lines: &'o mut Vec<u32>,
    errors: &'o mut Vec<LexError>,
    open: Vec<u32>,
}

/// Lexes `text` into `out` (cleared first).
pub(crate) fn lex(text: &str, out: &mut Lexed) {
    // Offsets are u32 to keep tokens small; longer inputs are cut (a 4 GiB
    // source file is not a real case).
    let text = if text.len() >= u32::MAX as usize {
        let mut end = (u32::MAX - 1) as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    out.tokens.clear();
    out.tokens.reserve(text.len() / 5 + 16);
    out.lines.clear();
    out.lines.push(0);
    out.errors.clear();
    let mut lx = Lexer {
        text,
        b: text.as_bytes(),
        i: 0,
        tokens: &mut out.tokens,
        lines: &mut out.lines,
        errors: &mut out.errors,
        open: Vec::new(),
    };
    lx.run();
}

impl Lexer<'_, '_> {
    /// Records that a line starts at byte `at` (just past a `\n`).
    fn newline(&mut self, at: usize) {
        self.lines.push(at as u32);
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn push(&mut self, kind: Tk, start: usize) {
        self.tokens.push(Token {
            kind,
            kw: 0,
            start: start as u32,
            end: self.i as u32,
            pair: NO_PAIR,
        });
    }

    /// Pushes the identifier from `start`, recognising the words of [`WORDS`].
    #[inline]
    fn push_ident(&mut self, start: usize) {
        let kw = keyword_of(&self.b[start..self.i]);
        self.tokens.push(Token {
            kind: Tk::Ident,
            kw,
            start: start as u32,
            end: self.i as u32,
            pair: NO_PAIR,
        });
    }

    fn error(&mut self, offset: usize, kind: LexErrorKind) {
        self.errors.push(LexError {
            offset: offset as u32,
            kind,
        });
    }

    fn run(&mut self) {
        if self.b.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.i = 3;
        }
        self.shebang();
        while self.i < self.b.len() {
            self.token();
        }
        for k in std::mem::take(&mut self.open) {
            let t = self.tokens[k as usize];
            let open = self.b[t.start as usize];
            self.error(t.start as usize, LexErrorKind::Unclosed(open));
        }
    }

    /// `#!` on the first line is a shebang unless it starts an inner
    /// attribute (`#![`, possibly with whitespace or comments between).
    fn shebang(&mut self) {
        if !self.b[self.i..].starts_with(b"#!") {
            return;
        }
        let mut j = self.i + 2;
        loop {
            match self.at(j) {
                b' ' | b'\t' | b'\n' | b'\r' => j += 1,
                b'/' if self.at(j + 1) == b'/' => {
                    while j < self.b.len() && self.b[j] != b'\n' {
                        j += 1;
                    }
                }
                b'/' if self.at(j + 1) == b'*' => {
                    j += 2;
                    while j < self.b.len() && !(self.b[j] == b'*' && self.at(j + 1) == b'/') {
                        j += 1;
                    }
                    j += 2;
                }
                _ => break,
            }
        }
        if self.at(j) != b'[' {
            while self.i < self.b.len() && self.b[self.i] != b'\n' {
                self.i += 1;
            }
        }
    }

    fn token(&mut self) {
        let start = self.i;
        let c = self.b[start];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => {
                let mut i = start;
                while let Some(&c) = self.b.get(i) {
                    match c {
                        b'\n' => {
                            i += 1;
                            self.newline(i);
                            // Indentation, eight spaces at a time.
                            i += leading_spaces(&self.b[i..]);
                        }
                        b' ' | b'\t' | b'\r' | 0x0B | 0x0C => i += 1,
                        _ => break,
                    }
                }
                self.i = i;
            }
            b'/' if self.at(start + 1) == b'/' => {
                self.i = match find_newline(&self.b[start..]) {
                    Some(p) => start + p,
                    None => self.b.len(),
                };
            }
            b'/' if self.at(start + 1) == b'*' => self.block_comment(),
            b'"' => {
                self.i += 1;
                self.quoted(start, LexErrorKind::Str);
                self.push(Tk::Str, start);
            }
            b'\'' => self.quote(),
            b'0'..=b'9' => {
                self.number();
                self.push(Tk::Lit, start);
            }
            b'r' | b'b' | b'c' => self.prefixed(),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                self.ident_rest();
                self.push_ident(start);
            }
            b'(' | b'[' | b'{' => {
                self.i += 1;
                self.open.push(self.tokens.len() as u32);
                self.push(Tk::Open(c), start);
            }
            b')' | b']' | b'}' => {
                self.i += 1;
                self.close(c, start);
            }
            b':' if self.at(start + 1) == b':' => {
                self.i += 2;
                self.push(Tk::PathSep, start);
            }
            b'-' if self.at(start + 1) == b'>' => {
                self.i += 2;
                self.push(Tk::Arrow, start);
            }
            b'=' if self.at(start + 1) == b'>' => {
                self.i += 2;
                self.push(Tk::FatArrow, start);
            }
            0x80.. => match self.char_at(start) {
                Some(ch) => {
                    self.i += ch.len_utf8();
                    if is_whitespace(ch) {
                    } else if is_id_start(ch) {
                        self.ident_rest();
                        self.push_ident(start);
                    } else {
                        self.push(Tk::Other, start);
                    }
                }
                // Not reachable for a &str, but never loop forever.
                None => self.i += 1,
            },
            _ => {
                self.i += 1;
                self.push(Tk::Punct(c), start);
            }
        }
    }

    fn close(&mut self, c: u8, start: usize) {
        let want = opener_of(c);
        let idx = self.tokens.len() as u32;
        let opener = |lx: &Self, k: u32| lx.b[lx.tokens[k as usize].start as usize];
        match self.open.last() {
            Some(&top) if opener(self, top) == want => {
                self.open.pop();
                self.tokens[top as usize].pair = idx;
                self.push(Tk::Close(c), start);
                self.tokens[idx as usize].pair = top;
            }
            Some(&top) => match self.open.iter().rposition(|&k| opener(self, k) == want) {
                Some(p) => {
                    let open = opener(self, top);
                    let open_offset = self.tokens[top as usize].start;
                    self.error(
                        start,
                        LexErrorKind::Mismatched {
                            close: c,
                            open,
                            open_offset,
                        },
                    );
                    let k = self.open[p];
                    self.open.truncate(p);
                    self.tokens[k as usize].pair = idx;
                    self.push(Tk::Close(c), start);
                    self.tokens[idx as usize].pair = k;
                }
                None => self.error(start, LexErrorKind::Unexpected(c)),
            },
            None => self.error(start, LexErrorKind::Unexpected(c)),
        }
    }

    fn block_comment(&mut self) {
        let start = self.i;
        self.i += 2;
        let mut depth = 1u32;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'/' if self.at(self.i + 1) == b'*' => {
                    depth += 1;
                    self.i += 2;
                }
                b'*' if self.at(self.i + 1) == b'/' => {
                    depth -= 1;
                    self.i += 2;
                    if depth == 0 {
                        return;
                    }
                }
                b'\n' => {
                    self.i += 1;
                    self.newline(self.i);
                }
                _ => self.i += 1,
            }
        }
        self.error(start, LexErrorKind::BlockComment);
    }

    /// Consumes identifier characters from `self.i`.
    #[inline(always)]
    fn ident_rest(&mut self) {
        let rest = &self.b[self.i..];
        let ascii = rest
            .iter()
            .position(|&c| !IDENT[c as usize])
            .unwrap_or(rest.len());
        self.i += ascii;
        if self.at(self.i) >= 0x80 {
            self.ident_rest_unicode();
        }
    }

    /// [`Lexer::ident_rest`] past a non-ASCII byte.
    #[inline(never)]
    fn ident_rest_unicode(&mut self) {
        let mut i = self.i;
        while let Some(&c) = self.b.get(i) {
            if IDENT[c as usize] {
                i += 1;
            } else if c >= 0x80 {
                match self.char_at(i) {
                    Some(ch) if is_id_continue(ch) => i += ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        self.i = i;
    }

    /// After the opening `"` of a string (`self.i` past it): consumes up to
    /// and including the closing quote, then any suffix.
    fn quoted(&mut self, start: usize, err: LexErrorKind) {
        while self.i < self.b.len() {
            self.i += find_string_stop(&self.b[self.i..]);
            let Some(&c) = self.b.get(self.i) else { break };
            match c {
                b'"' => {
                    self.i += 1;
                    self.ident_rest();
                    return;
                }
                b'\\' => self.escape(),
                b'\n' => {
                    self.i += 1;
                    self.newline(self.i);
                }
                _ => self.i += 1,
            }
        }
        self.error(start, err);
    }

    /// At a `\\` in a literal: skips it and the next byte (a line
    /// continuation's newline is recorded).
    fn escape(&mut self) {
        if self.at(self.i + 1) == b'\n' {
            self.newline(self.i + 2);
        }
        self.i = (self.i + 2).min(self.b.len());
    }

    /// At `r` (past any `b`/`c` prefix): a raw string if `#*"` follows.
    /// Returns false (consuming nothing) when it is not a raw string.
    fn raw_string(&mut self, start: usize) -> bool {
        let mut j = self.i + 1;
        while self.at(j) == b'#' {
            j += 1;
        }
        if self.at(j) != b'"' {
            return false;
        }
        let hashes = j - self.i - 1;
        j += 1;
        while j < self.b.len() {
            if self.b[j] == b'"'
                && self.b.len() - (j + 1) >= hashes
                && self.b[j + 1..j + 1 + hashes].iter().all(|&c| c == b'#')
            {
                self.i = j + 1 + hashes;
                self.ident_rest();
                return true;
            }
            if self.b[j] == b'\n' {
                self.newline(j + 1);
            }
            j += 1;
        }
        self.i = self.b.len();
        self.error(start, LexErrorKind::RawStr);
        true
    }

    /// An identifier starting with `r`, `b` or `c`, or a prefixed literal.
    fn prefixed(&mut self) {
        let start = self.i;
        let c = self.b[start];
        let n1 = self.at(start + 1);
        match (c, n1) {
            (b'r', b'"' | b'#') => {
                if self.raw_string(start) {
                    self.push(Tk::RawStr, start);
                    return;
                }
                // `r#ident`
                if n1 == b'#' && self.char_at(start + 2).is_some_and(is_id_start) {
                    self.i = start + 2;
                    self.ident_rest();
                    self.tokens.push(Token {
                        kind: Tk::RawIdent,
                        kw: 0,
                        start: start as u32 + 2,
                        end: self.i as u32,
                        pair: NO_PAIR,
                    });
                    return;
                }
            }
            (b'b' | b'c', b'"') => {
                self.i += 2;
                self.quoted(start, LexErrorKind::Str);
                self.push(Tk::Lit, start);
                return;
            }
            (b'b' | b'c', b'r') if matches!(self.at(start + 2), b'"' | b'#') => {
                self.i += 1;
                if self.raw_string(start) {
                    self.push(Tk::Lit, start);
                    return;
                }
                self.i = start;
            }
            (b'b', b'\'') => {
                self.i += 2;
                self.char_literal(start);
                self.push(Tk::Lit, start);
                return;
            }
            _ => {}
        }
        self.i = start;
        self.ident_rest();
        self.push_ident(start);
    }

    /// At `'`: a lifetime or a char literal (rustc's rules).
    fn quote(&mut self) {
        let start = self.i;
        self.i += 1;
        let Some(first) = self.char_at(self.i) else {
            self.error(start, LexErrorKind::Char);
            self.push(Tk::Lit, start);
            return;
        };
        let second_is_quote = self.at(self.i + first.len_utf8()) == b'\'';
        if !second_is_quote && (is_id_start(first) || first.is_ascii_digit()) {
            if first == 'r'
                && self.at(self.i + 1) == b'#'
                && self.char_at(self.i + 2).is_some_and(is_id_start)
            {
                self.i += 2;
            }
            self.ident_rest();
            if self.at(self.i) == b'\'' {
                // `'ab'`: an (invalid) char literal, not a lifetime.
                self.i += 1;
                self.ident_rest();
                self.push(Tk::Lit, start);
            } else {
                self.push(Tk::Lifetime, start);
            }
            return;
        }
        self.char_literal(start);
        self.push(Tk::Lit, start);
    }

    /// Inside a char or byte literal, `self.i` just past its opening quote.
    fn char_literal(&mut self, start: usize) {
        if let Some(first) = self.char_at(self.i)
            && first != '\\'
            && self.at(self.i + first.len_utf8()) == b'\''
        {
            if first == '\n' {
                self.newline(self.i + 1);
            }
            self.i += first.len_utf8() + 1;
            self.ident_rest();
            return;
        }
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\'' => {
                    self.i += 1;
                    self.ident_rest();
                    return;
                }
                b'/' => break,
                b'\n' if self.at(self.i + 1) != b'\'' => break,
                b'\n' => {
                    self.i += 1;
                    self.newline(self.i);
                }
                b'\\' => self.escape(),
                _ => self.i += 1,
            }
        }
        // Stop on a char boundary (an escape may have skipped into one).
        while !self.text.is_char_boundary(self.i) {
            self.i += 1;
        }
        self.error(start, LexErrorKind::Char);
    }

    fn number(&mut self) {
        let start = self.i;
        let radix = self.b[start] == b'0' && matches!(self.at(start + 1), b'x' | b'o' | b'b');
        self.digits(radix);
        if self.at(self.i) == b'.' && !radix {
            let n = self.at(self.i + 1);
            let next_is_ident = n == b'_' || n.is_ascii_alphabetic() || n >= 0x80;
            if n != b'.' && !next_is_ident {
                self.i += 1;
                if self.at(self.i).is_ascii_digit() {
                    self.digits(false);
                }
            }
        }
    }

    fn digits(&mut self, radix: bool) {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.i += 1;
                if !radix
                    && matches!(c, b'e' | b'E')
                    && matches!(self.at(self.i), b'+' | b'-')
                    && self.at(self.i + 1).is_ascii_digit()
                {
                    self.i += 1;
                }
            } else {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{WORDS, find_newline, find_string_stop, keyword_of, kw, leading_spaces};

    #[test]
    fn every_word_is_recognised_and_nothing_else() {
        for (k, w) in WORDS.iter().enumerate() {
            assert_eq!(keyword_of(w), k as u8 + 1, "{}", String::from_utf8_lossy(w));
            assert!((2..=11).contains(&w.len()));
        }
        assert_eq!(keyword_of(b"use"), kw::USE);
        assert_eq!(keyword_of(b"Self"), kw::SELF_TYPE);
        for w in [
            &b"usE"[..],
            b"uses",
            b"us",
            b"x",
            b"",
            b"macro_rulesx",
            b"wherf",
            b"whila",
            b"selF",
        ] {
            assert_eq!(keyword_of(w), 0, "{}", String::from_utf8_lossy(w));
        }
    }

    /// Inputs with the byte `at` at every position of lengths up to 40
    /// among filler bytes (some with the high bit set).
    fn inputs_with(at: u8) -> Vec<Vec<u8>> {
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), vec![at], b"plain".to_vec()];
        for len in 0..40 {
            for k in 0..len {
                let mut v: Vec<u8> = (0..len).map(|i| b"a\x0b\x8a\t\xff #!"[i % 8]).collect();
                v[k] = at;
                if k + 3 < len {
                    v[k + 3] = at;
                }
                inputs.push(v);
            }
        }
        inputs
    }

    #[test]
    fn find_string_stop_agrees_with_a_plain_search() {
        for at in [b'"', b'\\', b'\n', b'a'] {
            for v in inputs_with(at) {
                let plain = v
                    .iter()
                    .position(|&c| matches!(c, b'"' | b'\\' | b'\n'))
                    .unwrap_or(v.len());
                assert_eq!(find_string_stop(&v), plain, "{v:?}");
            }
        }
    }

    #[test]
    fn leading_spaces_agrees_with_a_plain_count() {
        for len in 0..40 {
            for stop in 0..=len {
                let v: Vec<u8> = (0..len)
                    .map(|i| if i < stop { b' ' } else { b'\t' })
                    .collect();
                assert_eq!(leading_spaces(&v), stop, "{v:?}");
            }
        }
    }

    #[test]
    fn find_newline_agrees_with_a_plain_search() {
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"\n".to_vec(), b"no newline".to_vec()];
        for len in 0..40 {
            for nl in 0..len {
                let mut v: Vec<u8> = (0..len).map(|i| b"a\x0b\x8a\t\xff\x09"[i % 6]).collect();
                v[nl] = b'\n';
                if nl + 3 < len {
                    v[nl + 3] = b'\n';
                }
                inputs.push(v);
            }
        }
        for v in inputs {
            assert_eq!(
                find_newline(&v),
                v.iter().position(|&c| c == b'\n'),
                "{v:?}"
            );
        }
    }
}
