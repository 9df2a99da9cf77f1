//! The abstract syntax tree of a statement, the contract between `syntax` and `plan`.
//!
//! Both Cypher and phrase queries end up here: phrase queries are desugared by `syntax` into
//! ordinary clauses, so nothing after this point knows they exist. Expressions and patterns
//! carry spans into the query text for error messages; equality ignores spans, so a statement
//! printed with `Display` (canonical Cypher) and parsed again compares equal to the original.

use crate::error::Span;
use crate::model::Value;

/// One statement: what a `;` ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// A read or write query, possibly a `UNION` of several.
    Query(Query),
    /// `EXPLAIN <statement>`: show the plan and the Cypher form, run nothing.
    Explain(Box<Statement>),
    /// `PROFILE <statement>`: run and report rows per clause.
    Profile(Box<Statement>),
    /// `BEGIN`: start an explicit transaction.
    Begin,
    /// `COMMIT`: make the explicit transaction durable.
    Commit,
    /// `ROLLBACK`: drop the explicit transaction.
    Rollback,
    /// `CREATE INDEX FOR (n:Label) ON (n.key)`.
    CreateIndex {
        /// The label.
        label: String,
        /// The property key.
        key: String,
    },
    /// `DROP INDEX ON :Label(key)`.
    DropIndex {
        /// The label.
        label: String,
        /// The property key.
        key: String,
    },
}

/// A query: one or more single queries joined by `UNION` / `UNION ALL`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The first single query.
    pub first: SingleQuery,
    /// The following ones, each with `true` for `UNION ALL` and `false` for `UNION`.
    pub unions: Vec<(bool, SingleQuery)>,
}

/// A sequence of clauses without `UNION`.
#[derive(Debug, Clone, PartialEq)]
pub struct SingleQuery {
    /// The clauses, in order.
    pub clauses: Vec<Clause>,
}

/// A clause of a single query.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `[OPTIONAL] MATCH pattern [WHERE expr]`.
    Match {
        /// `OPTIONAL MATCH` when true.
        optional: bool,
        /// The comma-separated pattern parts.
        pattern: Vec<PatternPart>,
        /// The `WHERE` filter.
        filter: Option<Expr>,
    },
    /// `UNWIND expr AS var`.
    Unwind {
        /// The list to unwind.
        expr: Expr,
        /// The variable each element is bound to.
        var: String,
    },
    /// `WITH projection [WHERE expr]`.
    With(Projection),
    /// `RETURN projection`.
    Return(Projection),
    /// `CREATE pattern`.
    Create(Vec<PatternPart>),
    /// `MERGE part [ON CREATE SET ...] [ON MATCH SET ...]`.
    Merge {
        /// The single pattern part to find or create.
        pattern: PatternPart,
        /// Items of `ON CREATE SET`.
        on_create: Vec<SetItem>,
        /// Items of `ON MATCH SET`.
        on_match: Vec<SetItem>,
    },
    /// `SET item, ...`.
    Set(Vec<SetItem>),
    /// `REMOVE item, ...`.
    Remove(Vec<RemoveItem>),
    /// `[DETACH] DELETE expr, ...`.
    Delete {
        /// `DETACH DELETE` when true.
        detach: bool,
        /// What to delete: nodes, relationships, paths (or null, which is ignored).
        exprs: Vec<Expr>,
    },
}

impl Clause {
    /// True for the clauses that change the graph (`CREATE`, `MERGE`, `SET`, `REMOVE`,
    /// `DELETE`).
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Clause::Create(_)
                | Clause::Merge { .. }
                | Clause::Set(_)
                | Clause::Remove(_)
                | Clause::Delete { .. }
        )
    }
}

/// The body of `WITH` and `RETURN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// `*`: carry every variable in scope (before the items, if any).
    pub star: bool,
    /// The projected items.
    pub items: Vec<ProjectionItem>,
    /// `ORDER BY` items.
    pub order_by: Vec<SortItem>,
    /// `SKIP` expression.
    pub skip: Option<Expr>,
    /// `LIMIT` expression.
    pub limit: Option<Expr>,
    /// `WHERE` after `WITH` (always `None` for `RETURN`).
    pub filter: Option<Expr>,
}

/// One item of a projection: `expr [AS alias]`.
#[derive(Debug, Clone)]
pub struct ProjectionItem {
    /// The expression.
    pub expr: Expr,
    /// The alias after `AS`.
    pub alias: Option<String>,
    /// The expression's source text, trimmed: the column name when there is no alias.
    pub text: String,
}

impl ProjectionItem {
    /// The column name: the alias, else the source text.
    pub fn name(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.text)
    }
}

impl PartialEq for ProjectionItem {
    fn eq(&self, other: &Self) -> bool {
        // The source text is presentation: printing may respell it, so it is not compared.
        self.expr == other.expr && self.alias == other.alias
    }
}

/// An `ORDER BY` item.
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    /// The sort key.
    pub expr: Expr,
    /// `DESC` / `DESCENDING` when true.
    pub descending: bool,
}

/// `[var =] [shortestPath|allShortestPaths](element)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    /// The path variable, `p` in `p = (a)-->(b)`.
    pub var: Option<String>,
    /// Plain, `shortestPath` or `allShortestPaths`.
    pub kind: PathKind,
    /// The chain of nodes and relationships.
    pub element: PatternElement,
}

/// How a pattern part is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Every match.
    Plain,
    /// `shortestPath(...)`: one shortest match per pair of endpoints.
    Shortest,
    /// `allShortestPaths(...)`: every shortest match per pair of endpoints.
    AllShortest,
}

/// `(a)-[r]->(b)<-[s]-(c)...`
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    /// The first node.
    pub start: NodePattern,
    /// Each following relationship and the node it leads to.
    pub chain: Vec<(RelPattern, NodePattern)>,
}

/// `(var:Label1:Label2 {key: value})`.
#[derive(Debug, Clone)]
pub struct NodePattern {
    /// The variable, if named.
    pub var: Option<String>,
    /// The labels, all of which must be present.
    pub labels: Vec<String>,
    /// A map literal or parameter the properties must equal.
    pub properties: Option<Expr>,
    /// Where the pattern is in the text.
    pub span: Span,
}

/// `-[var:TYPE1|TYPE2*min..max {key: value}]->`.
#[derive(Debug, Clone)]
pub struct RelPattern {
    /// The variable, if named.
    pub var: Option<String>,
    /// Alternative types; empty means any type.
    pub types: Vec<String>,
    /// A map literal or parameter the properties must equal.
    pub properties: Option<Expr>,
    /// Which way the arrow points.
    pub direction: Direction,
    /// `Some` for a variable-length relationship (`*`, `*2`, `*1..5`, `*..3`).
    pub length: Option<LengthRange>,
    /// Where the pattern is in the text.
    pub span: Span,
}

/// Direction of a relationship pattern relative to the text order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `-->`: from the left node to the right node.
    Outgoing,
    /// `<--`: from the right node to the left node.
    Incoming,
    /// `--`: either way.
    Both,
}

/// Bounds of a variable-length relationship; `None` means unbounded (min defaults to 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthRange {
    /// Minimum number of hops.
    pub min: Option<u64>,
    /// Maximum number of hops.
    pub max: Option<u64>,
}

/// An item of `SET`.
#[derive(Debug, Clone, PartialEq)]
pub enum SetItem {
    /// `target.key = value` (target is any expression yielding a node or relationship).
    Property {
        /// The entity expression (usually a variable).
        target: Expr,
        /// The key.
        key: String,
        /// The new value; `null` removes the property.
        value: Expr,
    },
    /// `var = map` (replace all properties).
    Replace {
        /// The variable.
        var: String,
        /// The map, node or relationship whose properties are copied.
        value: Expr,
    },
    /// `var += map` (merge properties).
    Merge {
        /// The variable.
        var: String,
        /// The map to merge in.
        value: Expr,
    },
    /// `var:Label1:Label2`.
    Labels {
        /// The variable.
        var: String,
        /// The labels to add.
        labels: Vec<String>,
    },
}

/// An item of `REMOVE`.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    /// `target.key`.
    Property {
        /// The entity expression.
        target: Expr,
        /// The key.
        key: String,
    },
    /// `var:Label1:Label2`.
    Labels {
        /// The variable.
        var: String,
        /// The labels to remove.
        labels: Vec<String>,
    },
}

/// An expression with its position in the text.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where it is in the text.
    pub span: Span,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl PartialEq for NodePattern {
    fn eq(&self, other: &Self) -> bool {
        self.var == other.var && self.labels == other.labels && self.properties == other.properties
    }
}

impl PartialEq for RelPattern {
    fn eq(&self, other: &Self) -> bool {
        self.var == other.var
            && self.types == other.types
            && self.properties == other.properties
            && self.direction == other.direction
            && self.length == other.length
    }
}

impl Expr {
    /// An expression at a span.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `null`, `true`, `42`, `4.2`, `'text'` (only these scalar values appear here).
    Literal(Value),
    /// `$name`.
    Parameter(String),
    /// A variable.
    Variable(String),
    /// `[a, b, c]`.
    List(Vec<Expr>),
    /// `{key: value, ...}` in source order.
    Map(Vec<(String, Expr)>),
    /// `expr.key`.
    Property(Box<Expr>, String),
    /// `expr[index]`.
    Index(Box<Expr>, Box<Expr>),
    /// `expr[from..to]`, either bound optional.
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// A prefix operator.
    Unary(UnaryOp, Box<Expr>),
    /// An infix operator. A chain `a < b < c` is parsed as `a < b AND b < c`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `expr IS NULL` (false) / `expr IS NOT NULL` (true).
    IsNull(Box<Expr>, bool),
    /// `expr:Label1:Label2` (a label predicate).
    HasLabels(Box<Expr>, Vec<String>),
    /// A function call `name([DISTINCT] args)`; `name` keeps its spelling (namespaced: `a.b`).
    Call {
        /// The function name as written.
        name: String,
        /// `DISTINCT` inside an aggregate.
        distinct: bool,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`.
    CountStar,
    /// `CASE [subject] WHEN .. THEN .. [ELSE ..] END`.
    Case {
        /// The value compared against each `WHEN` (simple form), or `None` (generic form).
        subject: Option<Box<Expr>>,
        /// `(when, then)` pairs.
        whens: Vec<(Expr, Expr)>,
        /// The `ELSE` value.
        otherwise: Option<Box<Expr>>,
    },
    /// `[var IN list WHERE filter | map]`.
    ListComprehension {
        /// The element variable.
        var: String,
        /// The source list.
        list: Box<Expr>,
        /// The `WHERE` filter.
        filter: Option<Box<Expr>>,
        /// The `|` projection.
        map: Option<Box<Expr>>,
    },
    /// `all|any|none|single(var IN list WHERE predicate)`.
    Quantifier {
        /// Which quantifier.
        kind: Quantifier,
        /// The element variable.
        var: String,
        /// The source list.
        list: Box<Expr>,
        /// The predicate.
        predicate: Box<Expr>,
    },
    /// `[(a)-->(b) WHERE filter | map]`.
    PatternComprehension {
        /// The optional path variable.
        var: Option<String>,
        /// The pattern.
        element: Box<PatternElement>,
        /// The `WHERE` filter.
        filter: Option<Box<Expr>>,
        /// The projection.
        map: Box<Expr>,
    },
    /// A pattern used as a predicate: `(a)-[:T]->(b)` in `WHERE`, or `exists((a)-->())`.
    PatternPredicate(Box<PatternElement>),
    /// `EXISTS { ... }`: true when the subquery finds something.
    ExistsSubquery(Box<ExistsBody>),
}

/// What an `EXISTS { ... }` holds.
#[derive(Debug, Clone, PartialEq)]
#[expect(clippy::large_enum_variant, reason = "it always sits behind the Box of ExprKind::ExistsSubquery")]
pub enum ExistsBody {
    /// The short form: a pattern, which may bind new variables, and a `WHERE` over them.
    Pattern {
        /// The pattern.
        element: PatternElement,
        /// The `WHERE` filter.
        filter: Option<Expr>,
    },
    /// The full form: clauses, as in a query (`MATCH ... RETURN ...`).
    Query(SingleQuery),
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT`.
    Not,
    /// `-`.
    Negate,
    /// `+`.
    Plus,
}

/// Infix operators, loosest binding first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `OR`.
    Or,
    /// `XOR`.
    Xor,
    /// `AND`.
    And,
    /// `=`.
    Eq,
    /// `<>`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `=~` (regular expression match of the whole string).
    Regex,
    /// `STARTS WITH`.
    StartsWith,
    /// `ENDS WITH`.
    EndsWith,
    /// `CONTAINS`.
    Contains,
    /// `IN`.
    In,
    /// `+` (numbers, strings, lists).
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%`.
    Mod,
    /// `^`.
    Pow,
}

/// List quantifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    /// `all(...)`.
    All,
    /// `any(...)`.
    Any,
    /// `none(...)`.
    None,
    /// `single(...)`.
    Single,
}

/// Parses one Cypher (or phrase) statement into the AST without resolving entity names, for
/// tools that want to inspect or print queries. `statement.to_string()` prints canonical Cypher.
///
/// ```
/// let statement = demarche::ast::parse_cypher("match (n:Person) return n.name").unwrap();
/// assert_eq!(statement.to_string(), "MATCH (n:Person) RETURN n.name");
/// ```
pub fn parse_cypher(text: &str) -> Result<Statement, crate::error::Error> {
    struct AsTyped;
    impl crate::query::syntax::Resolve for AsTyped {
        fn resolve(&self, reference: &str, _span: Span) -> Result<String, crate::error::SemanticError> {
            Ok(reference.to_owned())
        }
    }
    crate::query::syntax::parse(text, &AsTyped)
}
