//! The file operations storage needs, behind a trait so tests can inject faults and crashes.
//!
//! Below the log and snapshot code, above the operating system: every byte storage reads or
//! writes goes through a [`Backend`]. [`FsBackend`] is the real filesystem; [`MemBackend`]
//! (in `mem.rs`) simulates a disk that can fail and lose power. This file knows no file format:
//! it moves bytes and reports `io::Error`s; the callers add the path and the action.
//!
//! [`MemBackend`]: super::mem::MemBackend

use super::Access;
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// How [`Backend::open`] opens a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Reading only; the file must exist.
    Read,
    /// Reading and writing; created empty if absent, kept as it is otherwise.
    ReadWrite,
    /// Reading and writing a file emptied first (created if absent).
    Truncate,
}

/// Holds a lock on a database until dropped.
pub struct LockGuard {
    _holder: Box<dyn Send + Sync>,
}

impl LockGuard {
    /// Wraps whatever keeps the lock held (an open file, a token); dropping it releases the lock.
    pub fn new(holder: impl Send + Sync + 'static) -> LockGuard {
        LockGuard { _holder: Box::new(holder) }
    }
}

/// A storage medium: opens files, renames and removes them, syncs directories, takes locks.
///
/// Shared by reference (`&self`): implementations keep their own synchronisation.
pub trait Backend: Send + Sync {
    /// Opens `path` in `mode`.
    fn open(&self, path: &Path, mode: OpenMode) -> io::Result<Box<dyn BackendFile>>;
    /// True when `path` names an existing file.
    fn exists(&self, path: &Path) -> io::Result<bool>;
    /// Atomically replaces `to` with `from`.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Makes the directory entries of `dir` (creations, renames, removals) durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    /// Deletes the file `path`.
    fn remove(&self, path: &Path) -> io::Result<()>;
    /// Tries to lock `path` (exclusively for `ReadWrite`, shared for `ReadOnly`) without
    /// waiting; `Ok(None)` when another holder has a conflicting lock (or, for `ReadOnly`, when
    /// no lock can be taken at all, e.g. in a read-only directory without a lock file).
    fn try_lock(&self, path: &Path, access: Access) -> io::Result<Option<LockGuard>>;
}

/// An open file of a [`Backend`].
pub trait BackendFile: Send + Sync {
    /// The file's current length in bytes.
    fn len(&self) -> io::Result<u64>;
    /// True when the file holds no bytes.
    fn is_empty(&self) -> io::Result<bool> {
        Ok(self.len()? == 0)
    }
    /// Fills `buf` from `offset`; fails if the file ends first.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()>;
    /// Writes all of `data` at `offset`, growing the file if needed.
    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()>;
    /// Truncates or extends the file to `len` bytes.
    fn set_len(&mut self, len: u64) -> io::Result<()>;
    /// Makes the file's data (and the length needed to read it) durable.
    fn sync_data(&mut self) -> io::Result<()>;
    /// Makes the file's data and all its metadata durable.
    fn sync_all(&mut self) -> io::Result<()>;
}

/// Reads a whole file. The buffer is reserved fallibly, so a file larger than the memory the
/// process may use is an `OutOfMemory` error rather than an abort.
pub(crate) fn read_all(file: &dyn BackendFile) -> io::Result<Vec<u8>> {
    let len = usize::try_from(file.len()?).map_err(|_| too_large())?;
    let mut buf = Vec::new();
    buf.try_reserve_exact(len).map_err(|_| too_large())?;
    buf.resize(len, 0);
    file.read_at(0, &mut buf)?;
    Ok(buf)
}

fn too_large() -> io::Error {
    io::Error::new(io::ErrorKind::OutOfMemory, "the file is larger than the memory available to read it")
}

/// The real filesystem, through `std::fs`.
#[derive(Debug, Default, Clone, Copy)]
pub struct FsBackend;

impl Backend for FsBackend {
    fn open(&self, path: &Path, mode: OpenMode) -> io::Result<Box<dyn BackendFile>> {
        let mut options = OpenOptions::new();
        match mode {
            OpenMode::Read => options.read(true),
            OpenMode::ReadWrite => options.read(true).write(true).create(true).truncate(false),
            OpenMode::Truncate => options.read(true).write(true).create(true).truncate(true),
        };
        Ok(Box::new(FsFile(options.open(path)?)))
    }

    fn exists(&self, path: &Path) -> io::Result<bool> {
        path.try_exists()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        sync_dir(dir)
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }

    fn try_lock(&self, path: &Path, access: Access) -> io::Result<Option<LockGuard>> {
        let file = match OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path) {
            Ok(f) => f,
            // A read-only open where the lock file cannot be created goes without a lock, as
            // beside a writer: reported like a conflict, so it reads with the same care.
            Err(_) if access == Access::ReadOnly => match File::open(path) {
                Ok(f) => f,
                Err(_) => return Ok(None),
            },
            Err(e) => return Err(e),
        };
        let attempt = match access {
            Access::ReadWrite => file.try_lock(),
            Access::ReadOnly => file.try_lock_shared(),
        };
        match attempt {
            Ok(()) => Ok(Some(LockGuard::new(file))),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Other systems cannot open a directory as a file; their renames are durable once the renamed
/// file is synced (NTFS journals metadata), so there is nothing more to do.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

struct FsFile(File);

impl BackendFile for FsFile {
    fn len(&self) -> io::Result<u64> {
        Ok(self.0.metadata()?.len())
    }

    #[cfg(unix)]
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.0, buf, offset)
    }

    #[cfg(not(unix))]
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = &self.0;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(buf)
    }

    #[cfg(unix)]
    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(&self.0, data, offset)
    }

    #[cfg(not(unix))]
    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        self.0.seek(SeekFrom::Start(offset))?;
        self.0.write_all(data)
    }

    fn set_len(&mut self, len: u64) -> io::Result<()> {
        self.0.set_len(len)
    }

    fn sync_data(&mut self) -> io::Result<()> {
        self.0.sync_data()
    }

    fn sync_all(&mut self) -> io::Result<()> {
        self.0.sync_all()
    }
}
