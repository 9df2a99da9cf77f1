//! The query language: text → AST (`syntax`) → plan → rows (`exec`).
pub mod ast;
pub mod display;
pub mod plan;
pub mod prepare;
pub mod resolve;
pub mod syntax;

/// The closest of `candidates` to `word` (case-insensitive), when it is close enough to suggest.
pub fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
pub mod exec;
