//! What identifies a file's content without reading it (its stamp), and a
//! fast stable hash of content: the cache's validation, shared with the
//! workspace loader that records what it looked at.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: u128,
    /// Inode number (0 where there is none).
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file or directory, `None` when its metadata cannot be
    /// read.
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    /// The stamp of a file or directory whose metadata was already read
    /// (what [`Stamp::of`] returns for it, without a second `stat`).
    pub fn of_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
            inode,
        })
    }
}

/// A path with its stamp when it was looked at (`None`: it did not exist).
pub type Input = (PathBuf, Option<Stamp>);

/// True when every input still has the stamp it had (checked in parallel).
pub fn unchanged(inputs: &[Input]) -> bool {
    inputs
        .par_iter()
        .with_min_len(256)
        .all(|(path, stamp)| Stamp::of(path) == *stamp)
}

/// A stable 64-bit hash of a file's content: four independent lanes of
/// eight bytes each (so that the multiplications of one 32-byte block
/// overlap), folded together, then the rest eight bytes at a time.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut lanes = [
        HASH_SEED ^ (bytes.len() as u64).wrapping_mul(HASH_K),
        HASH_SEED.rotate_left(16),
        HASH_SEED.rotate_left(32),
        HASH_SEED.rotate_left(48),
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, word_of(word));
        }
    }
    let mut h = lanes[0];
    for lane in &lanes[1..] {
        h = mix(h, *lane);
    }
    let mut words = blocks.remainder().chunks_exact(8);
    for word in &mut words {
        h = mix(h, word_of(word));
    }
    for &b in words.remainder() {
        h = mix(h, u64::from(b));
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 29)
}

const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// One step of [`content_hash`]: `value` mixed into `h`.
fn mix(h: u64, value: u64) -> u64 {
    (h ^ value).wrapping_mul(HASH_K).rotate_left(29)
}

/// Eight bytes as a little-endian word.
fn word_of(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

/// A hasher for byte strings such as paths, eight bytes at a time (std's
/// SipHash, and `Path`'s component-wise hashing, cost more than the
/// lookups they serve). Not for keys an attacker chooses.
#[derive(Clone, Copy)]
pub struct BytesHasher(u64);

impl Default for BytesHasher {
    fn default() -> Self {
        BytesHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for BytesHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ v).wrapping_mul(K).rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            h = (h ^ u64::from_le_bytes(last))
                .wrapping_mul(K)
                .rotate_left(29);
        }
        self.0 = h;
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }

    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 31);
        h.wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (h >> 29)
    }
}

/// A map keyed by byte strings, with [`BytesHasher`].
pub type BytesMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<BytesHasher>>;

/// A hasher for small integer keys (FxHash's step): sip hashing costs more
/// than the lookups it guards.
#[derive(Default, Clone, Copy)]
pub struct IntHasher(u64);

impl std::hash::Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A map keyed by small integers.
pub type IntMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IntHasher>>;

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::hash::{BuildHasher, BuildHasherDefault};

    use super::*;

    #[test]
    fn bytes_hasher_tells_close_keys_apart() {
        let b = BuildHasherDefault::<BytesHasher>::default();
        let keys = [
            "a/b.rs", "a/c.rs", "a/b.rs\0", "a/b.r", "", "abcdefgh", "abcdefgi",
        ];
        let hashes: Vec<u64> = keys.iter().map(|k| b.hash_one(OsString::from(k))).collect();
        for (i, h) in hashes.iter().enumerate() {
            assert_eq!(b.hash_one(OsString::from(keys[i])), *h);
            assert_eq!(hashes.iter().filter(|x| *x == h).count(), 1, "{}", keys[i]);
        }
        let mut map: BytesMap<OsString, usize> = BytesMap::default();
        for (i, k) in keys.iter().enumerate() {
            map.insert(OsString::from(k), i);
        }
        assert_eq!(map.get(std::ffi::OsStr::new("a/c.rs")), Some(&1));
        assert_eq!(map.get(std::ffi::OsStr::new("a/d.rs")), None);
    }

    /// [`content_hash`] written out plainly: word `i` of each 32-byte
    /// block goes to lane `i % 4`.
    fn content_hash_naive(bytes: &[u8]) -> u64 {
        let mut lanes = [
            HASH_SEED ^ (bytes.len() as u64).wrapping_mul(HASH_K),
            HASH_SEED.rotate_left(16),
            HASH_SEED.rotate_left(32),
            HASH_SEED.rotate_left(48),
        ];
        let blocks = bytes.len() / 32;
        for i in 0..blocks * 4 {
            let at = i * 8;
            let mut word = 0u64;
            for (k, b) in bytes[at..at + 8].iter().enumerate() {
                word |= u64::from(*b) << (8 * k);
            }
            lanes[i % 4] = (lanes[i % 4] ^ word).wrapping_mul(HASH_K).rotate_left(29);
        }
        let mut h = lanes[0];
        for lane in &lanes[1..] {
            h = (h ^ lane).wrapping_mul(HASH_K).rotate_left(29);
        }
        let mut at = blocks * 32;
        while at + 8 <= bytes.len() {
            let word = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
            h = (h ^ word).wrapping_mul(HASH_K).rotate_left(29);
            at += 8;
        }
        for &b in &bytes[at..] {
            h = (h ^ u64::from(b)).wrapping_mul(HASH_K).rotate_left(29);
        }
        h ^= h >> 31;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^ (h >> 29)
    }

    #[test]
    fn content_hash_matches_its_plain_version_at_every_length() {
        // Lengths around the 8- and 32-byte boundaries, non-ASCII bytes.
        let text: Vec<u8> = "fn é() { let x = \"ü\"; } // ✓\n"
            .bytes()
            .cycle()
            .take(200)
            .collect();
        for len in 0..text.len() {
            assert_eq!(
                content_hash(&text[..len]),
                content_hash_naive(&text[..len]),
                "{len}"
            );
        }
    }

    #[test]
    fn content_hash_tells_apart_words_moved_between_lanes() {
        let mut a = [0u8; 64];
        a[0] = 1;
        let mut b = [0u8; 64];
        b[8] = 1;
        let mut c = [0u8; 64];
        c[32] = 1;
        let hashes = [content_hash(&a), content_hash(&b), content_hash(&c)];
        assert_ne!(hashes[0], hashes[1]);
        assert_ne!(hashes[0], hashes[2]);
        assert_ne!(hashes[1], hashes[2]);
    }

    #[test]
    fn content_hash_sees_every_byte_and_the_length() {
        let base = content_hash(b"use sqlx;\n");
        assert_ne!(content_hash(b"use sqlx;\r"), base);
        assert_ne!(content_hash(b"use sqlx;\n\0"), base);
        assert_eq!(content_hash(b"use sqlx;\n"), base);
    }
}
