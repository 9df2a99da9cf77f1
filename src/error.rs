//! The public error type: one kind per stage, folded from each stage's own enum.
//!
//! Query errors carry a byte span into the query text; [`Error::render`] turns it into
//! `line:column`, the offending line and a caret. Storage errors name the file and the fault.

use crate::storage::StorageError;
use std::fmt;

/// A byte range in a query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The 1-based line and column (in characters) where the span starts in `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        let start = self.start.min(text.len());
        let before = text.get(..start).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

/// Everything that can go wrong in demarche.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query text does not parse.
    #[error("{0}")]
    Syntax(#[from] SyntaxError),
    /// The query parses but means nothing valid (undefined variable, unknown entity, ...).
    #[error("{0}")]
    Semantic(#[from] SemanticError),
    /// The query failed while running (type error, limit reached, constraint violated, ...).
    #[error("{0}")]
    Execution(#[from] ExecutionError),
    /// The database files could not be opened, read or written.
    #[error("{0}")]
    Storage(#[from] StorageError),
}

/// A query that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("syntax error: {message}")]
pub struct SyntaxError {
    /// What was expected or found, in words.
    pub message: String,
    /// Where in the query text.
    pub span: Span,
}

/// The kinds of semantic error, so callers can match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SemanticKind {
    /// A variable is used before it is bound.
    UndefinedVariable,
    /// A variable is bound twice where that is not allowed.
    VariableAlreadyBound,
    /// A variable is used as two different kinds of thing (node and relationship, ...).
    VariableTypeConflict,
    /// An aggregate function is used where it cannot be.
    InvalidAggregation,
    /// A name in a phrase query matches no entity.
    UnknownEntity,
    /// A name in a phrase query matches several entities equally well.
    AmbiguousEntity,
    /// A function that does not exist, or is called with the wrong number of arguments.
    UnknownFunction,
    /// A parameter is used but was not supplied.
    MissingParameter,
    /// Any other statically detectable mistake.
    Invalid,
}

/// A query that parses but cannot mean anything valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SemanticError {
    /// Which rule was broken.
    pub kind: SemanticKind,
    /// The explanation, naming the offending thing.
    pub message: String,
    /// Where in the query text, when known.
    pub span: Option<Span>,
}

/// The kinds of runtime error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExecutionKind {
    /// An operation got a value of the wrong type.
    TypeError,
    /// A function argument has the right type but a bad value.
    ArgumentError,
    /// Deleting a node that still has relationships, without `DETACH`.
    DeleteConnectedNode,
    /// A node or relationship no longer exists.
    EntityNotFound,
    /// A query limit (length, depth, path length, row count) was exceeded.
    LimitExceeded,
    /// The query ran past its deadline or was cancelled.
    Cancelled,
    /// The database was opened read-only and the statement writes.
    ReadOnly,
    /// A transaction command out of place (`COMMIT` without `BEGIN`, ...).
    Transaction,
    /// A constraint was violated.
    ConstraintViolation,
}

/// A query that failed while running. Nothing it did was committed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExecutionError {
    /// What went wrong.
    pub kind: ExecutionKind,
    /// The explanation.
    pub message: String,
    /// Where in the query text, when known.
    pub span: Option<Span>,
}

impl ExecutionError {
    /// An execution error without a position.
    pub fn new(kind: ExecutionKind, message: impl Into<String>) -> ExecutionError {
        ExecutionError { kind, message: message.into(), span: None }
    }
}

impl SemanticError {
    /// A semantic error at a position.
    pub fn new(kind: SemanticKind, message: impl Into<String>, span: Option<Span>) -> SemanticError {
        SemanticError { kind, message: message.into(), span }
    }
}

impl Error {
    /// The span of the query text this error points at, if any.
    pub fn span(&self) -> Option<Span> {
        match self {
            Error::Syntax(e) => Some(e.span),
            Error::Semantic(e) => e.span,
            Error::Execution(e) => e.span,
            Error::Storage(_) => None,
        }
    }

    /// The same error with its span moved `offset` bytes later (for a statement cut out of a
    /// larger text, so positions refer to the whole text).
    pub fn shifted(mut self, offset: usize) -> Error {
        let span = match &mut self {
            Error::Syntax(s) => Some(&mut s.span),
            Error::Semantic(s) => s.span.as_mut(),
            Error::Execution(s) => s.span.as_mut(),
            Error::Storage(_) => None,
        };
        if let Some(span) = span {
            span.start += offset;
            span.end += offset;
        }
        self
    }

    /// Renders the error as the CLI prints it: `error: ...`, then `  --> ORIGIN:LINE:COL`,
    /// the line of `source` and a caret under the offending position.
    pub fn render(&self, source: &str, origin: &str) -> String {
        let mut out = format!("error: {self}\n");
        if let Some(span) = self.span() {
            out.push_str(&render_position(source, origin, span, 0));
        }
        out
    }
}

/// Formats `  --> ORIGIN:LINE:COL`, the source line and a caret. `line_offset` is added to the
/// line number, for statements that start further down a script file.
pub fn render_position(source: &str, origin: &str, span: Span, line_offset: usize) -> String {
    let (line, col) = span.line_col(source);
    let text = source.lines().nth(line - 1).unwrap_or("");
    let number = (line + line_offset).to_string();
    let pad = " ".repeat(number.len());
    let width = source
        .get(span.start..span.end.min(span.start + text.len()))
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1));
    format!(
        "{pad}--> {origin}:{}:{col}\n{pad} |\n{number} | {text}\n{pad} | {}{}\n",
        line + line_offset,
        " ".repeat(col - 1),
        "^".repeat(width)
    )
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for SemanticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "MATCH (n)\nRETURN é, x";
        assert_eq!(Span::new(0, 1).line_col(text), (1, 1));
        assert_eq!(Span::new(21, 22).line_col(text), (2, 11));
    }

    #[test]
    fn render_points_a_caret_at_the_span() {
        let err = Error::Syntax(SyntaxError { message: "expected a pattern".into(), span: Span::new(6, 7) });
        let text = err.render("MATCH RETURN 1", "<query>");
        assert!(text.contains("--> <query>:1:7"), "{text}");
        assert!(text.contains("1 | MATCH RETURN 1\n  |       ^"), "{text}");
    }
}
