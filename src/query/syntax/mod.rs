//! text → AST: the pest parsers for Cypher and phrase queries, and the helpers around them.
//!
//! The first stage of the pipeline. It turns text into [`ast::Statement`] and nothing else: pest
//! types never leave this module, and phrase queries are desugared here into ordinary Cypher
//! clauses (resolving entity references through [`Resolve`]), so later stages never see them.
//! Limits on length and nesting are checked before pest runs, so hostile input cannot exhaust
//! the stack.

mod cypher;
mod errors;
mod pairs;
mod phrase;
mod split;

pub use split::{is_complete, split_statements};

use crate::error::{Error, SemanticError, Span, SyntaxError};
use crate::query::ast;

/// The grammar: lexical rules, Cypher and phrase queries share one rule set.
#[allow(missing_docs)]
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/lexical.pest"]
    #[grammar = "../grammar/cypher.pest"]
    #[grammar = "../grammar/phrase.pest"]
    pub(crate) struct QueryParser;
}
pub(crate) use grammar::{QueryParser, Rule};

/// The longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 1 << 20;
/// The deepest nesting of brackets accepted.
pub const MAX_NESTING: usize = 256;

/// Maps what the user typed in a phrase query to the canonical `name` of one entity.
pub trait Resolve: Sync {
    /// The canonical name, or an error that lists the closest candidates.
    fn resolve(&self, reference: &str, span: Span) -> Result<String, SemanticError>;
}

/// A resolver that takes every reference as already canonical (for tests).
#[cfg(test)]
pub struct NoResolve;

#[cfg(test)]
impl Resolve for NoResolve {
    fn resolve(&self, reference: &str, _span: Span) -> Result<String, SemanticError> {
        Ok(reference.to_owned())
    }
}

/// Keywords of both layers, for completion and highlighting.
pub const KEYWORDS: &[&str] = &[
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "WITH",
    "RETURN",
    "DISTINCT",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "SKIP",
    "LIMIT",
    "UNWIND",
    "AS",
    "UNION",
    "ALL",
    "CREATE",
    "MERGE",
    "ON",
    "SET",
    "REMOVE",
    "DELETE",
    "DETACH",
    "EXPLAIN",
    "PROFILE",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "INDEX",
    "FOR",
    "DROP",
    "OR",
    "XOR",
    "AND",
    "NOT",
    "IN",
    "IS",
    "NULL",
    "TRUE",
    "FALSE",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "count",
    "exists",
    "shortestPath",
    "allShortestPaths",
    "measures",
    "responding",
    "responses",
    "responds",
    "what",
    "escalation",
    "from",
    "against",
    "since",
    "until",
    "timeline",
    "of",
    "claims",
    "about",
    "contested",
    "describe",
    "people",
    "path",
    "sources",
];

/// First words of phrase queries (after an optional `explain`).
const PHRASE_STARTS: &[&str] = &[
    "measures",
    "all",
    "responses",
    "what",
    "escalation",
    "count",
    "timeline",
    "claims",
    "contested",
    "describe",
    "people",
    "path",
    "sources",
];

/// Nesting deeper than this is parsed on a thread with a large stack: pest's recursive descent
/// needs several kilobytes of stack per level in debug builds.
const INLINE_NESTING: usize = 24;

/// Parses one statement (Cypher or phrase; the text may end with an optional `;`).
pub fn parse(text: &str, resolver: &dyn Resolve) -> Result<ast::Statement, Error> {
    check_limits(text)?;
    if split::too_deep(text, INLINE_NESTING).is_none() {
        return parse_inline(text, resolver);
    }
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(512 << 20)
            .spawn_scoped(scope, || parse_inline(text, resolver));
        match worker.map(|handle| handle.join()) {
            Ok(Ok(result)) => result,
            _ => Err(Error::Syntax(SyntaxError {
                message: "the query is too deeply nested to parse".into(),
                span: Span::new(0, text.len().min(1)),
            })),
        }
    })
}

fn parse_inline(text: &str, resolver: &dyn Resolve) -> Result<ast::Statement, Error> {
    if looks_like_phrase(text) {
        match phrase::parse(text, resolver) {
            Ok(statement) => return Ok(statement),
            // A phrase that does not parse may still be Cypher (`count(*)`, `all(...)`).
            Err(phrase_error @ Error::Syntax(_)) => {
                return cypher::parse(text).map_err(|cypher_error| prefer(phrase_error, cypher_error));
            }
            Err(other) => return Err(other),
        }
    }
    cypher::parse(text)
}

/// Of two syntax errors, the one that got further into the text.
fn prefer(a: Error, b: Error) -> Error {
    match (a.span(), b.span()) {
        (Some(x), Some(y)) if y.start > x.start => b,
        _ => a,
    }
}

fn first_words(text: &str) -> impl Iterator<Item = String> + '_ {
    split::strip_comments(text)
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
}

fn looks_like_phrase(text: &str) -> bool {
    let mut words = first_words(text);
    let mut first = words.next().unwrap_or_default();
    if first == "explain" {
        first = words.next().unwrap_or_default();
    }
    PHRASE_STARTS.contains(&first.as_str())
}

fn check_limits(text: &str) -> Result<(), Error> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::Syntax(SyntaxError {
            message: format!("the query is {} bytes long; the limit is {MAX_QUERY_BYTES}", text.len()),
            span: Span::new(MAX_QUERY_BYTES, MAX_QUERY_BYTES + 1),
        }));
    }
    if let Some(offset) = split::too_deep(text, MAX_NESTING) {
        return Err(Error::Syntax(SyntaxError {
            message: format!("brackets are nested more than {MAX_NESTING} deep"),
            span: Span::new(offset, offset + 1),
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
