//! Durable storage: a lock file, a write-ahead log and snapshots (DESIGN §5).
//!
//! Files for a database `NAME`: `NAME` (snapshot), `NAME-wal` (log), `NAME-lock` (lock, never
//! renamed). A commit is acknowledged only after its log record is fsynced. A checkpoint writes a
//! new snapshot atomically and then empties the log. This layer stores encoded mutations and
//! images; it knows nothing of graphs or queries.

mod codec;
mod error;
mod lock;
pub(crate) mod snapshot;
mod wal;

pub use error::StorageError;
pub use snapshot::FORMAT_VERSION;

use crate::model::Mutation;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The log size past which the database checkpoints after a commit.
pub const CHECKPOINT_WAL_BYTES: u64 = 16 << 20;

/// How a database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read and write; one such handle at a time.
    ReadWrite,
    /// Read only; shares the database with other readers, never writes a file.
    ReadOnly,
}

/// What `Store::open` found on disk.
pub struct Recovered<S> {
    /// The snapshot's image; `None` when there is no snapshot yet.
    pub snapshot: Option<S>,
    /// Logged transactions after the snapshot, in order.
    pub transactions: Vec<Vec<Mutation>>,
}

/// An open database's files.
pub struct Store {
    path: PathBuf,
    wal_path: PathBuf,
    wal: Option<File>,
    _lock: Option<File>,
    next_seq: u64,
    wal_len: u64,
    generation: u64,
    poisoned: bool,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

impl Store {
    /// Opens (creating, in read-write mode) the database at `path` and recovers its state.
    pub fn open<S: DeserializeOwned>(
        path: &Path,
        access: Access,
    ) -> Result<(Store, Recovered<S>), StorageError> {
        let wal_path = sibling(path, "-wal");
        if access == Access::ReadOnly && !path.exists() && !wal_path.exists() {
            return Err(StorageError::NotFound { path: path.to_owned() });
        }
        let lock = lock::acquire(path, &sibling(path, "-lock"), access)?;
        let (snapshot, header) = match path.exists() {
            true => match snapshot::read::<S>(path)? {
                Some((header, image)) => (Some(image), header),
                None => (None, snapshot::Header { generation: 0, last_seq: 0 }),
            },
            false => (None, snapshot::Header { generation: 0, last_seq: 0 }),
        };
        let (scan, wal_bytes) = match std::fs::read(&wal_path) {
            Ok(bytes) => (wal::scan(&wal_path, &bytes)?, bytes.len() as u64),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (wal::Scan { records: vec![], valid_len: 0 }, 0)
            }
            Err(e) => return Err(StorageError::Io { action: "read", path: wal_path, source: e }),
        };
        let last_logged = scan.records.last().map_or(0, |(seq, _)| *seq);
        let transactions =
            scan.records.into_iter().filter(|(seq, _)| *seq > header.last_seq).map(|(_, m)| m).collect();
        let mut store = Store {
            path: path.to_owned(),
            wal_path,
            wal: None,
            _lock: lock,
            next_seq: header.last_seq.max(last_logged) + 1,
            wal_len: scan.valid_len,
            generation: header.generation,
            poisoned: false,
        };
        if access == Access::ReadWrite {
            store.prepare_wal(wal_bytes)?;
        }
        Ok((store, Recovered { snapshot, transactions }))
    }

    /// Opens the log for appending: creates it, or cuts a torn tail off before anything is appended.
    fn prepare_wal(&mut self, on_disk: u64) -> Result<(), StorageError> {
        let path = self.wal_path.clone();
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(StorageError::io("open", &path))?;
        if self.wal_len < wal::HEADER_LEN {
            file.set_len(0).map_err(StorageError::io("truncate", &path))?;
            file.write_all(&wal::header()).map_err(StorageError::io("write", &path))?;
            file.sync_all().map_err(StorageError::io("sync", &path))?;
            snapshot::sync_dir(snapshot::parent(&path))
                .map_err(StorageError::io("sync the directory of", &path))?;
            self.wal_len = wal::HEADER_LEN;
        } else if on_disk > self.wal_len {
            file.set_len(self.wal_len).map_err(StorageError::io("truncate the torn tail of", &path))?;
            file.sync_all().map_err(StorageError::io("sync", &path))?;
        }
        self.wal = Some(file);
        Ok(())
    }

    fn writable(&mut self) -> Result<&mut File, StorageError> {
        if self.poisoned {
            return Err(StorageError::Poisoned { path: self.path.clone() });
        }
        let path = self.path.clone();
        self.wal.as_mut().ok_or(StorageError::Io {
            action: "write to",
            path,
            source: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the database is open read-only",
            ),
        })
    }

    /// Appends one transaction as one log record and makes it durable before returning.
    pub fn commit(&mut self, mutations: &[Mutation]) -> Result<(), StorageError> {
        let record = wal::record(self.next_seq, mutations).map_err(|reason| StorageError::Corrupt {
            path: self.wal_path.clone(),
            offset: self.wal_len,
            reason,
        })?;
        let (at, wal_path) = (self.wal_len, self.wal_path.clone());
        let file = self.writable()?;
        let written = file
            .seek(SeekFrom::Start(at))
            .and_then(|_| file.write_all(&record))
            .and_then(|()| file.sync_data());
        if let Err(e) = written {
            // The tail may or may not be on disk: refuse further writes until reopened, when
            // recovery decides from what is really there.
            self.poisoned = true;
            return Err(StorageError::Io { action: "append to", path: wal_path, source: e });
        }
        self.wal_len += record.len() as u64;
        self.next_seq += 1;
        Ok(())
    }

    /// Writes a snapshot covering every committed record, then empties the log.
    pub fn checkpoint<S: Serialize + ?Sized>(&mut self, image: &S) -> Result<(), StorageError> {
        self.writable()?;
        let header = snapshot::Header { generation: self.generation + 1, last_seq: self.next_seq - 1 };
        snapshot::write(&self.path, header, image)?;
        self.generation += 1;
        let wal_path = self.wal_path.clone();
        let file = self.writable()?;
        let reset = file.set_len(wal::HEADER_LEN).and_then(|()| file.sync_all());
        if let Err(e) = reset {
            // The snapshot covers everything, and replay skips records it covers: nothing is at
            // risk, but the log's length is uncertain.
            self.poisoned = true;
            return Err(StorageError::Io { action: "reset", path: wal_path, source: e });
        }
        self.wal_len = wal::HEADER_LEN;
        Ok(())
    }

    /// Bytes of committed records in the log (0 right after a checkpoint).
    pub fn wal_len(&self) -> u64 {
        self.wal_len.saturating_sub(wal::HEADER_LEN)
    }
}

#[cfg(test)]
mod tests;
