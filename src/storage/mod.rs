//! Placeholder: replaced by the storage layer (lock, WAL, snapshot, codec).
/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// Another handle holds the database.
    #[error("database is locked: {path} is open in another process")]
    Locked {
        /// The database path.
        path: std::path::PathBuf,
    },
}
