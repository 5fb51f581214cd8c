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
        let meta = std::fs::metadata(path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
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

/// A stable 64-bit hash of a file's content (eight bytes at a time).
pub fn content_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 29)
}

impl Stamp {
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
