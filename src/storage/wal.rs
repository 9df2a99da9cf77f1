//! The write-ahead log: one record per committed transaction.
//!
//! File header, 16 bytes: magic `DMRCHWAL` (8) · format version u32 · CRC32 of the 12 bytes
//! before it. Record: payload length u32 · CRC32 u32 (over the sequence number and payload) ·
//! sequence number u64 · payload (encoded mutations). Sequence numbers increase by one.
//!
//! Recovery follows the torn-tail rule: a bad record with nothing valid after it is the trace of
//! a crash during an append and is cut off; a bad record followed by a valid one is corruption,
//! and the database refuses to open, naming the file and offset.

use super::{StorageError, codec, snapshot};
use crate::model::Mutation;
use std::path::Path;

pub(crate) const MAGIC: &[u8; 8] = b"DMRCHWAL";
pub(crate) const HEADER_LEN: u64 = 16;
const RECORD_HEADER: usize = 16;

/// The log's file header.
pub(crate) fn header() -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_LEN as usize);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&snapshot::FORMAT_VERSION.to_le_bytes());
    let crc = crc32fast::hash(&h);
    h.extend_from_slice(&crc.to_le_bytes());
    h
}

/// One record, ready to append.
pub(crate) fn record(seq: u64, mutations: &[Mutation]) -> Result<Vec<u8>, String> {
    let payload = codec::encode(mutations).map_err(|e| e.to_string())?;
    let len = u32::try_from(payload.len()).map_err(|_| "a transaction larger than 4 GiB".to_owned())?;
    let mut body = Vec::with_capacity(8 + payload.len());
    body.extend_from_slice(&seq.to_le_bytes());
    body.extend_from_slice(&payload);
    let mut out = Vec::with_capacity(RECORD_HEADER + payload.len());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// What recovery found in a log.
pub(crate) struct Scan {
    /// Valid records: (sequence number, mutations).
    pub records: Vec<(u64, Vec<Mutation>)>,
    /// Where the valid part ends (a torn tail starts here).
    pub valid_len: u64,
}

/// A record that parses and passes its checksum, at `at`: (seq, payload, total length).
fn parse_at(bytes: &[u8], at: usize) -> Option<(u64, &[u8], usize)> {
    let head = bytes.get(at..at + RECORD_HEADER)?;
    let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let crc = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
    let end = at.checked_add(RECORD_HEADER)?.checked_add(len)?;
    let body = bytes.get(at + 8..end)?;
    if crc32fast::hash(body) != crc {
        return None;
    }
    let mut seq = [0u8; 8];
    seq.copy_from_slice(&body[..8]);
    Some((u64::from_le_bytes(seq), &body[8..], end - at))
}

/// Reads a whole log file's bytes into records, applying the torn-tail rule.
pub(crate) fn scan(path: &Path, bytes: &[u8]) -> Result<Scan, StorageError> {
    let corrupt = |offset: usize, reason: String| StorageError::Corrupt {
        path: path.to_owned(),
        offset: offset as u64,
        reason,
    };
    if bytes.len() < HEADER_LEN as usize || &bytes[..8] != MAGIC {
        if bytes.len() >= 8 && &bytes[..8] != MAGIC {
            return Err(StorageError::NotADatabase {
                path: path.to_owned(),
                reason: "wrong magic bytes in the log".into(),
            });
        }
        // A log cut inside its own header: a crash while creating it. Nothing was committed.
        return Ok(Scan { records: vec![], valid_len: 0 });
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if crc32fast::hash(&bytes[..12]) != u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) {
        return Err(corrupt(0, "log header checksum mismatch".into()));
    }
    if version > snapshot::FORMAT_VERSION {
        return Err(StorageError::NewerFormat {
            path: path.to_owned(),
            found: version,
            supported: snapshot::FORMAT_VERSION,
        });
    }
    let mut records: Vec<(u64, Vec<Mutation>)> = Vec::new();
    let mut at = HEADER_LEN as usize;
    while at < bytes.len() {
        let Some((seq, payload, len)) = parse_at(bytes, at) else {
            if let Some(later) = valid_record_after(bytes, at + 1) {
                return Err(corrupt(at, format!("bad record followed by a valid one at offset {later}")));
            }
            break; // torn tail
        };
        if let Some((prev, _)) = records.last()
            && Some(seq) != prev.checked_add(1)
        {
            return Err(corrupt(at, format!("sequence number {seq} follows {prev}")));
        }
        let mutations =
            codec::decode(payload).map_err(|e| corrupt(at, format!("record does not decode: {e}")))?;
        records.push((seq, mutations));
        at += len;
    }
    Ok(Scan { records, valid_len: at.min(bytes.len()) as u64 })
}

/// The offset of the first checksum-valid record at or after `from`, if any.
fn valid_record_after(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len().saturating_sub(RECORD_HEADER - 1))
        .find(|at| parse_at(bytes, *at).is_some_and(|(_, _, len)| len > RECORD_HEADER))
}
