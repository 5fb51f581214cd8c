//! The lexer as it was before its hot loop was rewritten, kept (test builds
//! only) as the reference that the rewritten one must agree with, token for
//! token, line for line and error for error. The pure helpers the rewrite
//! left unchanged (character classes, the identifier byte table, the
//! eight-byte searches, each tested against a plain search) are the
//! parent's.

use super::{
    IDENT, LexError, LexErrorKind, Lexed, NO_PAIR, QUIET, Tk, Token, WORDS, find_newline,
    find_string_stop, is_id_continue, is_id_start, is_notable, is_whitespace, leading_spaces,
    opener_of,
};

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
    mark_quiet(&mut out.tokens);
}

/// Marks [`QUIET`] every group closed in order that holds no notable token
/// and no group left unclosed: a plain search of each group, unlike the
/// rewritten lexer's running flag.
fn mark_quiet(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let t = tokens[i];
        let p = t.pair();
        if !matches!(t.kind, Tk::Open(_)) || p == NO_PAIR {
            continue;
        }
        let inside = &tokens[i + 1..p as usize];
        let broken = inside
            .iter()
            .any(|u| matches!(u.kind, Tk::Open(_)) && u.pair() == NO_PAIR);
        if !broken && !inside.iter().any(is_notable) {
            tokens[i].kw = QUIET;
        }
    }
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
        let token = if matches!(kind, Tk::Open(_) | Tk::Close(_)) {
            Token::delimiter(kind, start as u32, NO_PAIR)
        } else {
            Token::new(kind, 0, start as u32, self.i as u32)
        };
        self.tokens.push(token);
    }

    /// Pushes the identifier from `start`, recognising the words of [`WORDS`].
    #[inline]
    fn push_ident(&mut self, start: usize) {
        let kw = keyword_of(&self.b[start..self.i]);
        self.tokens
            .push(Token::new(Tk::Ident, kw, start as u32, self.i as u32));
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
                self.tokens[top as usize].set_pair(idx);
                self.push(Tk::Close(c), start);
                self.tokens[idx as usize].set_pair(top);
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
                    self.tokens[k as usize].set_pair(idx);
                    self.push(Tk::Close(c), start);
                    self.tokens[idx as usize].set_pair(k);
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
