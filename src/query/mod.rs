//! The query language: text → AST (`syntax`) → plan → rows (`exec`).
pub mod ast;
