//! Compiling AST expressions: variables to slots, aggregates to `Agg(i)`, functions checked.

use super::{Aggregate, Expr, Kind, Planner, Static, semantic};
use crate::error::{Error, SemanticKind};
use crate::graph::PropKey;
use crate::model::Value;
use crate::query::ast::{self, ExprKind};

/// Scalar functions and their arity (min, max); `usize::MAX` means any number.
const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("id", 1, 1),
    ("elementid", 1, 1),
    ("labels", 1, 1),
    ("type", 1, 1),
    ("keys", 1, 1),
    ("properties", 1, 1),
    ("size", 1, 1),
    ("length", 1, 1),
    ("nodes", 1, 1),
    ("relationships", 1, 1),
    ("startnode", 1, 1),
    ("endnode", 1, 1),
    ("coalesce", 1, usize::MAX),
    ("head", 1, 1),
    ("last", 1, 1),
    ("tail", 1, 1),
    ("range", 2, 3),
    ("reverse", 1, 1),
    ("tostring", 1, 1),
    ("tostringornull", 1, 1),
    ("tointeger", 1, 1),
    ("tointegerornull", 1, 1),
    ("tofloat", 1, 1),
    ("tofloatornull", 1, 1),
    ("toboolean", 1, 1),
    ("tobooleanornull", 1, 1),
    ("tolower", 1, 1),
    ("toupper", 1, 1),
    ("trim", 1, 1),
    ("ltrim", 1, 1),
    ("rtrim", 1, 1),
    ("substring", 2, 3),
    ("left", 2, 2),
    ("right", 2, 2),
    ("replace", 3, 3),
    ("split", 2, 2),
    ("abs", 1, 1),
    ("ceil", 1, 1),
    ("floor", 1, 1),
    ("round", 1, 3),
    ("sign", 1, 1),
    ("sqrt", 1, 1),
    ("exp", 1, 1),
    ("log", 1, 1),
    ("log10", 1, 1),
    ("sin", 1, 1),
    ("cos", 1, 1),
    ("tan", 1, 1),
    ("pi", 0, 0),
    ("e", 0, 0),
    ("rand", 0, 0),
    ("exists", 1, 1),
    ("date", 0, 1),
    ("timestamp", 0, 0),
    ("isempty", 1, 1),
    ("valuetype", 1, 1),
];

/// Aggregate functions (lower case).
pub const AGGREGATES: &[&str] =
    &["count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp", "percentilecont", "percentiledisc"];

/// Refuses an `EXISTS { ... }` subquery with a clause that writes, as Cypher does.
fn read_only(query: &ast::SingleQuery, span: crate::error::Span) -> Result<(), Error> {
    if query.clauses.iter().any(ast::Clause::writes) {
        return Err(semantic(
            SemanticKind::InvalidClauseComposition,
            "EXISTS { ... } cannot change the graph: its subquery may only read",
            span,
        ));
    }
    Ok(())
}

/// True when the expression contains an aggregate call (not looking inside nested scopes' patterns).
pub fn has_aggregate(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::CountStar => true,
        ExprKind::Call { name, args, .. } => {
            AGGREGATES.contains(&name.to_lowercase().as_str()) || args.iter().any(has_aggregate)
        }
        ExprKind::List(items) => items.iter().any(has_aggregate),
        ExprKind::Map(items) => items.iter().any(|(_, v)| has_aggregate(v)),
        ExprKind::Property(x, _)
        | ExprKind::Unary(_, x)
        | ExprKind::IsNull(x, _)
        | ExprKind::HasLabels(x, _) => has_aggregate(x),
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => has_aggregate(a) || has_aggregate(b),
        ExprKind::Slice(a, b, c) => {
            has_aggregate(a)
                || b.as_deref().is_some_and(has_aggregate)
                || c.as_deref().is_some_and(has_aggregate)
        }
        ExprKind::Case { subject, whens, otherwise } => {
            subject.as_deref().is_some_and(has_aggregate)
                || whens.iter().any(|(w, t)| has_aggregate(w) || has_aggregate(t))
                || otherwise.as_deref().is_some_and(has_aggregate)
        }
        ExprKind::ListComprehension { list, .. } | ExprKind::Quantifier { list, .. } => has_aggregate(list),
        _ => false,
    }
}

impl Planner {
    /// Compiles an expression in the current scope. With `aggs`, aggregate calls are collected
    /// there and replaced by `Expr::Agg`; without, an aggregate is an error.
    pub(super) fn expr(&mut self, e: &ast::Expr, _unused: bool) -> Result<Expr, Error> {
        self.expr_in(e, &mut None)
    }

    /// Compiles a `WHERE` predicate, rejecting values that can never be booleans.
    pub(super) fn predicate(&mut self, e: &ast::Expr) -> Result<Expr, Error> {
        self.expect_type(e, &[Static::Bool], "a boolean")?;
        self.expr(e, false)
    }

    /// The type of `e` when it is known before running: literals, list and map literals, and
    /// variables bound to entities or to such values.
    pub(super) fn static_type(&self, e: &ast::Expr) -> Option<Static> {
        match &e.kind {
            ExprKind::Literal(Value::Bool(_)) => Some(Static::Bool),
            ExprKind::Literal(Value::Int(_)) => Some(Static::Int),
            ExprKind::Literal(Value::Float(_)) => Some(Static::Float),
            ExprKind::Literal(Value::String(_)) => Some(Static::Str),
            ExprKind::List(_)
            | ExprKind::ListComprehension { .. }
            | ExprKind::PatternComprehension { .. } => Some(Static::List),
            ExprKind::PatternPredicate(_) | ExprKind::ExistsSubquery(_) => Some(Static::Bool),
            ExprKind::Map(_) => Some(Static::Map),
            ExprKind::Variable(name) => match self.scope.lookup(name)?.1 {
                Kind::Node => Some(Static::Node),
                Kind::Rel => Some(Static::Rel),
                Kind::RelList => Some(Static::List),
                Kind::Path => Some(Static::Path),
                Kind::Value(t) => Some(t),
                Kind::Any => None,
            },
            _ => None,
        }
    }

    /// What the elements of a list literal are, when they all have the same known type.
    fn element_kind(&self, list: &ast::Expr) -> Kind {
        let ExprKind::List(items) = &list.kind else { return Kind::Any };
        let mut types = items.iter().map(|x| self.static_type(x));
        let Some(Some(first)) = types.next() else { return Kind::Any };
        if !types.all(|t| t == Some(first)) {
            return Kind::Any;
        }
        match first {
            Static::Node => Kind::Node,
            Static::Rel => Kind::Rel,
            Static::Path => Kind::Path,
            other => Kind::Value(other),
        }
    }

    /// Fails at compile time when `e` has a known type outside `allowed`.
    fn expect_type(&self, e: &ast::Expr, allowed: &[Static], what: &str) -> Result<(), Error> {
        match self.static_type(e) {
            Some(t) if !allowed.contains(&t) => Err(semantic(
                SemanticKind::InvalidArgumentType,
                format!("expected {what}, got {}", static_name(t)),
                e.span,
            )),
            _ => Ok(()),
        }
    }

    /// The compile-time type checks of operators and functions whose operand types are known.
    fn check_types(&self, e: &ast::Expr) -> Result<(), Error> {
        use Static as S;
        use ast::BinaryOp as B;
        match &e.kind {
            ExprKind::Unary(ast::UnaryOp::Not, x) => self.expect_type(x, &[S::Bool], "a boolean"),
            ExprKind::Binary(B::And | B::Or | B::Xor, a, b) => {
                self.expect_type(a, &[S::Bool], "a boolean")?;
                self.expect_type(b, &[S::Bool], "a boolean")
            }
            ExprKind::Binary(B::Sub | B::Mul | B::Div | B::Mod | B::Pow, a, b) => {
                self.expect_type(a, &[S::Int, S::Float], "a number")?;
                self.expect_type(b, &[S::Int, S::Float], "a number")
            }
            ExprKind::Binary(B::In, _, list) => self.expect_type(list, &[S::List], "a list"),
            ExprKind::Property(x, _) => {
                self.expect_type(x, &[S::Map, S::Node, S::Rel], "a map, node or relationship")
            }
            ExprKind::Call { name, args, .. } if args.len() == 1 => {
                let allowed: &[Static] = match name.to_lowercase().as_str() {
                    "labels" => &[S::Node],
                    "type" | "startnode" | "endnode" => &[S::Rel],
                    "length" => &[S::Path],
                    "nodes" | "relationships" => &[S::Path],
                    "properties" | "keys" => &[S::Map, S::Node, S::Rel],
                    _ => return Ok(()),
                };
                self.expect_type(&args[0], allowed, &format!("an argument {name}() accepts"))
            }
            _ => Ok(()),
        }
    }

    pub(super) fn expr_in(
        &mut self,
        e: &ast::Expr,
        aggs: &mut Option<Vec<Aggregate>>,
    ) -> Result<Expr, Error> {
        self.check_types(e)?;
        let mut sub = |p: &mut Planner, x: &ast::Expr| p.expr_in(x, aggs);
        Ok(match &e.kind {
            ExprKind::Literal(v) => Expr::Lit(v.clone()),
            ExprKind::Parameter(name) => Expr::Param(name.clone()),
            ExprKind::Variable(name) => match self.scope.lookup(name) {
                Some((slot, _)) => Expr::Slot(slot),
                None => {
                    return Err(semantic(
                        SemanticKind::UndefinedVariable,
                        format!("variable '{name}' is not defined"),
                        e.span,
                    ));
                }
            },
            ExprKind::List(items) => {
                Expr::List(items.iter().map(|x| sub(self, x)).collect::<Result<_, _>>()?)
            }
            ExprKind::Map(items) => Expr::Map(
                items.iter().map(|(k, v)| Ok((k.clone(), sub(self, v)?))).collect::<Result<_, Error>>()?,
            ),
            ExprKind::Property(x, key) => Expr::Prop(Box::new(sub(self, x)?), PropKey::new(key.clone())),
            ExprKind::Index(a, b) => Expr::Index(Box::new(sub(self, a)?), Box::new(sub(self, b)?)),
            ExprKind::Slice(a, b, c) => {
                let a = Box::new(sub(self, a)?);
                let b = b.as_deref().map(|x| sub(self, x).map(Box::new)).transpose()?;
                let c = c.as_deref().map(|x| sub(self, x).map(Box::new)).transpose()?;
                Expr::Slice(a, b, c)
            }
            ExprKind::Unary(op, x) => Expr::Unary(*op, Box::new(sub(self, x)?)),
            ExprKind::Binary(op, a, b) => Expr::Binary(*op, Box::new(sub(self, a)?), Box::new(sub(self, b)?)),
            ExprKind::IsNull(x, not) => Expr::IsNull(Box::new(sub(self, x)?), *not),
            ExprKind::HasLabels(x, labels) => Expr::HasLabels(Box::new(sub(self, x)?), labels.clone()),
            ExprKind::CountStar => self.aggregate(e, "count*", false, &[], aggs)?,
            ExprKind::Call { name, distinct, args } => {
                let lower = name.to_lowercase();
                if AGGREGATES.contains(&lower.as_str()) {
                    self.aggregate(e, &lower, *distinct, args, aggs)?
                } else {
                    self.call(e, &lower, args, aggs)?
                }
            }
            ExprKind::Case { subject, whens, otherwise } => {
                let subject = subject.as_deref().map(|x| sub(self, x).map(Box::new)).transpose()?;
                let whens = whens
                    .iter()
                    .map(|(w, t)| Ok((sub(self, w)?, sub(self, t)?)))
                    .collect::<Result<_, Error>>()?;
                let otherwise = otherwise.as_deref().map(|x| sub(self, x).map(Box::new)).transpose()?;
                Expr::Case(subject, whens, otherwise)
            }
            ExprKind::ListComprehension { var, list, filter, map } => {
                let element = self.element_kind(list);
                let list = Box::new(sub(self, list)?);
                let slot = self.scope.add(var, element);
                let filter = filter.as_deref().map(|x| sub(self, x).map(Box::new)).transpose();
                let map = map.as_deref().map(|x| sub(self, x).map(Box::new)).transpose();
                self.scope.vars.pop();
                Expr::ListComp { slot, list, filter: filter?, map: map? }
            }
            ExprKind::Quantifier { kind, var, list, predicate } => {
                let element = self.element_kind(list);
                let list = Box::new(sub(self, list)?);
                let slot = self.scope.add(var, element);
                let predicate = sub(self, predicate).map(Box::new);
                self.scope.vars.pop();
                Expr::Quant { kind: *kind, slot, list, predicate: predicate? }
            }
            ExprKind::PatternPredicate(element) => {
                self.no_new_variables(element)?;
                let outer = self.scope.vars.len();
                let pattern = self.nested_pattern(None, element, |_, _| Ok(()))?.0;
                Expr::Exists { pattern: Box::new(pattern), filter: None, outer }
            }
            ExprKind::ExistsSubquery(body) => {
                let outer = self.scope.vars.len();
                match &**body {
                    ast::ExistsBody::Pattern { element, filter } => {
                        let (pattern, filter) = self.nested_pattern(None, element, |p, aggs_none| {
                            let Some(x) = filter else { return Ok(None) };
                            p.expect_type(x, &[Static::Bool], "a boolean")?;
                            p.expr_in(x, aggs_none).map(|x| Some(Box::new(x)))
                        })?;
                        Expr::Exists { pattern: Box::new(pattern), filter, outer }
                    }
                    ast::ExistsBody::Query(query) => {
                        read_only(query, e.span)?;
                        Expr::ExistsQuery { ops: self.subquery(query)?, outer }
                    }
                }
            }
            ExprKind::PatternComprehension { var, element, filter, map } => {
                let outer = self.scope.vars.len();
                let (pattern, (filter, map)) =
                    self.nested_pattern(var.as_deref(), element, |p, aggs_none| {
                        let filter =
                            filter.as_deref().map(|x| p.expr_in(x, aggs_none).map(Box::new)).transpose()?;
                        let map = Box::new(p.expr_in(map, aggs_none)?);
                        Ok((filter, map))
                    })?;
                Expr::PatternComp { pattern: Box::new(pattern), filter, map, outer }
            }
        })
    }

    /// A pattern used as a predicate only tests variables bound before it: naming a new one
    /// is an error (a pattern comprehension is the form that introduces variables).
    fn no_new_variables(&self, element: &ast::PatternElement) -> Result<(), Error> {
        let nodes = std::iter::once(&element.start).chain(element.chain.iter().map(|(_, n)| n));
        let named = nodes
            .map(|n| (n.var.as_deref(), n.span))
            .chain(element.chain.iter().map(|(r, _)| (r.var.as_deref(), r.span)));
        for (var, span) in named {
            if let Some(var) = var.filter(|v| self.scope.lookup(v).is_none()) {
                return Err(semantic(
                    SemanticKind::UndefinedVariable,
                    format!(
                        "variable '{var}' is not defined; a pattern predicate cannot introduce variables"
                    ),
                    span,
                ));
            }
        }
        Ok(())
    }

    /// Plans a pattern inside an expression; its new variables are visible only to `inner`.
    fn nested_pattern<T>(
        &mut self,
        var: Option<&str>,
        element: &ast::PatternElement,
        inner: impl FnOnce(&mut Planner, &mut Option<Vec<Aggregate>>) -> Result<T, Error>,
    ) -> Result<(super::PatternPlan, T), Error> {
        let depth = self.scope.vars.len();
        let part = ast::PatternPart {
            var: var.map(str::to_owned),
            kind: ast::PathKind::Plain,
            element: element.clone(),
        };
        let planned = self.pattern_part(&part, false);
        let extra = planned.and_then(|p| Ok((p, inner(self, &mut None)?)));
        self.scope.vars.truncate(depth);
        extra
    }

    fn call(
        &mut self,
        e: &ast::Expr,
        lower: &str,
        args: &[ast::Expr],
        aggs: &mut Option<Vec<Aggregate>>,
    ) -> Result<Expr, Error> {
        let Some((_, min, max)) = FUNCTIONS.iter().find(|(n, _, _)| *n == lower) else {
            let known: Vec<&str> =
                FUNCTIONS.iter().map(|(n, _, _)| *n).chain(AGGREGATES.iter().copied()).collect();
            let hint = crate::query::suggest(lower, known.iter().copied())
                .map(|s| format!("; did you mean {s}()?"))
                .unwrap_or_default();
            return Err(semantic(
                SemanticKind::UnknownFunction,
                format!("unknown function '{lower}'{hint}"),
                e.span,
            ));
        };
        if args.len() < *min || args.len() > *max {
            return Err(semantic(
                SemanticKind::UnknownFunction,
                format!("{lower}() takes {}, not {}", arity(*min, *max), args.len()),
                e.span,
            ));
        }
        let args = args.iter().map(|a| self.expr_in(a, aggs)).collect::<Result<_, _>>()?;
        Ok(Expr::Call(lower.to_owned(), args))
    }

    fn aggregate(
        &mut self,
        e: &ast::Expr,
        func: &str,
        distinct: bool,
        args: &[ast::Expr],
        aggs: &mut Option<Vec<Aggregate>>,
    ) -> Result<Expr, Error> {
        let Some(list) = aggs.as_mut() else {
            return Err(semantic(
                SemanticKind::InvalidAggregation,
                format!(
                    "{} cannot be used here: aggregates belong in WITH, RETURN or ORDER BY",
                    func.trim_end_matches('*')
                ),
                e.span,
            ));
        };
        let _ = list;
        let expected = if func.starts_with("percentile") {
            2
        } else if func == "count*" {
            0
        } else {
            1
        };
        if args.len() != expected {
            return Err(semantic(
                SemanticKind::UnknownFunction,
                format!("{func}() takes {expected} argument(s)"),
                e.span,
            ));
        }
        if args.iter().any(has_aggregate) {
            return Err(semantic(
                SemanticKind::NestedAggregation,
                "an aggregate cannot contain another aggregate",
                e.span,
            ));
        }
        let mut none = None;
        let mut compiled = args.iter().map(|a| self.expr_in(a, &mut none)).collect::<Result<Vec<_>, _>>()?;
        let arg = if compiled.is_empty() { None } else { Some(compiled.remove(0)) };
        let list = aggs.as_mut().map_or_else(Vec::new, std::mem::take);
        let mut list = list;
        list.push(Aggregate { func: func.to_owned(), distinct, arg, extra: compiled });
        let index = list.len() - 1;
        *aggs = Some(list);
        Ok(Expr::Agg(index))
    }
}

fn static_name(t: Static) -> &'static str {
    match t {
        Static::Bool => "a boolean",
        Static::Int => "an integer",
        Static::Float => "a float",
        Static::Str => "a string",
        Static::List => "a list",
        Static::Map => "a map",
        Static::Node => "a node",
        Static::Rel => "a relationship",
        Static::Path => "a path",
    }
}

fn arity(min: usize, max: usize) -> String {
    match (min, max) {
        (a, b) if a == b => format!("{a} argument(s)"),
        (a, usize::MAX) => format!("at least {a} argument(s)"),
        (a, b) => format!("{a} to {b} arguments"),
    }
}
