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
    /// A function argument whose type is wrong and known before running (`toBoolean(1.0)`).
    InvalidArgumentType,
    /// A function called with too few or too many arguments.
    InvalidNumberOfArguments,
    /// A negative integer where only non-negative ones make sense (`LIMIT -1`).
    NegativeIntegerArgument,
    /// An expression that must be constant is not (`LIMIT n.x`).
    NonConstantExpression,
    /// Grouping keys and aggregates mixed so the grouping is ambiguous.
    AmbiguousAggregationExpression,
    /// An aggregate inside an aggregate.
    NestedAggregation,
    /// A write that needs exactly one relationship type got none or several.
    NoSingleRelationshipType,
    /// A relationship pattern not allowed here (undirected or variable-length in `CREATE`).
    InvalidRelationshipPattern,
    /// `DELETE` of something that is not a node, relationship or path.
    InvalidDelete,
    /// A parameter used where parameters are not allowed (`MATCH ({k: $p})` in `MERGE`, ...).
    InvalidParameterUse,
    /// Two columns of a projection with the same name.
    ColumnNameConflict,
    /// The parts of a `UNION` return different columns.
    DifferentColumnsInUnion,
    /// Clauses combined in an order Cypher does not allow.
    InvalidClauseComposition,
    /// A variable-length relationship in `CREATE` or `MERGE`.
    CreatingVarLength,
    /// A float literal too large to represent.
    FloatingPointOverflow,
    /// An integer literal too large to represent.
    IntegerOverflow,
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
    /// A function got a value of the right type but outside what it accepts (`range(1, 5, 0)`).
    InvalidArgumentValue,
    /// A number does not fit where it is used (integer overflow, index out of range).
    NumberOutOfRange,
    /// A negative number where only non-negative ones make sense, known only at run time.
    NegativeIntegerArgument,
    /// A value that cannot be stored as a property (a map, a node, a list of mixed types).
    InvalidPropertyType,
    /// A `MERGE` whose pattern reads a property the same `MERGE` sets, or a null property.
    MergeReadOwnWrites,
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

/// The error types of the openCypher TCK (its `Then a <type> should be raised` steps), so
/// scripts and tools can classify demarche's errors the way other Cypher engines do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TckErrorType {
    /// The query is malformed or meaningless (includes most semantic checks).
    SyntaxError,
    /// A semantic rule checked while running (`MergeReadOwnWrites`).
    SemanticError,
    /// A parameter the query uses was not supplied.
    ParameterMissing,
    /// A value of the wrong type reached an operator or function.
    TypeError,
    /// A function argument of the right type but a bad value.
    ArgumentError,
    /// Arithmetic failed (division by zero, overflow).
    ArithmeticError,
    /// A node or relationship the query refers to is gone.
    EntityNotFound,
    /// A write would leave the graph invalid (deleting a connected node).
    ConstraintValidationFailed,
    /// A user-declared constraint would be violated.
    ConstraintVerificationFailed,
    /// A procedure call failed (demarche has no procedures).
    ProcedureError,
}

/// When the TCK expects an error to surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TckPhase {
    /// Before any row is produced: parsing and planning.
    CompileTime,
    /// While the query runs.
    Runtime,
}

/// The TCK classification of an error: type, phase and detail code (such as
/// `UndefinedVariable`, `InvalidArgumentType`, `DeleteConnectedNode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TckCode {
    /// The error type.
    pub error_type: TckErrorType,
    /// When it is raised.
    pub phase: TckPhase,
    /// The detail code, spelled as in the TCK.
    pub detail: &'static str,
}

impl fmt::Display for TckErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl fmt::Display for TckCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let phase = match self.phase {
            TckPhase::CompileTime => "compile time",
            TckPhase::Runtime => "runtime",
        };
        write!(f, "{} at {phase}: {}", self.error_type, self.detail)
    }
}

impl Error {
    /// The openCypher TCK classification of this error, or `None` for errors outside Cypher's
    /// vocabulary (storage faults, phrase-query entity lookups, transactions, cancellation).
    ///
    /// ```
    /// use demarche::{Database, Params, TckErrorType, TckPhase};
    /// let db = Database::in_memory();
    /// let err = db.query("RETURN x", &Params::new()).unwrap_err();
    /// let code = err.tck_code().unwrap();
    /// assert_eq!((code.error_type, code.phase, code.detail),
    ///            (TckErrorType::SyntaxError, TckPhase::CompileTime, "UndefinedVariable"));
    /// ```
    pub fn tck_code(&self) -> Option<TckCode> {
        use TckErrorType as T;
        let (error_type, phase, detail) = match self {
            Error::Syntax(_) => (T::SyntaxError, TckPhase::CompileTime, "UnexpectedSyntax"),
            Error::Semantic(e) => semantic_code(e.kind)?,
            Error::Execution(e) => execution_code(e.kind)?,
            Error::Storage(_) => return None,
        };
        Some(TckCode { error_type, phase, detail })
    }
}

fn semantic_code(kind: SemanticKind) -> Option<(TckErrorType, TckPhase, &'static str)> {
    use SemanticKind as K;
    let detail = match kind {
        K::UndefinedVariable => "UndefinedVariable",
        K::VariableAlreadyBound => "VariableAlreadyBound",
        K::VariableTypeConflict => "VariableTypeConflict",
        K::InvalidAggregation => "InvalidAggregation",
        K::UnknownFunction => "UnknownFunction",
        K::MissingParameter => {
            return Some((TckErrorType::ParameterMissing, TckPhase::CompileTime, "MissingParameter"));
        }
        K::InvalidArgumentType => "InvalidArgumentType",
        K::InvalidNumberOfArguments => "InvalidNumberOfArguments",
        K::NegativeIntegerArgument => "NegativeIntegerArgument",
        K::NonConstantExpression => "NonConstantExpression",
        K::AmbiguousAggregationExpression => "AmbiguousAggregationExpression",
        K::NestedAggregation => "NestedAggregation",
        K::NoSingleRelationshipType => "NoSingleRelationshipType",
        K::InvalidRelationshipPattern => "InvalidRelationshipPattern",
        K::InvalidDelete => "InvalidDelete",
        K::InvalidParameterUse => "InvalidParameterUse",
        K::ColumnNameConflict => "ColumnNameConflict",
        K::DifferentColumnsInUnion => "DifferentColumnsInUnion",
        K::InvalidClauseComposition => "InvalidClauseComposition",
        K::CreatingVarLength => "CreatingVarLength",
        K::FloatingPointOverflow => "FloatingPointOverflow",
        K::IntegerOverflow => "IntegerOverflow",
        K::Invalid => "UnexpectedSyntax",
        K::UnknownEntity | K::AmbiguousEntity => return None,
    };
    Some((TckErrorType::SyntaxError, TckPhase::CompileTime, detail))
}

fn execution_code(kind: ExecutionKind) -> Option<(TckErrorType, TckPhase, &'static str)> {
    use ExecutionKind as K;
    use TckErrorType as T;
    let (error_type, detail) = match kind {
        K::TypeError => (T::TypeError, "InvalidArgumentType"),
        K::InvalidPropertyType => (T::TypeError, "InvalidPropertyType"),
        K::InvalidArgumentValue => (T::TypeError, "InvalidArgumentValue"),
        K::ArgumentError => (T::ArgumentError, "InvalidArgumentType"),
        K::NumberOutOfRange => (T::ArgumentError, "NumberOutOfRange"),
        K::NegativeIntegerArgument => (T::ArgumentError, "NegativeIntegerArgument"),
        K::DeleteConnectedNode => (T::ConstraintValidationFailed, "DeleteConnectedNode"),
        K::EntityNotFound => (T::EntityNotFound, "DeletedEntityAccess"),
        K::ConstraintViolation => (T::ConstraintVerificationFailed, "ConstraintViolation"),
        K::MergeReadOwnWrites => (T::SemanticError, "MergeReadOwnWrites"),
        K::LimitExceeded | K::Cancelled | K::ReadOnly | K::Transaction => return None,
    };
    Some((error_type, TckPhase::Runtime, detail))
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

    fn code(query: &str) -> Option<TckCode> {
        let db = crate::Database::in_memory();
        db.query(query, &crate::Params::new()).err().and_then(|e| e.tck_code())
    }

    #[test]
    fn compile_time_errors_carry_syntax_error_codes() {
        let undefined = code("RETURN nope").unwrap();
        assert_eq!(undefined.error_type, TckErrorType::SyntaxError);
        assert_eq!((undefined.phase, undefined.detail), (TckPhase::CompileTime, "UndefinedVariable"));
        assert_eq!(code("RETURN 123 AND true").unwrap().detail, "InvalidArgumentType");
        assert_eq!(code("RETURN 1 AS x LIMIT -1").unwrap().detail, "NegativeIntegerArgument");
        assert_eq!(code("RETURN 1 AS a, 2 AS a").unwrap().detail, "ColumnNameConflict");
        assert_eq!(code("MATCH (a) RETURN").unwrap().detail, "UnexpectedSyntax");
        assert_eq!(
            code("MATCH (me) RETURN me.age + count(*) AS x").unwrap().detail,
            "AmbiguousAggregationExpression"
        );
        assert!(code("MATCH (me) RETURN me.age, me.age + count(*) AS x").is_none());
    }

    #[test]
    fn runtime_errors_carry_their_tck_type() {
        let step = code("RETURN range(1, 3, 0)").unwrap();
        assert_eq!(
            (step.error_type, step.phase, step.detail),
            (TckErrorType::ArgumentError, TckPhase::Runtime, "NumberOutOfRange")
        );
        let db = crate::Database::in_memory();
        db.execute("CREATE (a)-[:T]->(b)", &crate::Params::new()).unwrap();
        let delete = db.execute("MATCH (n) DELETE n", &crate::Params::new()).unwrap_err().tck_code().unwrap();
        assert_eq!(
            (delete.error_type, delete.detail),
            (TckErrorType::ConstraintValidationFailed, "DeleteConnectedNode")
        );
        assert_eq!(delete.to_string(), "ConstraintValidationFailed at runtime: DeleteConnectedNode");
        let merge = code("MERGE (n:N {k: null})").unwrap();
        assert_eq!((merge.error_type, merge.detail), (TckErrorType::SemanticError, "MergeReadOwnWrites"));
    }

    #[test]
    fn errors_outside_cypher_have_no_tck_code() {
        let err = Error::Execution(ExecutionError::new(ExecutionKind::Cancelled, "stopped"));
        assert!(err.tck_code().is_none());
    }

    #[test]
    fn render_points_a_caret_at_the_span() {
        let err = Error::Syntax(SyntaxError { message: "expected a pattern".into(), span: Span::new(6, 7) });
        let text = err.render("MATCH RETURN 1", "<query>");
        assert!(text.contains("--> <query>:1:7"), "{text}");
        assert!(text.contains("1 | MATCH RETURN 1\n  |       ^"), "{text}");
    }
}
