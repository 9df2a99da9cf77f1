//! Durable storage: a lock file, a write-ahead log and snapshots (DESIGN §5).
//!
//! Files for a database `NAME`: `NAME` (snapshot), `NAME-wal` (log), `NAME-lock` (lock, never
//! renamed). A commit is acknowledged only after its log record is fsynced. A checkpoint writes a
//! new snapshot atomically and then empties the log. This layer stores encoded mutations and
//! images; it knows nothing of graphs or queries.

mod backend;
mod codec;
mod error;
mod lock;
mod mem;
pub(crate) mod snapshot;
mod wal;

use backend::{Backend, BackendFile, FsBackend, LockGuard, OpenMode};
pub use error::StorageError;
pub use snapshot::FORMAT_VERSION;

/// Where a database's bytes go: the real file system, or a simulated disk that fails and loses
/// power on request, for testing code built on demarche (see `Database::open_on`).
pub mod backends {
    pub use super::Access;
    pub use super::backend::{Backend, BackendFile, FsBackend, LockGuard, OpenMode};
    pub use super::mem::{Damage, Fault, MemBackend, SECTOR};
}

use crate::model::Mutation;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The log size past which the database checkpoints after a commit.
pub const CHECKPOINT_WAL_BYTES: u64 = 16 << 20;

/// How many times a read-only open re-reads when a checkpoint ran while it was reading.
const READ_ATTEMPTS: usize = 64;

/// How a database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read and write; one such handle at a time.
    ReadWrite,
    /// Read only; never writes a file, and sees the last committed state even beside a writer.
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
    backend: Arc<dyn Backend>,
    path: PathBuf,
    wal_path: PathBuf,
    wal: Option<Box<dyn BackendFile>>,
    _lock: Option<LockGuard>,
    next_seq: u64,
    wal_len: u64,
    generation: u64,
    poisoned: bool,
}

pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// One consistent reading of the files: the snapshot, its header, and the log scanned.
struct Reading<S> {
    snapshot: Option<S>,
    header: snapshot::Header,
    scan: wal::Scan,
    wal_bytes: u64,
}

fn read_files<S: DeserializeOwned>(
    backend: &dyn Backend,
    path: &Path,
    wal_path: &Path,
) -> Result<Reading<S>, StorageError> {
    let (snapshot, header) = match backend.exists(path).map_err(StorageError::io("look for", path))? {
        true => match snapshot::read::<S>(backend, path)? {
            Some((header, image)) => (Some(image), header),
            None => (None, snapshot::Header { generation: 0, last_seq: 0 }),
        },
        false => (None, snapshot::Header { generation: 0, last_seq: 0 }),
    };
    let wal_exists = backend.exists(wal_path).map_err(StorageError::io("look for", wal_path))?;
    let (scan, wal_bytes) = if wal_exists {
        let file = backend.open(wal_path, OpenMode::Read).map_err(StorageError::io("open", wal_path))?;
        let bytes = backend::read_all(&*file).map_err(StorageError::io("read", wal_path))?;
        (wal::scan(wal_path, &bytes)?, bytes.len() as u64)
    } else {
        (wal::Scan { records: vec![], valid_len: 0 }, 0)
    };
    Ok(Reading { snapshot, header, scan, wal_bytes })
}

/// Reads the files beside a possible writer: retried until no checkpoint ran in between
/// (same snapshot generation before and after, and no gap between snapshot and log).
fn read_beside_writer<S: DeserializeOwned>(
    backend: &dyn Backend,
    path: &Path,
    wal_path: &Path,
) -> Result<Reading<S>, StorageError> {
    let mut last_error = None;
    for _ in 0..READ_ATTEMPTS {
        let before = snapshot::generation(backend, path)?;
        match read_files::<S>(backend, path, wal_path) {
            Ok(reading) => {
                let after = snapshot::generation(backend, path)?;
                let first =
                    reading.scan.records.iter().map(|(seq, _)| *seq).find(|s| *s > reading.header.last_seq);
                let gap = first.is_some_and(|seq| Some(seq) != reading.header.last_seq.checked_add(1));
                if before == after && reading.header.generation == after && !gap {
                    return Ok(reading);
                }
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or_else(|| StorageError::Io {
        action: "read a stable state of",
        path: path.to_owned(),
        source: std::io::Error::other("the database kept changing while it was read"),
    }))
}

impl Store {
    /// Opens (creating, in read-write mode) the database at `path` and recovers its state.
    pub fn open<S: DeserializeOwned>(
        path: &Path,
        access: Access,
    ) -> Result<(Store, Recovered<S>), StorageError> {
        Store::open_on(Arc::new(FsBackend), path, access)
    }

    /// Like [`Store::open`], with every file operation going through `backend`.
    pub fn open_on<S: DeserializeOwned>(
        backend: Arc<dyn Backend>,
        path: &Path,
        access: Access,
    ) -> Result<(Store, Recovered<S>), StorageError> {
        let wal_path = sibling(path, "-wal");
        let found = |p: &Path| backend.exists(p).map_err(StorageError::io("look for", p));
        if access == Access::ReadOnly && !found(path)? && !found(&wal_path)? {
            return Err(StorageError::NotFound { path: path.to_owned() });
        }
        let lock = lock::acquire(&*backend, path, &sibling(path, "-lock"), access)?;
        let reading = match lock {
            Some(_) => read_files::<S>(&*backend, path, &wal_path)?,
            None => read_beside_writer::<S>(&*backend, path, &wal_path)?,
        };
        let Reading { snapshot, header, scan, wal_bytes } = reading;
        let last_logged = scan.records.last().map_or(0, |(seq, _)| *seq);
        let transactions =
            scan.records.into_iter().filter(|(seq, _)| *seq > header.last_seq).map(|(_, m)| m).collect();
        // Counters at their maximum cannot be continued: only a damaged file holds them.
        let next_seq =
            header.last_seq.max(last_logged).checked_add(1).filter(|_| header.generation < u64::MAX);
        let Some(next_seq) = next_seq else {
            return Err(StorageError::Corrupt {
                path: path.to_owned(),
                offset: 12,
                reason: "generation or sequence number at its maximum".into(),
            });
        };
        let mut store = Store {
            backend,
            path: path.to_owned(),
            wal_path,
            wal: None,
            _lock: lock,
            next_seq,
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
        let tmp = snapshot::temp_path(&self.path);
        if self.backend.exists(&tmp).unwrap_or(false) {
            // Left by a checkpoint that did not finish; the snapshot it was for never counted.
            self.backend.remove(&tmp).map_err(StorageError::io("remove", &tmp))?;
        }
        let mut file =
            self.backend.open(&path, OpenMode::ReadWrite).map_err(StorageError::io("open", &path))?;
        if self.wal_len < wal::HEADER_LEN {
            file.set_len(0).map_err(StorageError::io("truncate", &path))?;
            file.write_at(0, &wal::header()).map_err(StorageError::io("write", &path))?;
            file.sync_all().map_err(StorageError::io("sync", &path))?;
            self.backend
                .sync_dir(snapshot::parent(&path))
                .map_err(StorageError::io("sync the directory of", &path))?;
            self.wal_len = wal::HEADER_LEN;
        } else if on_disk > self.wal_len {
            file.set_len(self.wal_len).map_err(StorageError::io("truncate the torn tail of", &path))?;
            file.sync_all().map_err(StorageError::io("sync", &path))?;
        }
        self.wal = Some(file);
        Ok(())
    }

    fn writable(&mut self) -> Result<&mut Box<dyn BackendFile>, StorageError> {
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
    ///
    /// On failure the record is cut off again if possible, and the handle refuses further
    /// writes until reopened either way: the caller must treat the commit as not acknowledged.
    pub fn commit(&mut self, mutations: &[Mutation]) -> Result<(), StorageError> {
        let record = wal::record(self.next_seq, mutations).map_err(|reason| StorageError::Corrupt {
            path: self.wal_path.clone(),
            offset: self.wal_len,
            reason,
        })?;
        let (at, wal_path) = (self.wal_len, self.wal_path.clone());
        let file = self.writable()?;
        let written = file.write_at(at, &record).and_then(|()| file.sync_data());
        if let Err(e) = written {
            // The tail may or may not be on disk. Try to take it back, so that a reopen does not
            // replay a commit that was reported as failed; if even that fails, recovery decides
            // from what is really there. Either way, no more writes through this handle.
            let _ = file.set_len(at).and_then(|()| file.sync_data());
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
        if let Err(e) = snapshot::write(&*self.backend, &self.path, header, image) {
            // The previous snapshot and the log are intact, but a disk that failed once is not
            // trusted again by this handle: like a failed append, reopen before writing again.
            self.poisoned |= matches!(e, StorageError::Io { .. });
            return Err(e);
        }
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
