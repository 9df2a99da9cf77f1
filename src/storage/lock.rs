//! The lock file: one writer, or any number of readers, across processes and within one.

use super::backend::{Backend, LockGuard};
use super::{Access, StorageError};
use std::path::Path;

/// Takes the lock for `access`; the returned guard holds it until dropped.
///
/// A writer needs the exclusive lock, and a second writer gets [`StorageError::Locked`]. A
/// reader takes a shared lock when it can (so no writer opens while it reads); when a writer
/// holds the database already, the reader goes without a lock (`Ok(None)`) and reads the last
/// committed state, which it never changes.
///
/// A writer tries a few times over about 4 ms before giving up: a lock is tied to the open
/// file, and a child process that another thread is starting holds a copy of every open file
/// between its fork and its exec, so a database closed and reopened at once may look locked
/// for that instant.
pub(crate) fn acquire(
    backend: &dyn Backend,
    db: &Path,
    lock_path: &Path,
    access: Access,
) -> Result<Option<LockGuard>, StorageError> {
    const RETRIES: u32 = 4;
    let try_lock = || {
        backend.try_lock(lock_path, access).map_err(|source| StorageError::Io {
            action: "lock",
            path: lock_path.to_owned(),
            source,
        })
    };
    let mut locked = try_lock()?;
    let mut retries = if access == Access::ReadWrite { RETRIES } else { 0 };
    while locked.is_none() && retries > 0 {
        retries -= 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
        locked = try_lock()?;
    }
    match (locked, access) {
        (Some(guard), _) => Ok(Some(guard)),
        (None, Access::ReadOnly) => Ok(None),
        (None, Access::ReadWrite) => Err(StorageError::Locked { path: db.to_owned() }),
    }
}
