//! Planning `WITH` and `RETURN`: items, grouping, aggregates, `ORDER BY`, `SKIP`, `LIMIT`.

use super::{Aggregate, Expr, Kind, Op, Planner, ProjectPlan, Scope, SortKey, semantic};
use crate::error::{Error, SemanticKind};
use crate::model::Value;
use crate::query::ast;
use crate::query::plan::expr::{AGGREGATES, has_aggregate};

impl Planner {
    /// Plans a projection and replaces the scope with its columns.
    pub(super) fn projection(
        &mut self,
        p: &ast::Projection,
        is_return: bool,
    ) -> Result<(Op, Vec<String>), Error> {
        let mut items = Vec::new();
        let mut columns = Vec::new();
        let mut kinds = Vec::new();
        let mut group_keys = Vec::new();
        let mut aggs = Some(Vec::new());
        if p.star {
            let mut visible: Vec<(usize, String)> =
                self.scope.visible().map(|(i, n)| (i, n.to_owned())).collect();
            visible.sort_by(|a, b| a.1.cmp(&b.1));
            if visible.is_empty() && p.items.is_empty() && is_return {
                return Err(Error::Semantic(crate::error::SemanticError::new(
                    SemanticKind::Invalid,
                    "RETURN * / WITH * need at least one variable in scope",
                    None,
                )));
            }
            for (slot, name) in visible {
                group_keys.push(items.len());
                items.push(Expr::Slot(slot));
                kinds.push(self.scope.vars[slot].1);
                columns.push(name);
            }
        }
        for item in &p.items {
            let name = item.name().to_owned();
            if columns.contains(&name) {
                return Err(semantic(
                    SemanticKind::ColumnNameConflict,
                    format!("column '{name}' appears twice"),
                    item.expr.span,
                ));
            }
            if !is_return && item.alias.is_none() && !matches!(item.expr.kind, ast::ExprKind::Variable(_)) {
                return Err(semantic(
                    SemanticKind::Invalid,
                    "an expression in WITH must be aliased (use AS)",
                    item.expr.span,
                ));
            }
            let aggregating = has_aggregate(&item.expr);
            let known = self.static_type(&item.expr);
            let compiled = self.expr_in(&item.expr, &mut aggs)?;
            if !aggregating {
                group_keys.push(items.len());
            }
            kinds.push(match compiled {
                Expr::Slot(slot) => self.scope.vars[slot].1,
                _ => known.map_or(Kind::Any, Kind::Value),
            });
            items.push(compiled);
            columns.push(name);
        }
        if !p.star {
            let keys: Vec<&ast::Expr> =
                p.items.iter().map(|it| &it.expr).filter(|e| !has_aggregate(e)).collect();
            for item in p.items.iter().filter(|it| has_aggregate(&it.expr)) {
                grouped_only(&item.expr, &keys)?;
            }
        }
        let mut aggregates = aggs.unwrap_or_default();
        let aggregating = !aggregates.is_empty();
        let order_by = self.sort_keys(p, &items, &columns, &kinds, aggregating, &mut aggregates)?;
        let (skip, limit) = (self.constant(p.skip.as_ref())?, self.constant(p.limit.as_ref())?);
        // WHERE after WITH sees the input variables too, unless rows were grouped or deduplicated.
        let extended = !aggregating && !p.distinct;
        let output = Scope { vars: columns.iter().cloned().zip(kinds.iter().copied()).collect() };
        self.scope = extended_scope(&columns, &kinds, &self.scope, extended);
        let filter = p.filter.as_ref().map(|f| self.predicate(f)).transpose();
        self.scope = output;
        let filter = filter?;
        if !aggregating {
            group_keys.clear();
        }
        let plan = ProjectPlan {
            items,
            columns: columns.clone(),
            group_keys,
            aggregates,
            distinct: p.distinct,
            order_by,
            skip,
            limit,
            filter,
            extended,
        };
        Ok((Op::Project(plan), columns))
    }

    /// Sort keys see the output columns first, then (when not aggregating) the input variables.
    fn sort_keys(
        &mut self,
        p: &ast::Projection,
        items: &[Expr],
        columns: &[String],
        kinds: &[Kind],
        aggregating: bool,
        aggregates: &mut Vec<Aggregate>,
    ) -> Result<Vec<SortKey>, Error> {
        let sort_scope = extended_scope(columns, kinds, &self.scope, !aggregating && !p.distinct);
        let _ = items;
        let saved = std::mem::replace(&mut self.scope, sort_scope);
        let mut keys = Vec::new();
        let mut result = Ok(());
        for sort in &p.order_by {
            // An ORDER BY expression spelled like a projected item sorts by that column.
            let same = p.items.iter().position(|it| it.expr == sort.expr);
            let offset = columns.len() - p.items.len();
            let compiled = match same {
                Some(i) => Ok(Expr::Slot(offset + i)),
                None => {
                    let mut collected = Some(std::mem::take(aggregates));
                    let c = if aggregating || has_aggregate(&sort.expr) {
                        self.expr_in(&sort.expr, &mut collected)
                    } else {
                        self.expr(&sort.expr, false)
                    };
                    *aggregates = collected.unwrap_or_default();
                    c
                }
            };
            match compiled {
                Ok(expr) => keys.push(SortKey { expr, descending: sort.descending }),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.scope = saved;
        result.map(|()| keys)
    }

    /// Compiles a `SKIP` / `LIMIT` expression, which may use parameters but no variables.
    fn constant(&mut self, e: Option<&ast::Expr>) -> Result<Option<Expr>, Error> {
        let Some(e) = e else { return Ok(None) };
        let negated = match &e.kind {
            ast::ExprKind::Unary(ast::UnaryOp::Negate, x) => {
                matches!(x.kind, ast::ExprKind::Literal(Value::Int(_)))
            }
            ast::ExprKind::Literal(Value::Int(i)) => *i < 0,
            _ => false,
        };
        if negated {
            return Err(semantic(
                SemanticKind::NegativeIntegerArgument,
                format!("SKIP and LIMIT take a non-negative integer, not {e}"),
                e.span,
            ));
        }
        match &e.kind {
            ast::ExprKind::Literal(Value::Int(_)) | ast::ExprKind::Parameter(_) => {}
            ast::ExprKind::Literal(_) | ast::ExprKind::List(_) | ast::ExprKind::Map(_) => {
                return Err(semantic(
                    SemanticKind::InvalidArgumentType,
                    "SKIP and LIMIT take a non-negative integer",
                    e.span,
                ));
            }
            _ => {}
        }
        let saved = std::mem::take(&mut self.scope);
        let compiled = self.expr(e, false);
        self.scope = saved;
        compiled.map(Some).map_err(|err| match err {
            Error::Semantic(mut s) if s.kind == SemanticKind::UndefinedVariable => {
                s.kind = SemanticKind::NonConstantExpression;
                s.message = "SKIP and LIMIT take a constant or a parameter, not a variable".into();
                Error::Semantic(s)
            }
            other => other,
        })
    }
}

/// The scope of `ORDER BY` and `WHERE` after a projection: the output columns (slots
/// `0..columns.len()`), then, when `with_input`, the input variables, whose slots follow. An input
/// variable named like a column is hidden, so the column wins.
fn extended_scope(columns: &[String], kinds: &[Kind], input: &Scope, with_input: bool) -> Scope {
    let mut scope = Scope { vars: columns.iter().cloned().zip(kinds.iter().copied()).collect() };
    if with_input {
        for (name, kind) in &input.vars {
            let name = if columns.contains(name) { format!(" shadowed {name}") } else { name.clone() };
            scope.vars.push((name, *kind));
        }
    }
    scope
}

/// In an expression that aggregates, what lies outside the aggregate calls is computed once per
/// group, so each variable it reads must be a grouping key itself, or be read through a property
/// that is a grouping key (`me.age + count(*)` needs `me` or `me.age` among the keys). Larger
/// expressions are not matched against the keys: that is `AmbiguousAggregationExpression`.
fn grouped_only(e: &ast::Expr, keys: &[&ast::Expr]) -> Result<(), Error> {
    use ast::ExprKind as K;
    let is_key = |x: &ast::Expr| keys.contains(&x);
    let ambiguous = || {
        Err(semantic(
            SemanticKind::AmbiguousAggregationExpression,
            format!("'{e}' mixes an aggregate with values that are not grouping keys"),
            e.span,
        ))
    };
    match &e.kind {
        K::Variable(_) if !is_key(e) => ambiguous(),
        K::Property(base, _) if matches!(base.kind, K::Variable(_)) => {
            if is_key(e) || is_key(base) {
                Ok(())
            } else {
                ambiguous()
            }
        }
        K::Property(base, _) => grouped_only(base, keys),
        K::Call { name, args, .. } if !AGGREGATES.contains(&name.to_lowercase().as_str()) => {
            args.iter().try_for_each(|a| grouped_only(a, keys))
        }
        K::Unary(_, x) | K::IsNull(x, _) | K::HasLabels(x, _) => grouped_only(x, keys),
        K::Binary(_, a, b) | K::Index(a, b) => {
            grouped_only(a, keys)?;
            grouped_only(b, keys)
        }
        K::List(items) => items.iter().try_for_each(|x| grouped_only(x, keys)),
        K::Map(items) => items.iter().try_for_each(|(_, x)| grouped_only(x, keys)),
        _ => Ok(()),
    }
}
