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

/// One token: a kind and a byte range of the text, in 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: Tk,
    /// For an identifier among [`WORDS`], its index + 1 (see [`kw`]); 0
    /// for any other token (raw identifiers included).
    pub kw: u8,
    /// Byte offset of its first byte.
    pub start: u32,
    /// For a delimiter (one byte long), the index of its partner token
    /// (`NO_PAIR` when it has none: an opener left unclosed); for any
    /// other token, the byte offset one past its last byte.
    link: u32,
}

// Tokens are written once per token of every file and read back by the
// extraction pass: keep them at 12 bytes.
const _: () = assert!(size_of::<Token>() == 12);

impl Token {
    /// A token other than a delimiter, from `start` to `end`.
    #[inline(always)]
    pub(crate) fn new(kind: Tk, kw: u8, start: u32, end: u32) -> Token {
        debug_assert!(!matches!(kind, Tk::Open(_) | Tk::Close(_)));
        Token {
            kind,
            kw,
            start,
            link: end,
        }
    }

    /// A delimiter at `start`, paired with token `pair` (or `NO_PAIR`).
    #[inline(always)]
    pub(crate) fn delimiter(kind: Tk, start: u32, pair: u32) -> Token {
        debug_assert!(matches!(kind, Tk::Open(_) | Tk::Close(_)));
        Token {
            kind,
            kw: 0,
            start,
            link: pair,
        }
    }

    fn is_delimiter(&self) -> bool {
        matches!(self.kind, Tk::Open(_) | Tk::Close(_))
    }

    /// Byte offset one past its last byte.
    #[inline(always)]
    pub(crate) fn end(&self) -> u32 {
        if self.is_delimiter() {
            self.start + 1
        } else {
            self.link
        }
    }

    /// For a delimiter, the index of its partner token; `NO_PAIR` for an
    /// opener left unclosed and for every other token.
    #[inline(always)]
    pub(crate) fn pair(&self) -> u32 {
        if self.is_delimiter() {
            self.link
        } else {
            NO_PAIR
        }
    }

    /// Pairs a delimiter with token `pair`.
    #[inline(always)]
    pub(crate) fn set_pair(&mut self, pair: u32) {
        debug_assert!(self.is_delimiter());
        self.link = pair;
    }
}

/// `Token::pair` of a token without a partner.
pub(crate) const NO_PAIR: u32 = u32::MAX;

/// [`Token::kw`] of an opening delimiter whose group holds nothing the
/// extraction pass acts on (see [`is_notable`]): it jumps to the closer.
/// Set only on groups closed in order; never a keyword's index.
pub(crate) const QUIET: u8 = u8::MAX;

/// The [`kw`] words the extraction pass acts on wherever they stand: items
/// that bring names into scope or hold paths of their own (`use`,
/// `extern`, `mod`, `struct`, ...) and the macros it reads (`macro_rules`,
/// `include`). A bit per [`Token::kw`].
const NOTABLE_WORDS: u64 = 1 << kw::USE
    | 1 << kw::EXTERN
    | 1 << kw::MOD
    | 1 << kw::STRUCT
    | 1 << kw::ENUM
    | 1 << kw::TRAIT
    | 1 << kw::TYPE
    | 1 << kw::UNION
    | 1 << kw::IMPL
    | 1 << kw::MACRO_RULES
    | 1 << kw::INCLUDE;

/// True for a token the extraction pass may act on inside a group: `::`,
/// `!` (macro calls), `#` (attributes), `$` (`$crate`) and the words of
/// [`NOTABLE_WORDS`]. A group without any is [`QUIET`]. (The lexer keeps
/// a running flag instead; the reference lexer of the tests searches.)
#[cfg(test)]
pub(crate) fn is_notable(t: &Token) -> bool {
    match t.kind {
        Tk::PathSep | Tk::Punct(b'!' | b'#' | b'$') => true,
        Tk::Ident => notable_word(t.kw),
        _ => false,
    }
}

#[inline(always)]
fn notable_word(kw: u8) -> bool {
    // Every word's index is below 64 (and `QUIET` is never a word's).
    (NOTABLE_WORDS >> (kw & 63)) & 1 != 0
}

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

/// True for a character that starts an identifier: `XID_Start` or `_`.
fn is_id_start(c: char) -> bool {
    c == '_' || unicode_ident::is_xid_start(c)
}

/// True for a character that continues an identifier: `XID_Continue`
/// (letters, digits, `_`, combining marks, joiners, `·`, ...).
fn is_id_continue(c: char) -> bool {
    unicode_ident::is_xid_continue(c)
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

/// How [`Lexer::run`] dispatches on a token's first byte.
mod class {
    /// Whitespace other than `\n`.
    pub(super) const SPACE: u8 = 0;
    pub(super) const NEWLINE: u8 = 1;
    /// A letter or `_` that cannot start a prefixed literal.
    pub(super) const IDENT: u8 = 2;
    /// `r`, `b` or `c`: an identifier or a prefixed literal.
    pub(super) const PREFIX: u8 = 3;
    pub(super) const DIGIT: u8 = 4;
    pub(super) const OPEN: u8 = 5;
    pub(super) const CLOSE: u8 = 6;
    /// `:`, `-` or `=`: the first byte of `::`, `->` or `=>`.
    pub(super) const JOINT: u8 = 7;
    pub(super) const SLASH: u8 = 8;
    pub(super) const STR: u8 = 9;
    pub(super) const QUOTE: u8 = 10;
    pub(super) const NON_ASCII: u8 = 11;
    /// Any other ASCII byte: a punctuation token of its own.
    pub(super) const PUNCT: u8 = 12;
    /// `!`, `#` or `$`: punctuation the extraction pass acts on.
    pub(super) const MARK: u8 = 13;
}

/// The [`class`] of each byte.
static CLASS: [u8; 256] = {
    let mut t = [class::PUNCT; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b' ' | b'\t' | b'\r' | 0x0B | 0x0C => class::SPACE,
            b'\n' => class::NEWLINE,
            b'r' | b'b' | b'c' => class::PREFIX,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => class::IDENT,
            b'0'..=b'9' => class::DIGIT,
            b'(' | b'[' | b'{' => class::OPEN,
            b')' | b']' | b'}' => class::CLOSE,
            b':' | b'-' | b'=' => class::JOINT,
            b'/' => class::SLASH,
            b'"' => class::STR,
            b'\'' => class::QUOTE,
            b'!' | b'#' | b'$' => class::MARK,
            0x80.. => class::NON_ASCII,
            _ => class::PUNCT,
        };
        c += 1;
    }
    t
};

/// `x` in every byte of a word.
const fn splat(x: u8) -> u64 {
    0x0101_0101_0101_0101 * x as u64
}

/// The high bit of each byte of `v` (little-endian) that does not continue
/// an ASCII identifier (non-ASCII bytes included), eight bytes at a time.
#[inline(always)]
const fn ident_stops(v: u64) -> u64 {
    const LOW7: u64 = splat(0x7F);
    const HIGH: u64 = splat(0x80);
    // Every byte below is at most 0x7F before an addition that keeps it
    // below 0x100: no carry crosses bytes, and bit 7 of each byte tells
    // one comparison.
    let x = v & LOW7;
    let lower = (v | splat(0x20)) & LOW7;
    let letter = (lower + splat(0x80 - b'a')) & !(lower + splat(0x7F - b'z'));
    let digit = (x + splat(0x80 - b'0')) & !(x + splat(0x7F - b'9'));
    let not_underscore = (x ^ splat(b'_')) + LOW7;
    let ident = (letter | digit | !not_underscore) & !v;
    !ident & HIGH
}

/// `i`, or `i + 1` if a space is there: tokens are mostly one space
/// apart, and skipping it here saves a dispatch.
#[inline(always)]
fn skip_space(b: &[u8], i: usize) -> usize {
    i + usize::from(b.get(i) == Some(&b' '))
}

/// `b[i..i + 8]` as a little-endian word, if in bounds.
#[inline(always)]
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8)
        .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
}

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

/// The multiplier of [`kw_hash`], chosen so that no two of [`WORDS`] share
/// a slot of [`KW_SLOTS`].
const KW_MUL: u64 = 0x8f43_3550_5b00_db03;

/// The first (up to) eight bytes of `w`, little-endian, zero-padded: how
/// identifiers are compared with [`WORDS`] (which have no zero byte).
const fn head(w: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut k = 0;
    while k < w.len() && k < 8 {
        v |= (w[k] as u64) << (8 * k);
        k += 1;
    }
    v
}

/// The slot of a word by its [`head`]. The head tells apart all of
/// [`WORDS`] (the only one longer than eight bytes is `macro_rules`).
#[inline(always)]
const fn kw_hash(head: u64) -> usize {
    (head.wrapping_mul(KW_MUL) >> 56) as usize
}

/// [`WORDS`] by hash slot (index + 1; 0 for an empty slot).
static KW_SLOTS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < WORDS.len() {
        let h = kw_hash(head(WORDS[k]));
        assert!(t[h] == 0, "two words share a slot: change KW_MUL");
        t[h] = (k + 1) as u8;
        k += 1;
    }
    t
};

/// [`head`] and length of each of [`WORDS`], by [`Token::kw`] (entry 0
/// matches nothing). A slot for every `u8`, so that indexing it with one
/// needs no bounds check.
static KW_HEADS: [(u64, usize); 256] = {
    let mut t = [(u64::MAX, 0); 256];
    let mut k = 0;
    while k < WORDS.len() {
        t[k + 1] = (head(WORDS[k]), WORDS[k].len());
        k += 1;
    }
    t
};

/// The [`Token::kw`] of an ASCII identifier of `len` bytes at `start` of
/// `b`: one hash and two integer comparisons, without a `memcmp` call.
#[inline(always)]
fn keyword_at(b: &[u8], start: usize, len: usize) -> u8 {
    if !(2..=11).contains(&len) {
        return 0;
    }
    let first = match b.get(start..start + 8) {
        Some(c) => u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        None => head(&b[start..start + len]),
    };
    let h = if len >= 8 {
        first
    } else {
        first & ((1u64 << (8 * len)) - 1)
    };
    let k = KW_SLOTS[kw_hash(h)];
    let (word, n) = KW_HEADS[k as usize];
    if word == h
        && n == len
        && (len <= 8 || b[start + 8..start + len] == WORDS[k as usize - 1][8..])
    {
        k
    } else {
        0
    }
}

/// The [`Token::kw`] of identifier `w`.
fn keyword_of(w: &[u8]) -> u8 {
    keyword_at(w, 0, w.len())
}

/// The end of the run of ASCII identifier bytes that starts at `i`,
/// eight bytes at a time.
#[inline(always)]
fn ident_end(b: &[u8], mut i: usize) -> usize {
    while let Some(v) = word_at(b, i) {
        let stops = ident_stops(v);
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && IDENT[b[i] as usize] {
        i += 1;
    }
    i
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
    /// The lexer's stack of open delimiters, kept for its allocation.
    open: Vec<(u32, u8, bool)>,
}

struct Lexer<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    tokens: Vec<Token>,
    lines: Vec<u32>,
    errors: Vec<LexError>,
    /// Open delimiters: token index, opening byte and whether the group
    /// holding it had a notable token before it.
    open: Vec<(u32, u8, bool)>,
    /// The innermost open group (or the file) has a notable token so far.
    notable: bool,
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
    let mut lx = Lexer {
        text,
        b: text.as_bytes(),
        i: 0,
        tokens: std::mem::take(&mut out.tokens),
        lines: std::mem::take(&mut out.lines),
        errors: std::mem::take(&mut out.errors),
        open: std::mem::take(&mut out.open),
        notable: false,
    };
    lx.tokens.clear();
    lx.tokens.reserve(text.len() / 3 + 16);
    lx.lines.clear();
    lx.lines.push(0);
    lx.errors.clear();
    lx.open.clear();
    lx.run();
    out.tokens = lx.tokens;
    out.lines = lx.lines;
    out.errors = lx.errors;
    out.open = lx.open;
}

impl Lexer<'_> {
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

    /// Pushes a token from `start` to `end`.
    #[inline(always)]
    fn token(&mut self, kind: Tk, kw: u8, start: usize, end: usize) {
        self.notable |= notable_word(kw);
        self.tokens
            .push(Token::new(kind, kw, start as u32, end as u32));
    }

    /// Pushes a token from `start` to `self.i`.
    fn push(&mut self, kind: Tk, start: usize) {
        self.token(kind, 0, start, self.i);
    }

    /// Pushes the identifier from `start` to `self.i`, recognising the
    /// words of [`WORDS`].
    fn push_ident(&mut self, start: usize) {
        let kw = keyword_of(&self.b[start..self.i]);
        self.token(Tk::Ident, kw, start, self.i);
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
        let b = self.b;
        // The hot loop keeps the position in a local; the rarer tokens are
        // lexed by methods that work on `self.i`.
        let mut i = self.i;
        while let Some(&c) = b.get(i) {
            match CLASS[c as usize] {
                class::SPACE => i += 1,
                class::NEWLINE => {
                    i += 1;
                    self.lines.push(i as u32);
                    // Indentation, eight spaces at a time.
                    i += leading_spaces(&b[i..]);
                }
                class::IDENT => i = self.ident(i),
                class::PREFIX => {
                    let n1 = b.get(i + 1).copied().unwrap_or(0);
                    let prefixed = match n1 {
                        b'"' | b'#' | b'\'' => true,
                        b'r' => c != b'r' && matches!(b.get(i + 2), Some(b'"' | b'#')),
                        _ => false,
                    };
                    if prefixed {
                        self.i = i;
                        self.prefixed();
                        i = self.i;
                    } else {
                        i = self.ident(i);
                    }
                }
                class::OPEN => {
                    self.open.push((self.tokens.len() as u32, c, self.notable));
                    self.notable = false;
                    self.tokens
                        .push(Token::delimiter(Tk::Open(c), i as u32, NO_PAIR));
                    i += 1;
                }
                class::CLOSE => {
                    self.close(c, i);
                    i = skip_space(b, i + 1);
                }
                class::JOINT => {
                    let n1 = b.get(i + 1).copied().unwrap_or(0);
                    let kind = match (c, n1) {
                        (b':', b':') => {
                            self.notable = true;
                            Tk::PathSep
                        }
                        (b'-', b'>') => Tk::Arrow,
                        (b'=', b'>') => Tk::FatArrow,
                        _ => Tk::Punct(c),
                    };
                    let len = if matches!(kind, Tk::Punct(_)) { 1 } else { 2 };
                    self.token(kind, 0, i, i + len);
                    i = skip_space(b, i + len);
                }
                class::SLASH => match b.get(i + 1) {
                    Some(b'/') => {
                        i += find_newline(&b[i..]).unwrap_or(b.len() - i);
                    }
                    Some(b'*') => {
                        self.i = i;
                        self.block_comment();
                        i = self.i;
                    }
                    _ => {
                        self.token(Tk::Punct(c), 0, i, i + 1);
                        i += 1;
                    }
                },
                class::STR => {
                    self.i = i + 1;
                    self.quoted(i, LexErrorKind::Str);
                    self.push(Tk::Str, i);
                    i = self.i;
                }
                class::QUOTE => {
                    self.i = i;
                    self.quote();
                    i = self.i;
                }
                class::DIGIT => {
                    self.i = i;
                    self.number();
                    self.push(Tk::Lit, i);
                    i = self.i;
                }
                class::NON_ASCII => {
                    self.i = i;
                    self.non_ascii();
                    i = self.i;
                }
                class::MARK => {
                    self.notable = true;
                    self.token(Tk::Punct(c), 0, i, i + 1);
                    i = skip_space(b, i + 1);
                }
                _ => {
                    self.token(Tk::Punct(c), 0, i, i + 1);
                    i = skip_space(b, i + 1);
                }
            }
        }
        self.i = i;
        for k in 0..self.open.len() {
            let (t, open, _) = self.open[k];
            let start = self.tokens[t as usize].start;
            self.error(start as usize, LexErrorKind::Unclosed(open));
        }
    }

    /// The identifier starting at `start` (an ASCII letter or `_`, and not
    /// a prefixed literal); returns where lexing goes on. Most identifiers
    /// are shorter than eight bytes: one word holds the whole identifier,
    /// the byte after it and, masked, the key of the keyword lookup.
    #[inline(always)]
    fn ident(&mut self, start: usize) -> usize {
        let b = self.b;
        let Some(v) = word_at(b, start) else {
            return self.ident_near_end(start);
        };
        let stops = ident_stops(v);
        let (end, head, next) = if stops != 0 {
            // At most seven bytes.
            let len = (stops.trailing_zeros() / 8) as usize;
            let low = stops & stops.wrapping_neg();
            (start + len, v & ((low >> 7) - 1), (v >> (8 * len)) as u8)
        } else {
            let end = ident_end(b, start + 8);
            (end, v, b.get(end).copied().unwrap_or(0))
        };
        if next >= 0x80 {
            return self.ident_near_end(start);
        }
        let k = KW_SLOTS[kw_hash(head)];
        let (word, n) = KW_HEADS[k as usize];
        // Equal heads of fewer than eight bytes are equal words; longer
        // words need their length and the rest compared too.
        let len = end - start;
        let kw = if word == head
            && (len < 8
                || (n == len && (len == 8 || b[start + 8..end] == WORDS[k as usize - 1][8..])))
        {
            k
        } else {
            0
        };
        self.token(Tk::Ident, kw, start, end);
        // Skip one space after it, if any.
        end + usize::from(next == b' ')
    }

    /// [`Lexer::ident`] near the end of the text or with non-ASCII
    /// characters.
    #[inline(never)]
    fn ident_near_end(&mut self, start: usize) -> usize {
        self.i = ident_end(self.b, start + 1);
        if self.at(self.i) >= 0x80 {
            self.ident_rest_unicode();
        }
        self.push_ident(start);
        self.i
    }

    /// At a non-ASCII character: whitespace, an identifier or `Other`.
    #[inline(never)]
    fn non_ascii(&mut self) {
        let start = self.i;
        match self.char_at(start) {
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

    /// The closer `c` at `start`: pairs it with its opener, or reports it.
    #[inline(always)]
    fn close(&mut self, c: u8, start: usize) {
        let want = opener_of(c);
        let idx = self.tokens.len() as u32;
        match self.open.last() {
            Some(&(top, open, outer)) if open == want => {
                self.open.pop();
                let opener = &mut self.tokens[top as usize];
                opener.set_pair(idx);
                if !self.notable {
                    opener.kw = QUIET;
                }
                self.notable |= outer;
                self.tokens
                    .push(Token::delimiter(Tk::Close(c), start as u32, top));
            }
            _ => self.close_mismatched(c, start),
        }
    }

    /// [`Lexer::close`] when `c` does not close the innermost group.
    #[inline(never)]
    fn close_mismatched(&mut self, c: u8, start: usize) {
        let want = opener_of(c);
        let idx = self.tokens.len() as u32;
        let Some(&(top, open, _)) = self.open.last() else {
            self.error(start, LexErrorKind::Unexpected(c));
            return;
        };
        match self.open.iter().rposition(|&(_, o, _)| o == want) {
            Some(p) => {
                let open_offset = self.tokens[top as usize].start;
                self.error(
                    start,
                    LexErrorKind::Mismatched {
                        close: c,
                        open,
                        open_offset,
                    },
                );
                let k = self.open[p].0;
                self.open.truncate(p);
                // The group around holds a broken one: never skipped.
                self.notable = true;
                self.tokens[k as usize].set_pair(idx);
                self.tokens
                    .push(Token::delimiter(Tk::Close(c), start as u32, k));
            }
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
        self.i = ident_end(self.b, self.i);
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
                    self.tokens
                        .push(Token::new(Tk::RawIdent, 0, start as u32 + 2, self.i as u32));
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
        self.unicode_suffix();
    }

    /// The non-ASCII rest of a number's suffix (`1é`, `1u8é`): the ASCII
    /// letters of a suffix are read as digits are.
    fn unicode_suffix(&mut self) {
        if self.at(self.i) >= 0x80 && self.char_at(self.i).is_some_and(is_id_continue) {
            self.ident_rest_unicode();
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
mod old;

#[cfg(test)]
mod tests {
    use super::{
        IDENT, Lexed, WORDS, find_newline, find_string_stop, ident_end, ident_stops, keyword_of,
        kw, leading_spaces, lex, old, word_at,
    };

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

    #[test]
    fn ident_stops_agrees_with_the_byte_table() {
        for x in 0..=255u8 {
            for pos in 0..8 {
                for fill in [b'a', b'Z', b'_', b'0', b' ', 0x80, 0xff] {
                    let mut w = [fill; 8];
                    w[pos] = x;
                    let want = w
                        .iter()
                        .enumerate()
                        .filter(|&(_, &c)| !IDENT[c as usize])
                        .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                    assert_eq!(ident_stops(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn ident_end_stops_at_the_first_non_identifier_byte_or_the_end() {
        for len in 0..40 {
            for stop in 0..=len {
                for at in [b' ', b'\n', 0xc3, b'-', b'"'] {
                    let v: Vec<u8> = (0..len)
                        .map(|i| if i == stop { at } else { b"aZ_09x"[i % 6] })
                        .collect();
                    for from in 0..=stop {
                        assert_eq!(ident_end(&v, from), stop, "{v:?} from {from}");
                    }
                }
            }
        }
        assert_eq!(word_at(b"1234567", 0), None);
        assert_eq!(
            word_at(b"12345678", 0),
            Some(u64::from_le_bytes(*b"12345678"))
        );
        assert_eq!(word_at(b"12345678", 1), None);
    }

    /// Compares the lexer with the one it replaced on `text`.
    fn same_as_old(text: &str) {
        let (mut new, mut reference) = (Lexed::default(), Lexed::default());
        lex(text, &mut new);
        old::lex(text, &mut reference);
        let at = |t: &[super::Token]| {
            new.tokens
                .iter()
                .zip(t)
                .position(|(a, b)| a != b)
                .unwrap_or(t.len().min(new.tokens.len()))
        };
        let k = at(&reference.tokens);
        assert!(
            new.tokens == reference.tokens,
            "tokens differ at {k} ({:?} vs {:?}) on:\n{text}",
            new.tokens.get(k),
            reference.tokens.get(k)
        );
        assert_eq!(new.lines, reference.lines, "lines differ on:\n{text}");
        assert_eq!(new.errors, reference.errors, "errors differ on:\n{text}");
    }

    /// Every `.rs` file under `root` (not under `target/`).
    fn rust_files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    if !p.ends_with("target") && !p.ends_with(".git") {
                        dirs.push(p);
                    }
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        files.sort();
        files
    }

    /// Fragments that start or end the lexer's special cases.
    const FRAGMENTS: &[&str] = &[
        "\"",
        "'",
        "/*",
        "*/",
        "//",
        "r#\"",
        "\"#",
        "b'",
        "br\"",
        "c\"",
        "r#",
        "'a",
        "\\",
        "\n",
        " ",
        "\t",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "::",
        "->",
        "=>",
        "é",
        "\u{2028}",
        "😀",
        "0x",
        "1e",
        "1.",
        "macro_rules",
        "continue",
        "self",
        "cr",
        "#!",
        "\u{feff}",
        "_",
    ];

    /// `text` with `fragment` at byte `at` (moved back to a char boundary).
    fn insert(text: &str, mut at: usize, fragment: &str) -> String {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        format!("{}{fragment}{}", &text[..at], &text[at..])
    }

    #[test]
    fn agrees_with_the_old_lexer_on_the_workspace_and_mutations_of_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let files = rust_files(&root);
        assert!(files.len() > 20, "{}", root.display());
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            same_as_old(&text);
            for _ in 0..8 {
                // Cut anywhere: every token kind ends up at the end of a text.
                let mut cut = next(text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                same_as_old(&text[..cut]);
                let fragment = FRAGMENTS[next(FRAGMENTS.len())];
                same_as_old(&insert(&text, next(text.len() + 1), fragment));
            }
        }
    }

    #[test]
    fn agrees_with_the_old_lexer_at_the_end_of_the_text() {
        for fragment in FRAGMENTS {
            for word in [
                "",
                "a",
                "ab",
                "abcdefg",
                "abcdefgh",
                "continue",
                "macro_rules",
                "r",
            ] {
                for pad in 0..17 {
                    let text = format!("{}{word}{fragment}", " ".repeat(pad));
                    same_as_old(&text);
                    same_as_old(&format!("{text}x"));
                    same_as_old(&format!("{fragment}{word}{}", " ".repeat(pad)));
                }
            }
        }
    }

    #[test]
    fn every_word_is_recognised_wherever_it_stands() {
        for w in WORDS {
            let w = std::str::from_utf8(w).expect("ASCII");
            for (before, after) in [("", ""), (" ", "("), ("\n", "x"), ("a::", "_1"), ("", "é")] {
                for pad in 0..10 {
                    let text = format!("{}{before}{w}{after}", " ".repeat(pad));
                    same_as_old(&text);
                    same_as_old(&format!("{text} z;"));
                    // One byte short of the word, and one changed byte.
                    same_as_old(&text[..text.len() - after.len() - 1]);
                    same_as_old(&text.replacen(w, &w.replacen(&w[..1], "Q", 1), 1));
                }
            }
        }
    }

    /// The benchmark corpus, or the tree `TERRACE_LEX_CORPUS` names
    /// (`cargo nextest run -p terrace-lint --run-ignored all lexer`).
    #[test]
    #[ignore = "reads the benchmark corpus"]
    fn agrees_with_the_old_lexer_on_the_benchmark_corpus() {
        let root = std::env::var_os("TERRACE_LEX_CORPUS").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-corpus"),
            Into::into,
        );
        let files = rust_files(&root);
        assert!(!files.is_empty(), "no Rust files under {}", root.display());
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                same_as_old(&text);
            }
        }
    }

    mod generated {
        use proptest::prelude::*;

        use super::{FRAGMENTS, same_as_old};

        const PIECES: &[&str] = &[
            "a",
            "Self",
            "use",
            "macro_rules",
            "continue",
            "abcdefghij",
            "x1",
            "r",
            "b",
            "c",
            "0",
            "9",
            "1_000",
            "0b1",
            "e",
            "+",
            "-",
            ".",
            "..",
            ",",
            ";",
            "=",
            "<",
            ">",
            "&",
            "#",
            "!",
            "?",
            "@",
            "$",
            "~",
            "\u{0b}",
            "\r",
            "\u{85}",
            "\u{a0}",
            "ü",
            "\u{200e}",
            "\0",
            "\x7f",
        ];

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop_oneof![
                    prop::sample::select(PIECES),
                    prop::sample::select(FRAGMENTS),
                ],
                0..60,
            )
            .prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 2048,
                failure_persistence: None,
                rng_seed: proptest::test_runner::RngSeed::Fixed(0x1e8e_5ca1),
                ..ProptestConfig::default()
            })]

            #[test]
            fn random_texts(text in text()) {
                same_as_old(&text);
            }
        }
    }
}
