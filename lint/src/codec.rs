//! The cache's binary encoding: little-endian integers, LEB128 counts,
//! length-prefixed strings, front-coded paths; every read is checked.

use std::path::{Path, PathBuf};

use crate::fingerprint::{Input, Stamp};
use crate::scan::Pos;

/// An encoder; paths are front-coded against the previous one.
#[derive(Default)]
pub(crate) struct W(pub(crate) Vec<u8>, String);

impl W {
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// An unsigned LEB128 integer.
    pub(crate) fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    pub(crate) fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    /// A path, as the length it shares with the previous path and the rest.
    pub(crate) fn path(&mut self, p: &Path) {
        // Checked as a whole first: faster than the lossy conversion's
        // chunks when valid, as paths almost always are.
        let p = match p.to_str() {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => p.to_string_lossy(),
        };
        let mut common = self
            .1
            .bytes()
            .zip(p.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !p.is_char_boundary(common) {
            common -= 1;
        }
        self.var(common as u64);
        self.str(&p[common..]);
        self.1.truncate(common);
        self.1.push_str(&p[common..]);
    }
    pub(crate) fn pos(&mut self, p: Pos) {
        self.var(u64::from(p.line));
        self.var(u64::from(p.column));
    }
    pub(crate) fn stamp(&mut self, s: Stamp) {
        self.u64(s.size);
        self.u64((s.mtime_ns >> 64) as u64);
        self.u64(s.mtime_ns as u64);
        self.u64(s.inode);
    }
    pub(crate) fn inputs(&mut self, inputs: &[Input]) {
        self.var(inputs.len() as u64);
        for (path, stamp) in inputs {
            self.path(path);
            match stamp {
                Some(s) => {
                    self.u8(1);
                    self.stamp(*s);
                }
                None => self.u8(0),
            }
        }
    }
}

/// A decoder; every read is checked.
pub(crate) struct R<'a> {
    b: &'a [u8],
    at: usize,
    /// The last path read.
    last: String,
}

impl<'a> R<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        R {
            b,
            at: 0,
            last: String::new(),
        }
    }
    pub(crate) fn done(&self) -> bool {
        self.at == self.b.len()
    }
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|s| u32::from_le_bytes(s.try_into().unwrap_or_default()))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|s| u64::from_le_bytes(s.try_into().unwrap_or_default()))
    }
    pub(crate) fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
    /// A count that cannot exceed the bytes left (guards allocations).
    pub(crate) fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.var()?).ok()?;
        (n <= self.b.len() - self.at).then_some(n)
    }
    pub(crate) fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    pub(crate) fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }
    pub(crate) fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }
    pub(crate) fn pos(&mut self) -> Option<Pos> {
        Some(Pos {
            line: u32::try_from(self.var()?).ok()?,
            column: u32::try_from(self.var()?).ok()?,
        })
    }
    pub(crate) fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.var()?).ok()
    }
    pub(crate) fn path(&mut self) -> Option<PathBuf> {
        self.path_str().map(PathBuf::from)
    }
    /// A path as the string it was written from, without allocating.
    pub(crate) fn path_str(&mut self) -> Option<&str> {
        let common = self.usize()?;
        let rest = self.str()?;
        if common > self.last.len() || !self.last.is_char_boundary(common) {
            return None;
        }
        self.last.truncate(common);
        self.last.push_str(rest);
        Some(&self.last)
    }
    pub(crate) fn stamp(&mut self) -> Option<Stamp> {
        let size = self.u64()?;
        let hi = u128::from(self.u64()?);
        let lo = u128::from(self.u64()?);
        Some(Stamp {
            size,
            mtime_ns: (hi << 64) | lo,
            inode: self.u64()?,
        })
    }
    pub(crate) fn inputs(&mut self) -> Option<Vec<Input>> {
        let mut out = Vec::new();
        for _ in 0..self.len()? {
            let path = self.path()?;
            let stamp = match self.u8()? {
                0 => None,
                1 => Some(self.stamp()?),
                _ => return None,
            };
            out.push((path, stamp));
        }
        Some(out)
    }
}
