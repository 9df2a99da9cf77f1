#![allow(clippy::unwrap_used)]
//! The integration tests: one binary, one module per area.
mod api;
mod builtin;
mod cli;
mod fixtures;
mod import_export;
mod pty;
mod roundtrip;
