//! The lock file: one writer, or any number of readers, across processes and within one.

use super::{Access, StorageError};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Takes the lock for `access`; the returned file holds it until dropped. A read-only open in a
/// place where the lock file cannot be created goes without a lock rather than failing.
pub(crate) fn acquire(db: &Path, lock_path: &Path, access: Access) -> Result<Option<File>, StorageError> {
    let file = match OpenOptions::new().read(true).write(true).create(true).truncate(false).open(lock_path) {
        Ok(f) => f,
        Err(_) if access == Access::ReadOnly => match File::open(lock_path) {
            Ok(f) => f,
            Err(_) => return Ok(None),
        },
        Err(e) => {
            return Err(StorageError::Io {
                action: "create the lock file",
                path: lock_path.to_owned(),
                source: e,
            });
        }
    };
    let locked = match access {
        Access::ReadWrite => file.try_lock(),
        Access::ReadOnly => file.try_lock_shared(),
    };
    match locked {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Err(StorageError::Locked { path: db.to_owned() }),
        Err(TryLockError::Error(e)) => {
            Err(StorageError::Io { action: "lock", path: lock_path.to_owned(), source: e })
        }
    }
}
