//! The [`Aggregate`] trait, implemented by `#[derive(Aggregate)]`.

use core::fmt::Debug;
use core::hash::Hash;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Result, Value};

/// A consistency boundary: a cluster of domain objects loaded, changed and
/// saved as one, reached through its root.
///
/// Usually derived (see the crate docs); the store manages the version and
/// the unit of work drains the events after commit.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use terrace::Aggregate;
///
/// #[derive(Aggregate, Clone, Debug, Serialize, Deserialize)]
/// struct Account {
///     #[aggregate(id)]
///     number: u32,
///     #[aggregate(version)]
///     version: i64,
///     balance: i64,
///     #[aggregate(events)]
///     #[serde(skip)]
///     events: Vec<String>,
/// }
///
/// let mut account = Account { number: 7, version: 0, balance: 0, events: vec!["opened".into()] };
/// assert_eq!(Account::NAME, "Account");
/// assert_eq!(*account.id(), 7);
/// assert_eq!(account.take_events(), vec!["opened".to_string()]);
/// assert!(account.take_events().is_empty());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an aggregate",
    label = "not an aggregate",
    note = "derive it: `#[derive(Aggregate, Clone, Serialize, Deserialize)]` with `#[aggregate(id)]` and `#[aggregate(version)]` fields"
)]
pub trait Aggregate: Clone + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The type of the identity field.
    type Id: Clone + Eq + Hash + Debug + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The type of the domain events the aggregate records
    /// ([`core::convert::Infallible`] when it records none).
    type Event: Send + 'static;

    /// The type's name, used by stores (table names) and in errors.
    const NAME: &'static str;
    /// The finders declared with `#[repository(find_by(..))]`.
    const FINDERS: &'static [Finder] = &[];

    /// The identity.
    fn id(&self) -> &Self::Id;
    /// The version the store last saw (0 before the first commit).
    fn version(&self) -> i64;
    /// Sets the version; called by the unit of work, never by domain code.
    fn set_version(&mut self, version: i64);
    /// The events recorded since they were last taken.
    fn pending_events(&self) -> &[Self::Event];
    /// Drains the recorded events.
    fn take_events(&mut self) -> Vec<Self::Event>;
    /// The keys of this aggregate under finder `finder` (one per element for
    /// paths through collections).
    ///
    /// # Errors
    ///
    /// [`Error::Serialization`](crate::Error::Serialization) when a key does not serialize.
    fn finder_keys(&self, finder: &str) -> Result<Vec<Value>> {
        let _ = finder;
        Ok(Vec::new())
    }
}

/// A finder of an aggregate: a named path to the key values it is found by.
///
/// ```
/// let finder = terrace::Finder { name: "batchref", path: "batches[].reference", unique: true };
/// assert!(finder.unique);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finder {
    /// The finder's name (`batchref` gives `get_by_batchref`).
    pub name: &'static str,
    /// The path as written in the attribute (`batches[].reference`).
    pub path: &'static str,
    /// Unique finders return one aggregate and are backed by a unique index;
    /// the others return every match.
    pub unique: bool,
}

/// Integer types usable as the `#[aggregate(version)]` field.
///
/// ```
/// use terrace::Version;
///
/// assert_eq!(<u32 as Version>::from_version(5), 5u32);
/// assert_eq!(7u16.to_version(), 7i64);
/// ```
#[diagnostic::on_unimplemented(
    message = "the `#[aggregate(version)]` field must be an integer, not `{Self}`",
    label = "the store manages this version number; declare it as `i64`"
)]
pub trait Version: Copy {
    /// The version as an `i64` (saturating).
    fn to_version(self) -> i64;
    /// Converts back from an `i64` version (saturating).
    fn from_version(version: i64) -> Self;
}

macro_rules! versions {
    ($($t:ty),*) => {$(
        impl Version for $t {
            fn to_version(self) -> i64 {
                i64::try_from(self).unwrap_or(i64::MAX)
            }
            fn from_version(version: i64) -> Self {
                <$t>::try_from(version).unwrap_or(if version < 0 { <$t>::MIN } else { <$t>::MAX })
            }
        }
    )*};
}

versions!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);
