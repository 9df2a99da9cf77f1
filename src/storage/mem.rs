//! An in-memory [`Backend`] that injects I/O errors and simulates power loss, for tests.
//!
//! Beside [`FsBackend`](super::FsBackend), below the log and snapshot code. For every file it
//! keeps the bytes written apart from the bytes made durable by a sync, and the directory
//! entries apart from those made durable by a directory sync; [`MemBackend::crash`] throws away
//! what was not durable, with the damage a real disk may add. It must stay a faithful, simple
//! model of a POSIX file system and know nothing of file formats.

use super::Access;
use super::backend::{Backend, BackendFile, LockGuard, OpenMode};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The unit a disk writes atomically: a torn write stops at a multiple of it.
pub const SECTOR: u64 = 512;

/// How an injected I/O error behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Only the chosen operation fails; later ones succeed.
    Once,
    /// The chosen operation and every later one fail, like a disk that died.
    Forever,
}

/// What a power loss does to data that was written but not made durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Every unsynced write and unsynced directory change is lost.
    DropUnsynced,
    /// As `DropUnsynced`, but each file's last unsynced write survives up to the last sector
    /// boundary it crossed (with the unsynced writes before it).
    TornLastWrite,
    /// As `DropUnsynced`, but a file that grew keeps its new length with garbage in the grown
    /// part (the size reached the disk, the data did not).
    GarbageTail,
    /// Nothing is lost: the process died, the operating system kept every write.
    ProcessKill,
}

impl Damage {
    /// Every variant, for loops over crash points.
    pub const ALL: [Damage; 4] =
        [Damage::DropUnsynced, Damage::TornLastWrite, Damage::GarbageTail, Damage::ProcessKill];
}

/// A simulated disk shared by all its clones: files, directory entries and locks in memory.
///
/// Every file operation except `exists`, `len` and locking counts as one step
/// ([`MemBackend::steps`]); [`MemBackend::fail_at`] makes a chosen step fail. A failing write
/// stores the first half of its bytes, as a real one may.
#[derive(Clone, Default)]
pub struct MemBackend {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    inodes: Vec<Inode>,
    names: BTreeMap<PathBuf, usize>,
    durable_names: BTreeMap<PathBuf, usize>,
    locks: BTreeMap<PathBuf, LockState>,
    /// Bumped by every crash, so lock guards from before it release nothing.
    epoch: u64,
    steps: u64,
    ops: Vec<&'static str>,
    fault: Option<(u64, Fault)>,
}

#[derive(Default)]
struct Inode {
    data: Vec<u8>,
    durable: Vec<u8>,
    /// Changes since the last sync, in order.
    pending: Vec<Pending>,
}

enum Pending {
    Write(u64, Vec<u8>),
    SetLen(u64),
}

#[derive(Default)]
struct LockState {
    shared: usize,
    exclusive: bool,
}

impl MemBackend {
    /// An empty disk.
    pub fn new() -> MemBackend {
        MemBackend::default()
    }

    /// The number of steps (file operations) done so far.
    pub fn steps(&self) -> u64 {
        self.lock().steps
    }

    /// The name of each step done so far (`write`, `sync`, `rename`, ...), in order.
    pub fn ops(&self) -> Vec<&'static str> {
        self.lock().ops.clone()
    }

    /// Makes step number `step` (counting from 0, see [`MemBackend::steps`]) fail with an I/O
    /// error, once or from then on, until the next crash or restart.
    pub fn fail_at(&self, step: u64, fault: Fault) {
        self.lock().fault = Some((step, fault));
    }

    /// Simulates a power loss with the given damage; locks are released and faults cleared.
    pub fn crash(&self, damage: Damage) {
        let mut state = self.lock();
        if damage != Damage::ProcessKill {
            for inode in &mut state.inodes {
                inode.data = match damage {
                    Damage::TornLastWrite => torn(inode),
                    Damage::GarbageTail => garbage_tail(inode),
                    _ => inode.durable.clone(),
                };
                inode.durable = inode.data.clone();
                inode.pending.clear();
            }
            state.names = state.durable_names.clone();
        }
        state.locks.clear();
        state.epoch += 1;
        state.fault = None;
    }

    /// The current bytes of the file at `path`, synced or not.
    pub fn contents(&self, path: &Path) -> Option<Vec<u8>> {
        let state = self.lock();
        state.names.get(path).map(|&id| state.inodes[id].data.clone())
    }

    /// Replaces the bytes of the file at `path` (created if absent), durably: for tests that
    /// damage files on purpose.
    pub fn set_contents(&self, path: &Path, bytes: &[u8]) {
        let mut state = self.lock();
        let id = state.inode_for(path);
        state.inodes[id] = Inode { data: bytes.to_vec(), durable: bytes.to_vec(), pending: Vec::new() };
        state.durable_names.insert(path.to_path_buf(), id);
    }

    /// Every file name, durable or not.
    pub fn names(&self) -> Vec<PathBuf> {
        self.lock().names.keys().cloned().collect()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The durable bytes, then the pending changes, the last write cut at a sector boundary.
fn torn(inode: &Inode) -> Vec<u8> {
    let mut data = inode.durable.clone();
    let last_write = inode.pending.iter().rposition(|p| matches!(p, Pending::Write(..)));
    let Some(last_write) = last_write else { return data };
    for change in &inode.pending[..last_write] {
        match change {
            Pending::Write(at, bytes) => write_into(&mut data, *at, bytes),
            Pending::SetLen(len) => data.resize(usize::try_from(*len).unwrap_or(usize::MAX), 0),
        }
    }
    if let Pending::Write(at, bytes) = &inode.pending[last_write] {
        let end = at + bytes.len() as u64;
        let cut = end / SECTOR * SECTOR;
        if cut > *at {
            let keep = usize::try_from(cut - at).unwrap_or(bytes.len()).min(bytes.len());
            write_into(&mut data, *at, &bytes[..keep]);
        }
    }
    data
}

/// The durable bytes, grown to the current length with garbage when the file grew.
fn garbage_tail(inode: &Inode) -> Vec<u8> {
    let mut data = inode.durable.clone();
    let mut x: u32 = 0x9e37_79b9;
    while data.len() < inode.data.len() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data.push(x as u8);
    }
    data
}

impl State {
    /// Counts a step named `op`, failing it when a fault is injected there.
    fn step(&mut self, op: &'static str) -> io::Result<()> {
        let step = self.steps;
        self.steps += 1;
        self.ops.push(op);
        let failing = match self.fault {
            Some((at, Fault::Once)) => step == at,
            Some((at, Fault::Forever)) => step >= at,
            None => false,
        };
        match failing {
            true => Err(io::Error::other(format!("injected fault at step {step} ({op})"))),
            false => Ok(()),
        }
    }

    /// The inode named `path`, created (not yet durably named) if absent.
    fn inode_for(&mut self, path: &Path) -> usize {
        if let Some(&id) = self.names.get(path) {
            return id;
        }
        self.inodes.push(Inode::default());
        let id = self.inodes.len() - 1;
        self.names.insert(path.to_path_buf(), id);
        id
    }
}

impl Backend for MemBackend {
    fn open(&self, path: &Path, mode: OpenMode) -> io::Result<Box<dyn BackendFile>> {
        let mut state = self.lock();
        state.step("open")?;
        let id = match mode {
            OpenMode::Read => *state.names.get(path).ok_or_else(|| not_found(path))?,
            OpenMode::ReadWrite | OpenMode::Truncate => {
                let id = state.inode_for(path);
                if mode == OpenMode::Truncate {
                    let inode = &mut state.inodes[id];
                    inode.data.clear();
                    inode.pending.push(Pending::SetLen(0));
                }
                id
            }
        };
        Ok(Box::new(MemFile { state: Arc::clone(&self.state), id, writable: mode != OpenMode::Read }))
    }

    fn exists(&self, path: &Path) -> io::Result<bool> {
        Ok(self.lock().names.contains_key(path))
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        let mut state = self.lock();
        state.step("rename")?;
        let id = state.names.remove(from).ok_or_else(|| not_found(from))?;
        state.names.insert(to.to_path_buf(), id);
        Ok(())
    }

    /// Makes every directory entry durable: the model has one directory.
    fn sync_dir(&self, _dir: &Path) -> io::Result<()> {
        let mut state = self.lock();
        state.step("sync_dir")?;
        state.durable_names = state.names.clone();
        Ok(())
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        let mut state = self.lock();
        state.step("remove")?;
        state.names.remove(path).map(drop).ok_or_else(|| not_found(path))
    }

    fn try_lock(&self, path: &Path, access: Access) -> io::Result<Option<LockGuard>> {
        let mut state = self.lock();
        let epoch = state.epoch;
        let entry = state.locks.entry(path.to_path_buf()).or_default();
        let granted = match access {
            Access::ReadWrite => !entry.exclusive && entry.shared == 0,
            Access::ReadOnly => !entry.exclusive,
        };
        if !granted {
            return Ok(None);
        }
        match access {
            Access::ReadWrite => entry.exclusive = true,
            Access::ReadOnly => entry.shared += 1,
        }
        let holder = MemLock { backend: self.clone(), path: path.to_path_buf(), access, epoch };
        Ok(Some(LockGuard::new(holder)))
    }
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, format!("no file {}", path.display()))
}

/// Releases a simulated lock when dropped, unless a crash released it already.
struct MemLock {
    backend: MemBackend,
    path: PathBuf,
    access: Access,
    epoch: u64,
}

impl Drop for MemLock {
    fn drop(&mut self) {
        let mut state = self.backend.lock();
        if state.epoch != self.epoch {
            return;
        }
        if let Some(entry) = state.locks.get_mut(&self.path) {
            match self.access {
                Access::ReadWrite => entry.exclusive = false,
                Access::ReadOnly => entry.shared = entry.shared.saturating_sub(1),
            }
        }
    }
}

/// An open file of a [`MemBackend`]: an inode number and the shared state.
struct MemFile {
    state: Arc<Mutex<State>>,
    id: usize,
    writable: bool,
}

impl MemFile {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a step that changes a file opened for writing.
    fn write_step(&self, op: &'static str) -> io::Result<MutexGuard<'_, State>> {
        if !self.writable {
            return Err(read_only());
        }
        let mut state = self.lock();
        state.step(op)?;
        Ok(state)
    }
}

impl BackendFile for MemFile {
    fn len(&self) -> io::Result<u64> {
        Ok(self.lock().inodes[self.id].data.len() as u64)
    }

    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        let mut state = self.lock();
        state.step("read")?;
        let data = &state.inodes[self.id].data;
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        let source = start.checked_add(buf.len()).and_then(|end| data.get(start..end));
        let source =
            source.ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "read past the end"))?;
        buf.copy_from_slice(source);
        Ok(())
    }

    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()> {
        if !self.writable {
            return Err(read_only());
        }
        let mut state = self.lock();
        let result = state.step("write");
        let kept = if result.is_ok() { data } else { &data[..data.len() / 2] };
        let inode = &mut state.inodes[self.id];
        write_into(&mut inode.data, offset, kept);
        inode.pending.push(Pending::Write(offset, kept.to_vec()));
        result
    }

    fn set_len(&mut self, len: u64) -> io::Result<()> {
        let mut state = self.write_step("set_len")?;
        let size = usize::try_from(len).map_err(|_| io::Error::other("length too large"))?;
        let inode = &mut state.inodes[self.id];
        inode.data.resize(size, 0);
        inode.pending.push(Pending::SetLen(len));
        Ok(())
    }

    fn sync_data(&mut self) -> io::Result<()> {
        let mut state = self.write_step("sync")?;
        let inode = &mut state.inodes[self.id];
        inode.durable = inode.data.clone();
        inode.pending.clear();
        Ok(())
    }

    fn sync_all(&mut self) -> io::Result<()> {
        self.sync_data()
    }
}

/// Writes `data` at `offset`, filling any gap before it with zeros.
fn write_into(file: &mut Vec<u8>, offset: u64, data: &[u8]) {
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let end = start.saturating_add(data.len());
    if file.len() < end {
        file.resize(end, 0);
    }
    file[start..end].copy_from_slice(data);
}

fn read_only() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, "file opened read-only")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_drops_unsynced_bytes_and_names() {
        let disk = MemBackend::new();
        let mut file = disk.open(Path::new("a"), OpenMode::ReadWrite).expect("open");
        file.write_at(0, b"synced").expect("write");
        file.sync_all().expect("sync");
        file.write_at(6, b" lost").expect("write");
        disk.open(Path::new("b"), OpenMode::ReadWrite).expect("open");
        disk.sync_dir(Path::new(".")).expect("sync dir");
        disk.open(Path::new("c"), OpenMode::ReadWrite).expect("open");
        disk.crash(Damage::DropUnsynced);
        assert_eq!(disk.contents(Path::new("a")).as_deref(), Some(&b"synced"[..]));
        assert_eq!(disk.contents(Path::new("b")).as_deref(), Some(&b""[..]));
        assert_eq!(disk.contents(Path::new("c")), None);
    }

    #[test]
    fn a_torn_write_stops_at_a_sector_boundary() {
        let disk = MemBackend::new();
        let mut file = disk.open(Path::new("a"), OpenMode::ReadWrite).expect("open");
        file.write_at(0, &[1; 100]).expect("write");
        file.sync_all().expect("sync");
        file.write_at(100, &[2; 1000]).expect("write");
        disk.sync_dir(Path::new(".")).expect("sync dir");
        disk.crash(Damage::TornLastWrite);
        let data = disk.contents(Path::new("a")).expect("file");
        assert_eq!(data.len(), 1024);
        assert!(data[100..].iter().all(|b| *b == 2));
    }

    #[test]
    fn a_grown_tail_can_come_back_as_garbage() {
        let disk = MemBackend::new();
        let mut file = disk.open(Path::new("a"), OpenMode::ReadWrite).expect("open");
        file.write_at(0, b"abc").expect("write");
        file.sync_all().expect("sync");
        disk.sync_dir(Path::new(".")).expect("sync dir");
        file.write_at(3, &[0; 64]).expect("write");
        disk.crash(Damage::GarbageTail);
        let data = disk.contents(Path::new("a")).expect("file");
        assert_eq!(&data[..3], b"abc");
        assert_eq!(data.len(), 67);
        assert!(data[3..].iter().any(|b| *b != 0));
    }

    #[test]
    fn faults_fail_once_or_forever() {
        let disk = MemBackend::new();
        let mut file = disk.open(Path::new("a"), OpenMode::ReadWrite).expect("open");
        disk.fail_at(disk.steps(), Fault::Once);
        assert!(file.write_at(0, b"abcd").is_err());
        assert_eq!(disk.contents(Path::new("a")).as_deref(), Some(&b"ab"[..]), "a failed write is torn");
        assert!(file.sync_all().is_ok());
        disk.fail_at(disk.steps(), Fault::Forever);
        assert!(file.sync_all().is_err());
        assert!(file.set_len(0).is_err());
    }

    #[test]
    fn locks_conflict_like_file_locks_and_a_crash_releases_them() {
        let disk = MemBackend::new();
        let path = Path::new("db-lock");
        let shared = disk.try_lock(path, Access::ReadOnly).expect("lock");
        assert!(shared.is_some());
        assert!(disk.try_lock(path, Access::ReadOnly).expect("lock").is_some());
        assert!(disk.try_lock(path, Access::ReadWrite).expect("lock").is_none());
        drop(shared);
        disk.crash(Damage::ProcessKill);
        assert!(disk.try_lock(path, Access::ReadWrite).expect("lock").is_some());
    }
}
