//! The byte encoding of snapshots and log records. The only file in the crate that names
//! bincode: swapping the on-disk encoding means changing this file alone.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decoding never claims more than this many bytes for one value (a hostile length cannot
/// make it allocate beyond what the input could hold; serde also caps preallocation).
const LIMIT: usize = 1 << 36;

/// Encodes a value.
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    bincode::serde::encode_to_vec(value, bincode::config::standard()).map_err(|e| e.to_string())
}

/// Decodes a value that must use every byte of `bytes`.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let config = bincode::config::standard().with_limit::<LIMIT>();
    let (value, used) = bincode::serde::decode_from_slice(bytes, config).map_err(|e| e.to_string())?;
    if used != bytes.len() {
        return Err(format!("{} unexpected bytes after the encoded value", bytes.len() - used));
    }
    Ok(value)
}
