//! AST → plan: resolves variables to row slots, checks semantics, chooses where patterns start.
//!
//! Sits between `syntax` (which produced the AST) and `exec` (which runs the plan). It reads the
//! graph only for statistics (label counts) to pick a starting point; it never changes the graph
//! and never sees query text beyond spans for error messages.

use crate::error::{Error, SemanticError, SemanticKind, Span};
use crate::graph::PropKey;
use crate::model::Value;
use crate::query::ast::{self, BinaryOp, Direction, PathKind, Quantifier, UnaryOp};

/// The default upper bound of an unbounded variable-length relationship (`*`, `*2..`).
pub const DEFAULT_MAX_HOPS: u64 = 32;

/// A compiled expression: variables are row slots, functions are resolved.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A constant.
    Lit(Value),
    /// A query parameter, looked up at run time.
    Param(String),
    /// The value in a row slot.
    Slot(usize),
    /// A list literal.
    List(Vec<Expr>),
    /// A map literal.
    Map(Vec<(String, Expr)>),
    /// Property access; the key remembers its symbol in the graph it is read in.
    Prop(Box<Expr>, PropKey),
    /// `list[i]` / `map[key]`.
    Index(Box<Expr>, Box<Expr>),
    /// `list[a..b]`.
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// A prefix operator.
    Unary(UnaryOp, Box<Expr>),
    /// An infix operator.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `IS [NOT] NULL` (true for NOT).
    IsNull(Box<Expr>, bool),
    /// Label predicate.
    HasLabels(Box<Expr>, Vec<String>),
    /// A scalar function call.
    Call(String, Vec<Expr>),
    /// The result of aggregate number `i` of the enclosing projection.
    Agg(usize),
    /// `CASE`.
    Case(Option<Box<Expr>>, Vec<(Expr, Expr)>, Option<Box<Expr>>),
    /// `[x IN list WHERE f | m]`: the element goes to `slot`.
    ListComp {
        /// Where the element is bound.
        slot: usize,
        /// The source list.
        list: Box<Expr>,
        /// `WHERE`.
        filter: Option<Box<Expr>>,
        /// `|` projection.
        map: Option<Box<Expr>>,
    },
    /// `all/any/none/single(x IN list WHERE p)`.
    Quant {
        /// Which quantifier.
        kind: Quantifier,
        /// Where the element is bound.
        slot: usize,
        /// The source list.
        list: Box<Expr>,
        /// The predicate.
        predicate: Box<Expr>,
    },
    /// A pattern as a predicate (`exists(...)`, `EXISTS { ... }`): true when it has at least
    /// one match for which `filter`, if any, holds.
    Exists {
        /// The pattern.
        pattern: Box<PatternPlan>,
        /// `WHERE`, over the pattern's variables and those bound before.
        filter: Option<Box<Expr>>,
        /// The slots bound where the expression stands (see `PatternComp::outer`).
        outer: usize,
    },
    /// `EXISTS { ... }` holding clauses: true when the steps, run from the current row, give
    /// at least one row.
    ExistsQuery {
        /// The subquery's steps.
        ops: Box<[Op]>,
        /// The slots bound where the expression stands (see `PatternComp::outer`).
        outer: usize,
    },
    /// `[pattern WHERE f | m]`.
    PatternComp {
        /// The pattern.
        pattern: Box<PatternPlan>,
        /// `WHERE`.
        filter: Option<Box<Expr>>,
        /// The projection.
        map: Box<Expr>,
        /// How many slots were bound where the expression stands: the nested pattern's own
        /// variables come after them. The row it is evaluated on may be longer (a property
        /// map is evaluated before its node is bound, a sort after `DISTINCT` sees the input
        /// beside the columns), and only these slots may count as bound.
        outer: usize,
    },
}

/// An aggregate computed by a projection.
#[derive(Debug, Clone)]
pub struct Aggregate {
    /// `count`, `sum`, `avg`, `min`, `max`, `collect`, ... (lower case), or `count(*)` as `count*`.
    pub func: String,
    /// `DISTINCT` inside the call.
    pub distinct: bool,
    /// The argument (absent for `count(*)`).
    pub arg: Option<Expr>,
    /// Extra arguments (percentile of `percentileCont`).
    pub extra: Vec<Expr>,
}

/// A node in a pattern.
#[derive(Debug, Clone)]
pub struct NodePlan {
    /// The row slot holding the node (bound already, or bound by the match).
    pub slot: usize,
    /// Labels that must be present.
    pub labels: Vec<String>,
    /// Properties that must be equal (or are set, for CREATE).
    pub props: Option<Expr>,
    /// Where the search may find this node's candidates, from a conjunct its `MATCH`'s
    /// `WHERE` keeps checking (see [`Seek`]).
    pub seek: Option<Seek>,
}

/// A conjunct of a `MATCH`'s `WHERE` that names the nodes a pattern node can be, so that the
/// search can start from them instead of a scan. The conjunct stays in the filter: the seek
/// only has to give every node that satisfies it (and may give more).
#[derive(Debug, Clone)]
pub enum Seek {
    /// `id(v) = value`.
    Id(Expr),
    /// `id(r) = value` for a relationship `r` beside this node: the relationship's two ends.
    EndsOf(Expr),
    /// `v.key IN list`: through the name index or a property index, element by element.
    In(String, Expr),
}

/// A relationship in a pattern.
#[derive(Debug, Clone)]
pub struct RelPlan {
    /// The row slot holding the relationship (a list of them when variable-length).
    pub slot: usize,
    /// Allowed types (empty: any).
    pub types: Vec<String>,
    /// Direction relative to the pattern's text order.
    pub direction: Direction,
    /// `(min, max)` hops when variable-length.
    pub length: Option<(u64, u64)>,
    /// Properties that must be equal (or are set, for CREATE).
    pub props: Option<Expr>,
}

/// One pattern part: `nodes[0] rels[0] nodes[1] ...`.
#[derive(Debug, Clone)]
pub struct PatternPlan {
    /// The path variable's slot.
    pub path_slot: Option<usize>,
    /// Plain, shortest or all shortest.
    pub kind: PathKind,
    /// The nodes, `rels.len() + 1` of them.
    pub nodes: Vec<NodePlan>,
    /// The relationships between them.
    pub rels: Vec<RelPlan>,
}

/// A sort key of a projection.
#[derive(Debug, Clone)]
pub struct SortKey {
    /// Evaluated against the projection's sort scope.
    pub expr: Expr,
    /// Descending order.
    pub descending: bool,
}

/// `WITH` / `RETURN`.
#[derive(Debug, Clone)]
pub struct ProjectPlan {
    /// The output expressions, evaluated against the input row (with `Agg(i)` filled in).
    pub items: Vec<Expr>,
    /// Output column names.
    pub columns: Vec<String>,
    /// Indices of items that are grouping keys, when aggregating.
    pub group_keys: Vec<usize>,
    /// The aggregates, when aggregating.
    pub aggregates: Vec<Aggregate>,
    /// `DISTINCT`.
    pub distinct: bool,
    /// Sort keys, evaluated on the output row extended by the input row (slots `columns.len()..`).
    pub order_by: Vec<SortKey>,
    /// `SKIP`.
    pub skip: Option<Expr>,
    /// `LIMIT`.
    pub limit: Option<Expr>,
    /// `WHERE` after `WITH`, evaluated on the output row, extended by the input row when
    /// `extended`.
    pub filter: Option<Expr>,
    /// Rows carry their input row after the output columns until `WHERE` has run (no grouping,
    /// no `DISTINCT`), so `WHERE` can read variables bound before the `WITH`.
    pub extended: bool,
}

/// An item of `SET`.
#[derive(Debug, Clone)]
pub enum SetOp {
    /// `e.key = value`.
    Property(Expr, String, Expr),
    /// `v = map` (replace) or `v += map` (merge).
    Properties(usize, Expr, bool),
    /// `v:Labels`.
    Labels(usize, Vec<String>),
    /// `REMOVE v:Labels`.
    RemoveLabels(usize, Vec<String>),
}

/// One step of a single query. Steps that bind variables append slots to the row.
#[derive(Debug, Clone)]
pub enum Op {
    /// `[OPTIONAL] MATCH`.
    Match {
        /// `OPTIONAL`.
        optional: bool,
        /// The pattern parts, in matching order.
        patterns: Vec<PatternPlan>,
        /// `WHERE`.
        filter: Option<Expr>,
        /// The slots this match binds (null for an optional match that found nothing).
        new_slots: Vec<usize>,
    },
    /// `UNWIND expr AS var` into `slot`.
    Unwind(Expr, usize),
    /// `WITH` / `RETURN`: replaces the row.
    Project(ProjectPlan),
    /// `CREATE`.
    Create(Vec<PatternPlan>),
    /// `MERGE`.
    Merge {
        /// The pattern.
        pattern: PatternPlan,
        /// `ON CREATE SET`.
        on_create: Vec<SetOp>,
        /// `ON MATCH SET`.
        on_match: Vec<SetOp>,
    },
    /// `SET` / `REMOVE`.
    Set(Vec<SetOp>),
    /// `[DETACH] DELETE`.
    Delete(Vec<Expr>, bool),
}

impl Expr {
    /// True when the expression has the same value for every match of a pattern that binds
    /// slots `bound` and above, and cannot fail: literals, parameters, slots below `bound`, and
    /// lists and maps of them.
    pub fn is_fixed(&self, bound: usize) -> bool {
        match self {
            Expr::Lit(_) | Expr::Param(_) => true,
            Expr::Slot(s) => *s < bound,
            Expr::List(items) => items.iter().all(|x| x.is_fixed(bound)),
            Expr::Map(items) => items.iter().all(|(_, x)| x.is_fixed(bound)),
            _ => false,
        }
    }
}

impl Op {
    /// True for steps that change the graph.
    pub fn writes(&self) -> bool {
        matches!(self, Op::Create(_) | Op::Merge { .. } | Op::Set(_) | Op::Delete(..))
    }

    /// A one-line description for `EXPLAIN` / `PROFILE`.
    pub fn describe(&self) -> String {
        match self {
            Op::Match { optional, patterns, filter, .. } => format!(
                "{}Match {} pattern part(s){}",
                if *optional { "Optional" } else { "" },
                patterns.len(),
                if filter.is_some() { " with filter" } else { "" }
            ),
            Op::Unwind(..) => "Unwind".into(),
            Op::Project(p) if !p.aggregates.is_empty() => {
                format!(
                    "Aggregate {} grouping key(s), {} aggregate(s)",
                    p.group_keys.len(),
                    p.aggregates.len()
                )
            }
            Op::Project(p) => format!("Project {}", p.columns.join(", ")),
            Op::Create(p) => format!("Create {} pattern part(s)", p.len()),
            Op::Merge { .. } => "Merge".into(),
            Op::Set(items) => format!("Set {} item(s)", items.len()),
            Op::Delete(items, detach) => {
                format!("{}Delete {} item(s)", if *detach { "Detach" } else { "" }, items.len())
            }
        }
    }
}

/// A planned single query.
#[derive(Debug, Clone)]
pub struct SinglePlan {
    /// The steps, in order.
    pub ops: Vec<Op>,
    /// Output columns (empty for a query without `RETURN`).
    pub columns: std::sync::Arc<[String]>,
}

/// A planned query: single queries joined by `UNION`.
#[derive(Debug, Clone)]
pub struct QueryPlan {
    /// The single queries.
    pub parts: Vec<SinglePlan>,
    /// For each join, true for `UNION ALL`.
    pub union_all: Vec<bool>,
    /// True when some step writes.
    pub writes: bool,
}

/// What kind of thing a variable holds, as far as the planner knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Node,
    Rel,
    RelList,
    Path,
    /// A value whose type is known before running (from a literal), never null.
    Value(Static),
    Any,
}

/// The type of a value known at planning time, used to reject type errors at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Static {
    Bool,
    Int,
    Float,
    Str,
    List,
    Map,
    Node,
    Rel,
    Path,
}

#[derive(Debug, Clone, Default)]
struct Scope {
    vars: Vec<(String, Kind)>,
}

impl Scope {
    fn lookup(&self, name: &str) -> Option<(usize, Kind)> {
        self.vars.iter().rposition(|(n, _)| n == name).map(|i| (i, self.vars[i].1))
    }

    fn add(&mut self, name: &str, kind: Kind) -> usize {
        self.vars.push((name.to_owned(), kind));
        self.vars.len() - 1
    }

    fn hidden(&mut self, kind: Kind) -> usize {
        let name = format!(" hidden{}", self.vars.len());
        self.add(&name, kind)
    }

    fn visible(&self) -> impl Iterator<Item = (usize, &str)> {
        self.vars
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| !n.starts_with(' '))
            .map(|(i, (n, _))| (i, n.as_str()))
    }
}

fn semantic(kind: SemanticKind, message: impl Into<String>, span: Span) -> Error {
    Error::Semantic(SemanticError::new(kind, message, Some(span)))
}

/// Plans a query.
pub fn plan(query: &ast::Query) -> Result<QueryPlan, Error> {
    let mut parts = vec![plan_single(&query.first)?];
    let mut union_all = Vec::new();
    for (all, single) in &query.unions {
        let part = plan_single(single)?;
        if part.columns != parts[0].columns {
            return Err(Error::Semantic(SemanticError::new(
                SemanticKind::DifferentColumnsInUnion,
                "all sub queries in a UNION must return the same column names",
                None,
            )));
        }
        union_all.push(*all);
        parts.push(part);
    }
    let writes = parts.iter().any(|p| p.ops.iter().any(Op::writes));
    Ok(QueryPlan { parts, union_all, writes })
}

fn plan_single(query: &ast::SingleQuery) -> Result<SinglePlan, Error> {
    let mut planner = Planner { scope: Scope::default() };
    let (ops, columns) = planner.clauses(&query.clauses)?;
    let ends_well = matches!(query.clauses.last(), Some(ast::Clause::Return(_)))
        || query.clauses.iter().any(ast::Clause::writes);
    if !ends_well {
        return Err(Error::Semantic(SemanticError::new(
            SemanticKind::Invalid,
            "a query must end with RETURN unless it changes the graph",
            None,
        )));
    }
    Ok(SinglePlan { ops, columns: columns.into() })
}

struct Planner {
    scope: Scope,
}

impl Planner {
    /// Plans the clauses of an `EXISTS { ... }` as steps that continue the current row: they
    /// see every variable bound so far, and bind theirs after them. A `RETURN`, if any, comes
    /// last. The scope is as before afterwards.
    fn subquery(&mut self, query: &ast::SingleQuery) -> Result<Box<[Op]>, Error> {
        let outer = self.scope.clone();
        // A name of the outer query may be matched again (that is how the subquery refers to
        // it) but not given another value: `UNWIND ... AS n` or `WITH m AS n` for an outer `n`.
        let shadows = |name: &str, span: Span| {
            let taken = outer.visible().any(|(_, n)| n == name);
            match taken {
                true => Err(semantic(
                    SemanticKind::VariableAlreadyBound,
                    format!(
                        "variable '{name}' is bound outside EXISTS {{ ... }}: give the new value another name"
                    ),
                    span,
                )),
                false => Ok(()),
            }
        };
        for clause in &query.clauses {
            match clause {
                ast::Clause::Unwind { expr, var } => shadows(var, expr.span)?,
                ast::Clause::With(p) => {
                    for item in &p.items {
                        let same = matches!(&item.expr.kind, ast::ExprKind::Variable(v) if Some(v) == item.alias.as_ref());
                        if let Some(alias) = item.alias.as_deref().filter(|_| !same) {
                            shadows(alias, item.expr.span)?;
                        }
                    }
                }
                _ => {}
            }
        }
        let planned = self.clauses(&query.clauses).map(|(ops, _)| ops.into_boxed_slice());
        self.scope = outer;
        planned
    }

    /// Plans clauses in order, a `RETURN` only as the last; returns the steps and the columns
    /// of that `RETURN` (none without one).
    fn clauses(&mut self, clauses: &[ast::Clause]) -> Result<(Vec<Op>, Vec<String>), Error> {
        let mut ops = Vec::with_capacity(clauses.len());
        let mut columns = Vec::new();
        for (i, clause) in clauses.iter().enumerate() {
            if let ast::Clause::Return(p) = clause {
                if i + 1 != clauses.len() {
                    return Err(Error::Semantic(SemanticError::new(
                        SemanticKind::Invalid,
                        "RETURN must be the last clause",
                        p.items.first().map(|it| it.expr.span),
                    )));
                }
                let (op, cols) = self.projection(p, true)?;
                columns = cols;
                ops.push(op);
            } else {
                ops.push(self.clause(clause)?);
            }
        }
        Ok((ops, columns))
    }
}

/// Moves each `v.key = value` of a `MATCH`'s `WHERE` (a conjunct of it) into the property map
/// of node `v` in the patterns, where the search can find `v` through the name index or a
/// property index instead of reading every candidate: `MATCH (n:Org) WHERE n.id = 5` runs as
/// `MATCH (n:Org {id: 5})`, which keeps exactly the same matches (both compare with Cypher's
/// `=`, and a null comparison keeps nothing). Only when `v` is a node the `MATCH` binds (slot
/// `first_new` or above) and meets only in plain pattern parts, and `value` reads nothing the
/// match binds and cannot fail (literals, parameters, variables bound before, lists and maps of
/// them). Every occurrence of `v` gets the entry, so whichever binds it checks it. Conjuncts
/// `id(v) = value` and `v.key IN list` stay in the filter, and give `v` a [`Seek`]. Returns what
/// is left of the filter.
fn push_equalities(filter: Expr, patterns: &mut [PatternPlan], first_new: usize) -> Option<Expr> {
    let mut conjuncts = Vec::new();
    split_and(filter, &mut conjuncts);
    let mut kept = Vec::new();
    for c in conjuncts {
        if let Some((slot, seek)) = seek_of(&c, first_new, patterns)
            && pushable_node(patterns, slot)
        {
            let nodes = patterns.iter_mut().flat_map(|p| p.nodes.iter_mut()).filter(|n| n.slot == slot);
            for node in nodes.filter(|n| n.seek.is_none()) {
                node.seek = Some(seek.clone());
            }
        }
        let Expr::Binary(BinaryOp::Eq, a, b) = &c else {
            kept.push(c);
            continue;
        };
        let pushed = [(a, b), (b, a)].into_iter().find_map(|(prop, value)| {
            let Expr::Prop(target, key) = &**prop else { return None };
            let Expr::Slot(slot) = **target else { return None };
            let fits = slot >= first_new && value.is_fixed(first_new) && pushable_node(patterns, slot);
            fits.then(|| (slot, key.clone(), (**value).clone()))
        });
        let Some((slot, key, value)) = pushed else {
            kept.push(c);
            continue;
        };
        let nodes = patterns.iter_mut().flat_map(|p| p.nodes.iter_mut()).filter(|n| n.slot == slot);
        for node in nodes {
            match &mut node.props {
                Some(Expr::Map(items)) => items.push((key.as_str().to_owned(), value.clone())),
                props => *props = Some(Expr::Map(vec![(key.as_str().to_owned(), value.clone())])),
            }
        }
    }
    kept.into_iter().reduce(|a, b| Expr::Binary(BinaryOp::And, Box::new(a), Box::new(b)))
}

/// The node slot and seek of a conjunct `id(v) = value` (either side) or `v.key IN list`, with
/// `v` bound by the match (slot `first_new` or above) and `value` / `list` fixed for it. For
/// `id(r) = value` with `r` a single relationship of a plain part, the seek goes to a node
/// beside `r` that the match binds.
fn seek_of(c: &Expr, first_new: usize, patterns: &[PatternPlan]) -> Option<(usize, Seek)> {
    let new_slot = |e: &Expr| match e {
        Expr::Slot(slot) if *slot >= first_new => Some(*slot),
        _ => None,
    };
    match c {
        Expr::Binary(BinaryOp::Eq, a, b) => [(a, b), (b, a)].into_iter().find_map(|(call, value)| {
            let Expr::Call(name, args) = &**call else { return None };
            let [arg] = args.as_slice() else { return None };
            let slot = new_slot(arg).filter(|_| name == "id" && value.is_fixed(first_new))?;
            let value = (**value).clone();
            let beside = patterns.iter().filter(|p| p.kind == PathKind::Plain).find_map(|p| {
                let i = p.rels.iter().position(|r| r.slot == slot && r.length.is_none())?;
                [&p.nodes[i], &p.nodes[i + 1]].into_iter().map(|n| n.slot).find(|s| *s >= first_new)
            });
            Some(match beside {
                Some(node) => (node, Seek::EndsOf(value)),
                None => (slot, Seek::Id(value)),
            })
        }),
        Expr::Binary(BinaryOp::In, x, list) => {
            let Expr::Prop(target, key) = &**x else { return None };
            let slot = new_slot(target).filter(|_| list.is_fixed(first_new))?;
            Some((slot, Seek::In(key.as_str().to_owned(), (**list).clone())))
        }
        _ => None,
    }
}

/// The conjuncts of `e`, in order.
fn split_and(e: Expr, out: &mut Vec<Expr>) {
    match e {
        Expr::Binary(BinaryOp::And, a, b) => {
            split_and(*a, out);
            split_and(*b, out);
        }
        other => out.push(other),
    }
}

/// True when `slot` is a node of `patterns` that appears only in plain parts, each time with no
/// property map or a map literal (to which an entry can be added).
fn pushable_node(patterns: &[PatternPlan], slot: usize) -> bool {
    let mut found = false;
    for p in patterns {
        for n in p.nodes.iter().filter(|n| n.slot == slot) {
            if p.kind != PathKind::Plain || !matches!(n.props, None | Some(Expr::Map(_))) {
                return false;
            }
            found = true;
        }
    }
    found
}

impl Planner {
    fn clause(&mut self, clause: &ast::Clause) -> Result<Op, Error> {
        match clause {
            ast::Clause::Match { optional, pattern, filter } => {
                self.match_clause(*optional, pattern, filter.as_ref())
            }
            ast::Clause::Unwind { expr, var } => {
                let expr = self.expr(expr, false)?;
                let slot = self.scope.add(var, Kind::Any);
                Ok(Op::Unwind(expr, slot))
            }
            ast::Clause::With(p) => Ok(self.projection(p, false)?.0),
            ast::Clause::Return(p) => Ok(self.projection(p, true)?.0),
            ast::Clause::Create(parts) => self.create_clause(parts),
            ast::Clause::Merge { pattern, on_create, on_match } => {
                self.check_creatable(pattern, true)?;
                let pattern = self.pattern_part(pattern, true)?;
                let on_create = on_create.iter().map(|s| self.set_item(s)).collect::<Result<_, _>>()?;
                let on_match = on_match.iter().map(|s| self.set_item(s)).collect::<Result<_, _>>()?;
                Ok(Op::Merge { pattern, on_create, on_match })
            }
            ast::Clause::Set(items) => {
                Ok(Op::Set(items.iter().map(|s| self.set_item(s)).collect::<Result<_, _>>()?))
            }
            ast::Clause::Remove(items) => {
                Ok(Op::Set(items.iter().map(|r| self.remove_item(r)).collect::<Result<_, _>>()?))
            }
            ast::Clause::Delete { detach, exprs } => {
                if let Some(e) = exprs.iter().find(|e| matches!(e.kind, ast::ExprKind::HasLabels(..))) {
                    return Err(semantic(
                        SemanticKind::InvalidDelete,
                        "DELETE removes nodes, relationships and paths; use REMOVE for labels",
                        e.span,
                    ));
                }
                let exprs = exprs.iter().map(|e| self.expr(e, false)).collect::<Result<_, _>>()?;
                Ok(Op::Delete(exprs, *detach))
            }
        }
    }

    fn match_clause(
        &mut self,
        optional: bool,
        pattern: &[ast::PatternPart],
        filter: Option<&ast::Expr>,
    ) -> Result<Op, Error> {
        let before = self.scope.vars.len();
        let mut patterns = Vec::new();
        for part in pattern {
            patterns.push(self.pattern_part(part, false)?);
        }
        let filter = filter.map(|f| self.predicate(f)).transpose()?;
        let filter = filter.and_then(|f| push_equalities(f, &mut patterns, before));
        let new_slots = (before..self.scope.vars.len()).collect();
        Ok(Op::Match { optional, patterns, filter, new_slots })
    }

    fn create_clause(&mut self, parts: &[ast::PatternPart]) -> Result<Op, Error> {
        let mut plans = Vec::new();
        for part in parts {
            self.check_creatable(part, false)?;
            plans.push(self.pattern_part(part, true)?);
        }
        Ok(Op::Create(plans))
    }

    /// The rules for a pattern `CREATE` or `MERGE` may create: one type and a direction per
    /// relationship (`MERGE` may leave the direction open), no variable length, and a bound node
    /// only as an endpoint without new labels or properties.
    fn check_creatable(&self, part: &ast::PatternPart, merging: bool) -> Result<(), Error> {
        let element = &part.element;
        for (r, _) in &element.chain {
            let problem = if r.var.as_ref().is_some_and(|v| self.scope.lookup(v).is_some()) {
                Some((SemanticKind::VariableAlreadyBound, "a relationship variable is already bound"))
            } else if r.types.len() != 1 {
                Some((
                    SemanticKind::NoSingleRelationshipType,
                    "a relationship created must have exactly one type",
                ))
            } else if r.length.is_some() {
                Some((SemanticKind::CreatingVarLength, "a created relationship cannot be variable-length"))
            } else if r.direction == Direction::Both && !merging {
                Some((SemanticKind::Invalid, "a created relationship must have a direction"))
            } else if matches!(r.properties.as_ref().map(|p| &p.kind), Some(ast::ExprKind::Parameter(_))) {
                Some((
                    SemanticKind::InvalidParameterUse,
                    "a parameter cannot stand for a relationship's properties here",
                ))
            } else {
                None
            };
            if let Some((kind, message)) = problem {
                return Err(semantic(kind, message, r.span));
            }
        }
        let nodes = std::iter::once(&element.start).chain(element.chain.iter().map(|(_, n)| n));
        for node in nodes {
            let Some(var) = &node.var else { continue };
            let bound = self.scope.lookup(var).is_some();
            if bound && (element.chain.is_empty() || !node.labels.is_empty() || node.properties.is_some()) {
                return Err(semantic(
                    SemanticKind::VariableAlreadyBound,
                    format!("variable '{var}' is already bound; it cannot be created again"),
                    node.span,
                ));
            }
        }
        Ok(())
    }

    fn pattern_part(&mut self, part: &ast::PatternPart, creating: bool) -> Result<PatternPlan, Error> {
        let element = &part.element;
        let mut nodes = vec![self.node_pattern(&element.start)?];
        let mut rels = Vec::new();
        for (rel, node) in &element.chain {
            rels.push(self.rel_pattern(rel, creating)?);
            nodes.push(self.node_pattern(node)?);
        }
        let path_slot = match &part.var {
            Some(var) => {
                if self.scope.lookup(var).is_some() {
                    return Err(semantic(
                        SemanticKind::VariableAlreadyBound,
                        format!("variable '{var}' is already bound"),
                        element.start.span,
                    ));
                }
                Some(self.scope.add(var, Kind::Path))
            }
            None => None,
        };
        if part.kind != PathKind::Plain && rels.len() != 1 {
            return Err(semantic(
                SemanticKind::Invalid,
                "shortestPath needs a pattern with exactly one relationship",
                element.start.span,
            ));
        }
        Ok(PatternPlan { path_slot, kind: part.kind, nodes, rels })
    }

    fn node_pattern(&mut self, node: &ast::NodePattern) -> Result<NodePlan, Error> {
        if let Some(p @ ast::Expr { kind: ast::ExprKind::Parameter(_), .. }) = &node.properties {
            return Err(semantic(
                SemanticKind::InvalidParameterUse,
                "a parameter cannot stand for a node's properties in a pattern; write {key: $param}",
                p.span,
            ));
        }
        let props = node.properties.as_ref().map(|p| self.expr(p, false)).transpose()?;
        let (slot, _) = self.bind(node.var.as_deref(), Kind::Node, node.span)?;
        Ok(NodePlan { slot, labels: node.labels.clone(), props, seek: None })
    }

    fn rel_pattern(&mut self, rel: &ast::RelPattern, creating: bool) -> Result<RelPlan, Error> {
        let props = rel.properties.as_ref().map(|p| self.expr(p, false)).transpose()?;
        let kind = if rel.length.is_some() { Kind::RelList } else { Kind::Rel };
        let (slot, bound) = self.bind(rel.var.as_deref(), kind, rel.span)?;
        if bound && creating {
            return Err(semantic(
                SemanticKind::VariableAlreadyBound,
                "a relationship variable is already bound",
                rel.span,
            ));
        }
        let length = rel.length.map(|l| {
            let min = l.min.unwrap_or(1);
            (min, l.max.unwrap_or(DEFAULT_MAX_HOPS.max(min)))
        });
        Ok(RelPlan { slot, types: rel.types.clone(), direction: rel.direction, length, props })
    }

    /// Binds a pattern variable: reuses the slot of a bound one (checking its kind), or adds it.
    fn bind(&mut self, var: Option<&str>, kind: Kind, span: Span) -> Result<(usize, bool), Error> {
        let Some(var) = var else { return Ok((self.scope.hidden(kind), false)) };
        match self.scope.lookup(var) {
            Some((slot, existing)) => {
                let compatible = existing == kind
                    || existing == Kind::Any
                    || (existing == Kind::Value(Static::List) && kind == Kind::RelList);
                if !compatible {
                    return Err(semantic(
                        SemanticKind::VariableTypeConflict,
                        format!("variable '{var}' is already bound to a {existing:?}, not a {kind:?}"),
                        span,
                    ));
                }
                Ok((slot, true))
            }
            None => Ok((self.scope.add(var, kind), false)),
        }
    }

    fn set_item(&mut self, item: &ast::SetItem) -> Result<SetOp, Error> {
        Ok(match item {
            ast::SetItem::Property { target, key, value } => {
                SetOp::Property(self.expr(target, false)?, key.clone(), self.expr(value, false)?)
            }
            ast::SetItem::Replace { var, value } => {
                SetOp::Properties(self.var_slot(var)?, self.expr(value, false)?, true)
            }
            ast::SetItem::Merge { var, value } => {
                SetOp::Properties(self.var_slot(var)?, self.expr(value, false)?, false)
            }
            ast::SetItem::Labels { var, labels } => SetOp::Labels(self.var_slot(var)?, labels.clone()),
        })
    }

    fn remove_item(&mut self, item: &ast::RemoveItem) -> Result<SetOp, Error> {
        Ok(match item {
            ast::RemoveItem::Property { target, key } => {
                SetOp::Property(self.expr(target, false)?, key.clone(), Expr::Lit(Value::Null))
            }
            ast::RemoveItem::Labels { var, labels } => {
                SetOp::RemoveLabels(self.var_slot(var)?, labels.clone())
            }
        })
    }

    fn var_slot(&self, var: &str) -> Result<usize, Error> {
        self.scope.lookup(var).map(|(slot, _)| slot).ok_or_else(|| {
            Error::Semantic(SemanticError::new(
                SemanticKind::UndefinedVariable,
                format!("variable '{var}' is not defined"),
                None,
            ))
        })
    }
}

mod expr;
mod projection;

#[cfg(test)]
mod tests {
    use super::{Expr, Op, Seek, plan};
    use crate::query::ast::{Statement, parse_cypher};

    /// The last `MATCH` of `query`: the keys of its node property maps (by node) and whether a
    /// filter is left.
    fn last_match(query: &str) -> (Vec<Option<String>>, bool) {
        let Statement::Query(q) = parse_cypher(query).unwrap() else { panic!("not a query: {query}") };
        let plan = plan(&q).unwrap();
        let Some(Op::Match { patterns, filter, .. }) =
            plan.parts[0].ops.iter().rev().find(|op| matches!(op, Op::Match { .. }))
        else {
            panic!("no MATCH in {query}")
        };
        let keys = |e: &Expr| match e {
            Expr::Map(items) => items.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(","),
            _ => "?".into(),
        };
        let maps = patterns.iter().flat_map(|p| &p.nodes).map(|n| n.props.as_ref().map(keys)).collect();
        (maps, filter.is_some())
    }

    #[test]
    fn id_and_in_conjuncts_give_a_seek_and_stay_in_the_filter() {
        let seeks = |query: &str| {
            let Statement::Query(q) = parse_cypher(query).unwrap() else { panic!("not a query") };
            let plan = plan(&q).unwrap();
            let Some(Op::Match { patterns, filter, .. }) = plan.parts[0].ops.first() else {
                panic!("{query}")
            };
            assert!(filter.is_some(), "{query}");
            let seeks = patterns.iter().flat_map(|p| &p.nodes).map(|n| match &n.seek {
                Some(Seek::Id(_)) => "id".to_owned(),
                Some(Seek::EndsOf(_)) => "ends".to_owned(),
                Some(Seek::In(key, _)) => format!("in {key}"),
                None => "-".to_owned(),
            });
            seeks.collect::<Vec<_>>().join(" ")
        };
        assert_eq!(seeks("MATCH (n) WHERE id(n) = 3 RETURN n"), "id");
        assert_eq!(seeks("MATCH (n)-->(m) WHERE $p = id(m) RETURN n"), "- id");
        assert_eq!(seeks("MATCH (n:A)-->(m) WHERE n.k IN [1, 2] AND m.x > 0 RETURN n"), "in k -");
        assert_eq!(seeks("MATCH (n)-->(m) WHERE id(n) = id(m) RETURN n"), "- -");
        assert_eq!(seeks("MATCH (n)-->(m) WHERE n.k IN m.ks RETURN n"), "- -");
        assert_eq!(seeks("MATCH (n) WHERE id(n) = 1 OR id(n) = 2 RETURN n"), "-");
        assert_eq!(seeks("MATCH ()-[r]->() WHERE id(r) = 1 RETURN r"), "ends -");
        assert_eq!(seeks("MATCH (n)<-[r]-(m) WHERE $p = id(r) RETURN r"), "ends -");
        assert_eq!(seeks("MATCH (n)-[r*1..2]->(m) WHERE id(r) = 1 RETURN r"), "- -");
    }

    #[test]
    fn equalities_in_where_move_into_the_pattern_when_they_can() {
        let some = |s: &str| Some(s.to_owned());
        // Either side, with the rest of the filter kept.
        assert_eq!(last_match("MATCH (n:A) WHERE n.id = 5 RETURN n"), (vec![some("id")], false));
        assert_eq!(last_match("MATCH (n:A) WHERE 5 = n.id AND n.x > 1 RETURN n"), (vec![some("id")], true));
        assert_eq!(
            last_match("MATCH (n:A {k: 1})-->(m) WHERE n.id = $p AND m.name = 'x' RETURN n"),
            (vec![some("k,id"), some("name")], false)
        );
        // Every occurrence of a repeated node gets it.
        assert_eq!(
            last_match("MATCH (a)-->(b)-->(a) WHERE a.id = [1, 2] RETURN a"),
            (vec![some("id"), None, some("id")], false)
        );
        // A variable bound before may be the value, not the node.
        assert_eq!(
            last_match("WITH 1 AS one MATCH (n) WHERE n.id = one RETURN n"),
            (vec![some("id")], false)
        );
        assert_eq!(last_match("MATCH (n) WITH n MATCH (n)-->(m) WHERE n.id = 1 RETURN m").0[0], None);
        // Values that depend on the match or may fail, other operators, OR: left in the filter.
        for query in [
            "MATCH (n)-->(m) WHERE n.id = m.id RETURN n",
            "MATCH (n) WHERE n.id = 1 / 0 RETURN n",
            "MATCH (n) WHERE n.id = rand() RETURN n",
            "MATCH (n) WHERE n.id <> 1 RETURN n",
            "MATCH (n) WHERE n.id = 1 OR n.id = 2 RETURN n",
            "MATCH (n) WHERE NOT n.id = 1 RETURN n",
            "MATCH ()-[r]->() WHERE r.id = 1 RETURN r",
            "MATCH p = shortestPath((a)-[*]-(b)) WHERE a.id = 1 RETURN p",
        ] {
            let (maps, filtered) = last_match(query);
            assert!(filtered, "{query}");
            assert!(maps.iter().all(|m| m.as_deref() != Some("id")), "{query}: {maps:?}");
        }
    }
}
