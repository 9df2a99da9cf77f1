//! Snapshot files: a fixed header then the encoded graph image.
//!
//! Header, little-endian, 44 bytes: magic `DEMARCHE` (8) · format version u32 · generation u64 ·
//! last log sequence number covered u64 · payload length u64 · payload CRC32 u32 · header CRC32
//! u32 (over the 40 bytes before it). The header checksum is verified first, then that the
//! payload fits the file, then the payload checksum — only then is anything decoded.

use super::backend::{Backend, BackendFile, OpenMode};
use super::codec;
use super::{StorageError, sibling};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

pub(crate) const MAGIC: &[u8; 8] = b"DEMARCHE";
/// The snapshot format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
pub(crate) const HEADER_LEN: usize = 44;

/// What a snapshot header says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub generation: u64,
    pub last_seq: u64,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

/// Reads and verifies a snapshot; `None` for an empty file (a database never checkpointed).
///
/// The payload is streamed from the file twice, [`CHUNK`] bytes at a time: once to verify its
/// checksum, then to decode it. Reading it whole into memory first held the file beside the
/// graph being built from it, and so raised the peak memory of every open by the file's size.
/// Snapshots are replaced by rename, never written in place, so both passes read the same bytes.
pub(crate) fn read<S: DeserializeOwned>(
    backend: &dyn Backend,
    path: &Path,
) -> Result<Option<(Header, S)>, StorageError> {
    let file = backend.open(path, OpenMode::Read).map_err(StorageError::io("open", path))?;
    let len = file.len().map_err(StorageError::io("read", path))?;
    if len == 0 {
        return Ok(None);
    }
    let mut head = [0u8; HEADER_LEN];
    let head_len = len.min(HEADER_LEN as u64) as usize;
    file.read_at(0, &mut head[..head_len]).map_err(StorageError::io("read", path))?;
    let (header, payload_crc) = check_header(path, &head[..head_len], len)?;
    let payload = || Payload { file: &*file, offset: HEADER_LEN as u64, end: len };
    let mut crc = crc32fast::Hasher::new();
    let mut chunk = vec![0u8; CHUNK];
    let mut check = payload();
    loop {
        let n = std::io::Read::read(&mut check, &mut chunk).map_err(StorageError::io("read", path))?;
        if n == 0 {
            break;
        }
        crc.update(&chunk[..n]);
    }
    drop(chunk);
    if crc.finalize() != payload_crc {
        return Err(corrupt(path, HEADER_LEN as u64, "payload checksum mismatch".into()));
    }
    let payload_len = usize::try_from(len - HEADER_LEN as u64).unwrap_or(usize::MAX);
    let image = codec::decode_from_read(payload(), payload_len, CHUNK)
        .map_err(|e| corrupt(path, HEADER_LEN as u64, format!("payload does not decode: {e}")))?;
    Ok(Some((header, image)))
}

fn corrupt(path: &Path, offset: u64, reason: String) -> StorageError {
    StorageError::Corrupt { path: path.to_owned(), offset, reason }
}

/// Checks the header at the start of a snapshot file `file_len` bytes long (`head` holds its
/// first [`HEADER_LEN`] bytes, or all of them when the file is shorter), and returns it with the
/// payload checksum it declares.
fn check_header(path: &Path, head: &[u8], file_len: u64) -> Result<(Header, u32), StorageError> {
    if head.len() < HEADER_LEN {
        if !MAGIC.starts_with(&head[..head.len().min(8)]) {
            return Err(StorageError::NotADatabase {
                path: path.to_owned(),
                reason: "no demarche header".into(),
            });
        }
        return Err(corrupt(path, 0, format!("truncated header ({} of {HEADER_LEN} bytes)", head.len())));
    }
    if &head[..8] != MAGIC {
        return Err(StorageError::NotADatabase { path: path.to_owned(), reason: "wrong magic bytes".into() });
    }
    if crc32fast::hash(&head[..40]) != u32_at(head, 40) {
        return Err(corrupt(path, 0, "header checksum mismatch".into()));
    }
    let version = u32_at(head, 8);
    if version > FORMAT_VERSION {
        return Err(StorageError::NewerFormat {
            path: path.to_owned(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let header = Header { generation: u64_at(head, 12), last_seq: u64_at(head, 20) };
    let declared = u64_at(head, 28);
    let actual = file_len - HEADER_LEN as u64;
    if declared != actual {
        return Err(corrupt(
            path,
            28,
            format!("header declares {declared} payload bytes, the file holds {actual}"),
        ));
    }
    Ok((header, u32_at(head, 36)))
}

/// The payload of a snapshot file as a `Read`er, from `offset` to `end`.
struct Payload<'f> {
    file: &'f dyn BackendFile,
    offset: u64,
    end: u64,
}

impl std::io::Read for Payload<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (self.end - self.offset).min(buf.len() as u64) as usize;
        self.file.read_at(self.offset, &mut buf[..n])?;
        self.offset += n as u64;
        Ok(n)
    }
}

/// The temporary file a snapshot is written to before it is renamed over `path`.
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    sibling(path, "-snapshot-tmp")
}

/// Writes a snapshot atomically: temp file in the same directory, `sync_all`, rename over
/// `path`, then fsync the directory. A failure leaves the previous snapshot in place.
///
/// The payload is encoded straight into the file in chunks of [`CHUNK`] bytes, its checksum
/// computed on the way; the header, which needs both length and checksum, is written last.
/// Holding the encoded snapshot in memory instead took as much again as the file (and twice
/// that while its buffer grew).
pub(crate) fn write<S: Serialize + ?Sized>(
    backend: &dyn Backend,
    path: &Path,
    header: Header,
    image: &S,
) -> Result<(), StorageError> {
    let tmp = temp_path(path);
    let mut file = backend
        .open(&tmp, OpenMode::Truncate)
        .map_err(StorageError::io("create a temporary file beside", path))?;
    let mut out = ChunkWriter {
        file: &mut *file,
        offset: HEADER_LEN as u64,
        chunk: Vec::with_capacity(CHUNK),
        crc: crc32fast::Hasher::new(),
        failed: None,
    };
    let encoded = codec::encode_into(image, &mut out).and_then(|_| {
        std::io::Write::flush(&mut out).map_err(|e| codec::CodecError { message: e.to_string() })
    });
    let (payload_len, payload_crc, failed) = (out.offset - HEADER_LEN as u64, out.crc.finalize(), out.failed);
    if let Some(source) = failed {
        return Err(StorageError::io("write a snapshot for", path)(source));
    }
    encoded.map_err(|e| StorageError::Corrupt {
        path: path.to_owned(),
        offset: 0,
        reason: format!("cannot encode the snapshot: {e}"),
    })?;
    let mut head = Vec::with_capacity(HEADER_LEN);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    head.extend_from_slice(&header.generation.to_le_bytes());
    head.extend_from_slice(&header.last_seq.to_le_bytes());
    head.extend_from_slice(&payload_len.to_le_bytes());
    head.extend_from_slice(&payload_crc.to_le_bytes());
    let crc = crc32fast::hash(&head);
    head.extend_from_slice(&crc.to_le_bytes());
    file.write_at(0, &head).map_err(StorageError::io("write a snapshot for", path))?;
    file.sync_all().map_err(StorageError::io("sync the snapshot of", path))?;
    drop(file);
    backend.rename(&tmp, path).map_err(StorageError::io("rename the snapshot onto", path))?;
    backend.sync_dir(parent(path)).map_err(StorageError::io("sync the directory of", path))
}

/// Bytes of encoded payload gathered before each write.
pub(crate) const CHUNK: usize = 1 << 20;

/// Writes an encoded payload to a file in chunks from `offset` on, checksumming it. The first
/// I/O error is kept whole in `failed` (the encoder only passes on its text).
struct ChunkWriter<'f> {
    file: &'f mut dyn BackendFile,
    offset: u64,
    chunk: Vec<u8>,
    crc: crc32fast::Hasher,
    failed: Option<std::io::Error>,
}

impl std::io::Write for ChunkWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.chunk.extend_from_slice(bytes);
        if self.chunk.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed.is_some() {
            return Err(std::io::Error::other("an earlier write of the snapshot failed"));
        }
        if self.chunk.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.file.write_at(self.offset, &self.chunk) {
            let kind = e.kind();
            self.failed = Some(e);
            return Err(kind.into());
        }
        self.crc.update(&self.chunk);
        self.offset += self.chunk.len() as u64;
        self.chunk.clear();
        Ok(())
    }
}

/// The directory a path lives in (`.` for a bare file name).
pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The generation in the snapshot header at `path` (0 when there is no snapshot), without
/// reading the payload: read-only opens compare it before and after reading to detect a
/// checkpoint that ran meanwhile.
pub(crate) fn generation(backend: &dyn Backend, path: &Path) -> Result<u64, StorageError> {
    if !backend.exists(path).map_err(StorageError::io("look for", path))? {
        return Ok(0);
    }
    let file = backend.open(path, OpenMode::Read).map_err(StorageError::io("open", path))?;
    if file.len().map_err(StorageError::io("read", path))? < HEADER_LEN as u64 {
        return Ok(0);
    }
    let mut head = [0u8; HEADER_LEN];
    file.read_at(0, &mut head).map_err(StorageError::io("read", path))?;
    Ok(u64_at(&head, 12))
}
