//! The binary encoding of everything demarche writes: the only file in the crate that names bincode.
//!
//! Storage (log records, snapshot payloads) and any other module that needs bytes go through
//! [`encode`] and [`decode`] (or [`encode_into`] and [`decode_from_read`] for a snapshot, which
//! is never held whole in memory). This file knows nothing of files, checksums or framing; it
//! opens nothing itself, and it must never allocate more than a small multiple of the input
//! while decoding.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// Why a value could not be encoded or decoded. The message says what bincode reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodecError {
    /// Bincode's explanation, in words.
    pub(crate) message: String,
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CodecError {}

/// Encodes `value` with bincode's standard configuration (little endian, variable-length integers).
///
/// Fails only for values serde cannot describe to bincode (a sequence of unknown length, a
/// custom `Serialize` that reports an error).
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CodecError> {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map_err(|e| CodecError { message: e.to_string() })
}

/// Encodes `value` as [`encode`] does, straight into `out`, so a large value (a snapshot) is
/// never held whole in memory. Returns the number of bytes written. An I/O error of `out`
/// comes back as an encoding error; a writer that wants it whole keeps it itself.
pub(crate) fn encode_into<T: Serialize + ?Sized, W: std::io::Write>(
    value: &T,
    out: &mut W,
) -> Result<usize, CodecError> {
    bincode::serde::encode_into_std_write(value, out, bincode::config::standard())
        .map_err(|e| CodecError { message: e.to_string() })
}

/// Decodes a whole `T` from `bytes`, refusing trailing bytes.
///
/// The decoder is limited to claiming a small multiple of `bytes.len()` (bincode counts the
/// in-memory size of every primitive and the length of every string), so a hostile length
/// prefix is an error instead of a huge allocation.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let budget = bytes.len().saturating_mul(CLAIM_PER_INPUT_BYTE).saturating_add(1 << 12);
    let (value, used) = match budget {
        n if n <= limit(16) => decode_limited::<T, { limit(16) }>(bytes)?,
        n if n <= limit(22) => decode_limited::<T, { limit(22) }>(bytes)?,
        n if n <= limit(28) => decode_limited::<T, { limit(28) }>(bytes)?,
        n if n <= limit(32) => decode_limited::<T, { limit(32) }>(bytes)?,
        _ => decode_limited::<T, { limit(36) }>(bytes)?,
    };
    if used != bytes.len() {
        let message = format!("{} unexpected bytes after the value (at byte {used})", bytes.len() - used);
        return Err(CodecError { message });
    }
    Ok(value)
}

/// Decodes a whole `T` from the `len` bytes `reader` yields, as [`decode`] does from a slice
/// (same claim limit, trailing bytes refused), holding only `buffer` bytes of them at a time.
///
/// Strings are copied out of the buffer instead of borrowed from the input; the graph keeps its
/// own copies anyway, and a snapshot read this way is never held whole in memory.
pub(crate) fn decode_from_read<T: DeserializeOwned, R: std::io::Read>(
    reader: R,
    len: usize,
    buffer: usize,
) -> Result<T, CodecError> {
    let mut input = std::io::BufReader::with_capacity(buffer, Counted { inner: reader, read: 0 });
    let budget = len.saturating_mul(CLAIM_PER_INPUT_BYTE).saturating_add(1 << 12);
    let value = match budget {
        n if n <= limit(16) => read_limited::<T, R, { limit(16) }>(&mut input)?,
        n if n <= limit(22) => read_limited::<T, R, { limit(22) }>(&mut input)?,
        n if n <= limit(28) => read_limited::<T, R, { limit(28) }>(&mut input)?,
        n if n <= limit(32) => read_limited::<T, R, { limit(32) }>(&mut input)?,
        _ => read_limited::<T, R, { limit(36) }>(&mut input)?,
    };
    let used = input.get_ref().read - input.buffer().len();
    let rest =
        std::io::copy(&mut input, &mut std::io::sink()).map_err(|e| CodecError { message: e.to_string() })?;
    if rest > 0 {
        let message = format!("{rest} unexpected bytes after the value (at byte {used})");
        return Err(CodecError { message });
    }
    Ok(value)
}

/// A reader that counts the bytes it has handed out.
struct Counted<R> {
    inner: R,
    read: usize,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n;
        Ok(n)
    }
}

fn read_limited<T: DeserializeOwned, R: std::io::Read, const LIMIT: usize>(
    input: &mut std::io::BufReader<Counted<R>>,
) -> Result<T, CodecError> {
    let config = bincode::config::standard().with_limit::<LIMIT>();
    bincode::serde::decode_from_reader(input, config).map_err(|e| CodecError { message: e.to_string() })
}

/// The most bincode claims per encoded byte: a `u128` stored as a one-byte varint claims 16.
const CLAIM_PER_INPUT_BYTE: usize = 16;

/// `1 << shift`, saturated to `usize::MAX` on targets where it does not fit.
const fn limit(shift: u32) -> usize {
    if shift >= usize::BITS { usize::MAX } else { 1 << shift }
}

fn decode_limited<T: DeserializeOwned, const LIMIT: usize>(bytes: &[u8]) -> Result<(T, usize), CodecError> {
    let config = bincode::config::standard().with_limit::<LIMIT>();
    bincode::serde::decode_from_slice(bytes, config).map_err(|e| CodecError { message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Value};
    use std::collections::BTreeMap;

    #[test]
    fn round_trips_nested_values() {
        let mut map = BTreeMap::new();
        map.insert("when".to_owned(), Value::Date(Date::year(2021)));
        let value = Value::List(vec![Value::Int(-3), Value::Map(map), Value::String("é".into())]);
        let bytes = encode(&value).expect("encodable");
        let back: Value = decode(&bytes).expect("decodable");
        assert_eq!(format!("{back:?}"), format!("{value:?}"));
    }

    #[test]
    fn encoding_into_a_writer_gives_the_same_bytes() {
        let value = Value::List(vec![Value::String("x".repeat(300).into()), Value::Int(1 << 40)]);
        let mut out = Vec::new();
        let n = encode_into(&value, &mut out).expect("encodable");
        assert_eq!(n, out.len());
        assert_eq!(out, encode(&value).expect("encodable"));
    }

    #[test]
    fn decoding_from_a_reader_matches_decoding_from_a_slice() {
        let value = Value::List(vec![
            Value::String("y".repeat(1000).into()),
            Value::Int(-(1 << 50)),
            Value::Bool(true),
        ]);
        let bytes = encode(&value).expect("encodable");
        // A buffer smaller than the string and than a varint, so values straddle refills.
        let back: Value = decode_from_read(&bytes[..], bytes.len(), 7).expect("decodable");
        assert_eq!(format!("{back:?}"), format!("{value:?}"));
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[1, 2]);
        let err = decode_from_read::<Value, _>(&longer[..], longer.len(), 7).expect_err("trailing bytes");
        assert!(err.message.contains("2 unexpected bytes after the value"), "{err}");
        assert!(err.message.contains(&format!("at byte {}", bytes.len())), "{err}");
        let err = decode_from_read::<Value, _>(&bytes[..bytes.len() - 1], bytes.len(), 7);
        assert!(err.is_err(), "a truncated input must not decode");
    }

    #[test]
    fn a_hostile_length_from_a_reader_is_an_error_not_an_allocation() {
        let mut bytes = vec![0xFD];
        bytes.extend_from_slice(&(1u64 << 40).to_le_bytes());
        assert!(decode_from_read::<String, _>(&bytes[..], bytes.len(), 4096).is_err());
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = encode(&7u64).expect("encodable");
        bytes.push(0);
        let err = decode::<u64>(&bytes).expect_err("trailing byte must be refused");
        assert!(err.message.contains("1 unexpected bytes"), "{err}");
    }

    #[test]
    fn hostile_string_length_is_an_error_not_an_allocation() {
        // A varint prefix 0xFD announces a u64 length: here 2^40 bytes of string.
        let mut bytes = vec![0xFD];
        bytes.extend_from_slice(&(1u64 << 40).to_le_bytes());
        let err = decode::<String>(&bytes).expect_err("must not decode");
        assert!(!err.message.is_empty());
    }

    #[test]
    fn hostile_sequence_length_is_an_error_not_an_allocation() {
        let mut bytes = vec![0xFD];
        bytes.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode::<Vec<Value>>(&bytes).is_err());
    }

    #[test]
    fn large_legitimate_strings_decode() {
        let text = "x".repeat(5 << 20);
        let bytes = encode(&text).expect("encodable");
        assert_eq!(decode::<String>(&bytes).expect("decodable"), text);
    }
}
