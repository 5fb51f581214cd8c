//! The one error type of terrace.

use core::fmt;

/// A boxed error from a store backend (driver, connection, I/O).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What can go wrong in a repository, a unit of work or a store.
///
/// ```
/// let err = terrace::Error::Conflict { aggregate: "Product", id: r#""LAMP""#.into() };
/// assert_eq!(
///     err.to_string(),
///     r#"concurrency conflict on Product "LAMP": it was changed by another unit of work since it was loaded"#
/// );
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No aggregate of this type has this id.
    NotFound {
        /// The aggregate's type name.
        aggregate: &'static str,
        /// The id, as canonical JSON text.
        id: String,
    },
    /// Optimistic concurrency: the aggregate was changed (or created, or
    /// deleted) by another unit of work since this one loaded it. Nothing of
    /// the unit of work was committed; retrying it is safe.
    Conflict {
        /// The aggregate's type name.
        aggregate: &'static str,
        /// The id, as canonical JSON text.
        id: String,
    },
    /// Two aggregates would share the key of a unique finder.
    UniqueViolation {
        /// The aggregate's type name.
        aggregate: &'static str,
        /// The finder's name.
        finder: &'static str,
        /// The key, as canonical JSON text.
        key: String,
    },
    /// An aggregate or key could not be serialized.
    Serialization(String),
    /// The store backend failed.
    Backend(BoxError),
}

impl Error {
    /// Wraps a backend error.
    ///
    /// ```
    /// let io = std::io::Error::other("disk full");
    /// let err = terrace::Error::backend(io);
    /// assert!(std::error::Error::source(&err).is_some());
    /// ```
    pub fn backend(source: impl Into<BoxError>) -> Self {
        Error::Backend(source.into())
    }

    /// True for [`Error::Conflict`]: the unit of work may be retried.
    ///
    /// ```
    /// let err = terrace::Error::Conflict { aggregate: "Product", id: "1".into() };
    /// assert!(err.is_conflict());
    /// ```
    #[must_use]
    pub fn is_conflict(&self) -> bool {
        matches!(self, Error::Conflict { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound { aggregate, id } => write!(f, "{aggregate} {id} not found"),
            Error::Conflict { aggregate, id } => write!(
                f,
                "concurrency conflict on {aggregate} {id}: it was changed by another unit of work since it was loaded"
            ),
            Error::UniqueViolation {
                aggregate,
                finder,
                key,
            } => write!(
                f,
                "unique finder `{finder}` of {aggregate}: key {key} already belongs to another aggregate"
            ),
            Error::Serialization(message) => write!(f, "serialization failed: {message}"),
            Error::Backend(source) => write!(f, "store backend error: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Backend(source) => Some(&**source),
            _ => None,
        }
    }
}

/// `Result` with terrace's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;
