//! Storage errors: each names the file and the fault.

use std::path::{Path, PathBuf};

/// What went wrong opening, reading or writing database files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// Another handle holds the database.
    #[error("database is locked: {path} is open in another process")]
    Locked {
        /// The database path.
        path: PathBuf,
    },
    /// A read-only open of a database that does not exist.
    #[error("no database at {path}")]
    NotFound {
        /// The database path.
        path: PathBuf,
    },
    /// The file is not a demarche database (or log).
    #[error("{path} is not a demarche database ({reason})")]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The file was written by a newer demarche.
    #[error("{path} has format version {found}; this build reads up to version {supported}")]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file is damaged at a known place.
    #[error("{path} is corrupt at byte offset {offset}: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Where the damage starts.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// An operating-system error.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done (`read`, `write`, `sync`, ...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// An earlier write or sync failed, so the files' state is uncertain.
    #[error("a previous write to {path} failed; reopen the database before writing again")]
    Poisoned {
        /// The database path.
        path: PathBuf,
    },
}

impl StorageError {
    /// A snapshot whose checksums pass but whose content is inconsistent.
    pub fn corrupt_snapshot(path: &Path, reason: impl Into<String>) -> StorageError {
        StorageError::Corrupt {
            path: path.to_owned(),
            offset: super::snapshot::HEADER_LEN as u64,
            reason: reason.into(),
        }
    }

    /// True for the errors that mean "could not open" (locked, corrupt, unreadable, newer).
    pub fn is_open_error(&self) -> bool {
        !matches!(self, StorageError::Poisoned { .. })
    }

    pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StorageError {
        let path = path.to_owned();
        move |source| StorageError::Io { action, path, source }
    }
}
