//! Builders for the Cypher grammar: one function per rule, pairs in, AST out. Expressions are
//! folded by a Pratt parser with openCypher's precedence.

use super::pairs::{Children, children, has_keyword, span, unexpected};
use super::{QueryParser, Rule, errors};
use crate::error::{Error, Span, SyntaxError};
use crate::model::Value;
use crate::query::ast::*;
use pest::Parser;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::LazyLock;

type Result<T> = std::result::Result<T, Error>;

fn syntax(message: impl Into<String>, span: Span) -> Error {
    Error::Syntax(SyntaxError { message: message.into(), span })
}

/// Parses a Cypher statement.
pub fn parse(text: &str) -> Result<Statement> {
    pest::set_call_limit(Some(std::num::NonZeroUsize::new(5_000_000).unwrap_or(std::num::NonZeroUsize::MIN)));
    let mut pairs = QueryParser::parse(Rule::statement, text)
        .map_err(|e| errors::syntax_error(e, text, Rule::statement))?;
    let statement = pairs.next().ok_or_else(|| syntax("empty statement", Span::new(0, 0)))?;
    let body = children(&statement)
        .find(|p| p.as_rule() != Rule::EOI)
        .ok_or_else(|| syntax("empty statement", Span::new(0, 0)))?;
    statement_body(body)
}

/// Parses a statement and returns it with its query, for phrase desugaring.
pub fn statement_body(pair: Pair<'_, Rule>) -> Result<Statement> {
    Ok(match pair.as_rule() {
        Rule::explain => {
            Statement::Explain(Box::new(statement_body(children(&pair).next_required("statement")?)?))
        }
        Rule::profile => {
            Statement::Profile(Box::new(statement_body(children(&pair).next_required("statement")?)?))
        }
        Rule::begin_tx => Statement::Begin,
        Rule::commit_tx => Statement::Commit,
        Rule::rollback_tx => Statement::Rollback,
        Rule::create_index => {
            let names: Vec<String> = children(&pair).map(|p| name(&p)).collect::<Result<_>>()?;
            // [index name,] var, label, var, key
            let n = names.len();
            if n < 4 {
                return Err(unexpected(&pair));
            }
            Statement::CreateIndex { label: names[n - 3].clone(), key: names[n - 1].clone() }
        }
        Rule::drop_index => {
            let names: Vec<String> = children(&pair).map(|p| name(&p)).collect::<Result<_>>()?;
            match names.as_slice() {
                [label, key] => Statement::DropIndex { label: label.clone(), key: key.clone() },
                _ => return Err(unexpected(&pair)),
            }
        }
        Rule::query => Statement::Query(query(pair)?),
        _ => return Err(unexpected(&pair)),
    })
}

fn query(pair: Pair<'_, Rule>) -> Result<Query> {
    let mut parts = children(&pair);
    let first = single_query(parts.next_required("query")?)?;
    let mut unions = Vec::new();
    while let Some(u) = parts.next_if(Rule::union) {
        let all = has_keyword(&u, Rule::K_ALL);
        unions.push((all, single_query(parts.next_required("query after UNION")?)?));
    }
    Ok(Query { first, unions })
}

fn single_query(pair: Pair<'_, Rule>) -> Result<SingleQuery> {
    Ok(SingleQuery { clauses: children(&pair).map(clause).collect::<Result<_>>()? })
}

fn clause(pair: Pair<'_, Rule>) -> Result<Clause> {
    Ok(match pair.as_rule() {
        Rule::match_clause => {
            let optional = has_keyword(&pair, Rule::K_OPTIONAL);
            let mut c = children(&pair);
            let pattern = pattern(c.next_required("pattern")?)?;
            let filter = c.next_if(Rule::where_clause).map(where_clause).transpose()?;
            Clause::Match { optional, pattern, filter }
        }
        Rule::unwind_clause => {
            let mut c = children(&pair);
            let expr = expression(c.next_required("expression")?)?;
            Clause::Unwind { expr, var: name(&c.next_required("variable")?)? }
        }
        Rule::with_clause => {
            let mut c = children(&pair);
            let mut p = projection(c.next_required("projection")?)?;
            p.filter = c.next_if(Rule::where_clause).map(where_clause).transpose()?;
            Clause::With(p)
        }
        Rule::return_clause => Clause::Return(projection(children(&pair).next_required("projection")?)?),
        Rule::create_clause => Clause::Create(pattern(children(&pair).next_required("pattern")?)?),
        Rule::merge_clause => merge_clause(pair)?,
        Rule::set_clause => Clause::Set(set_items(pair)?),
        Rule::remove_clause => Clause::Remove(children(&pair).map(remove_item).collect::<Result<_>>()?),
        Rule::delete_clause => {
            let detach = has_keyword(&pair, Rule::K_DETACH);
            Clause::Delete { detach, exprs: children(&pair).map(expression).collect::<Result<_>>()? }
        }
        _ => return Err(unexpected(&pair)),
    })
}

fn where_clause(pair: Pair<'_, Rule>) -> Result<Expr> {
    expression(children(&pair).next_required("expression")?)
}

fn merge_clause(pair: Pair<'_, Rule>) -> Result<Clause> {
    let mut c = children(&pair);
    let pattern = pattern_part(c.next_required("pattern")?)?;
    let (mut on_create, mut on_match) = (Vec::new(), Vec::new());
    for action in c {
        let is_create = has_keyword(&action, Rule::K_CREATE);
        let items = set_items(children(&action).next_required("SET")?)?;
        if is_create { on_create.extend(items) } else { on_match.extend(items) }
    }
    Ok(Clause::Merge { pattern, on_create, on_match })
}

fn set_items(pair: Pair<'_, Rule>) -> Result<Vec<SetItem>> {
    children(&pair).map(set_item).collect()
}

fn set_item(pair: Pair<'_, Rule>) -> Result<SetItem> {
    let mut c = children(&pair);
    Ok(match pair.as_rule() {
        Rule::set_property => {
            let (target, key) = property_target(c.next_required("property")?)?;
            SetItem::Property { target, key, value: expression(c.next_required("value")?)? }
        }
        Rule::set_merge => SetItem::Merge {
            var: name(&c.next_required("variable")?)?,
            value: expression(c.next_required("value")?)?,
        },
        Rule::set_replace => SetItem::Replace {
            var: name(&c.next_required("variable")?)?,
            value: expression(c.next_required("value")?)?,
        },
        Rule::set_labels => SetItem::Labels {
            var: name(&c.next_required("variable")?)?,
            labels: labels(c.next_required("labels")?)?,
        },
        _ => return Err(unexpected(&pair)),
    })
}

fn remove_item(pair: Pair<'_, Rule>) -> Result<RemoveItem> {
    Ok(match pair.as_rule() {
        Rule::set_labels => {
            let mut c = children(&pair);
            RemoveItem::Labels {
                var: name(&c.next_required("variable")?)?,
                labels: labels(c.next_required("labels")?)?,
            }
        }
        Rule::property_target => {
            let (target, key) = property_target(pair)?;
            RemoveItem::Property { target, key }
        }
        _ => return Err(unexpected(&pair)),
    })
}

/// `n.a.b` → (`n.a`, `b`).
fn property_target(pair: Pair<'_, Rule>) -> Result<(Expr, String)> {
    let mut c = children(&pair);
    let first = c.next_required("target")?;
    let mut target = match first.as_rule() {
        Rule::variable => Expr::new(ExprKind::Variable(name(&first)?), span(&first)),
        _ => expression(first)?,
    };
    let keys: Vec<Pair<'_, Rule>> = c.collect();
    let (last, init) = keys.split_last().ok_or_else(|| unexpected(&pair))?;
    for key in init {
        let s = Span::new(target.span.start, span(key).end);
        target = Expr::new(ExprKind::Property(Box::new(target), name(key)?), s);
    }
    Ok((target, name(last)?))
}

fn projection(pair: Pair<'_, Rule>) -> Result<Projection> {
    let distinct = has_keyword(&pair, Rule::K_DISTINCT);
    let mut c = children(&pair);
    let items_pair = c.next_required("return items")?;
    let mut star = false;
    let mut items = Vec::new();
    for item in children(&items_pair) {
        match item.as_rule() {
            Rule::star => star = true,
            _ => items.push(projection_item(item)?),
        }
    }
    let order_by = match c.next_if(Rule::order_by) {
        Some(o) => children(&o).map(sort_item).collect::<Result<_>>()?,
        None => Vec::new(),
    };
    let skip = c.next_if(Rule::skip).map(|p| expression(children(&p).next_required("SKIP")?)).transpose()?;
    let limit =
        c.next_if(Rule::limit).map(|p| expression(children(&p).next_required("LIMIT")?)).transpose()?;
    Ok(Projection { distinct, star, items, order_by, skip, limit, filter: None })
}

fn projection_item(pair: Pair<'_, Rule>) -> Result<ProjectionItem> {
    let mut c = children(&pair);
    let e = c.next_required("expression")?;
    let text = e.as_str().trim().to_owned();
    let expr = expression(e)?;
    let alias = c.next().map(|a| name(&a)).transpose()?;
    Ok(ProjectionItem { expr, alias, text })
}

fn sort_item(pair: Pair<'_, Rule>) -> Result<SortItem> {
    let descending = has_keyword(&pair, Rule::K_DESCENDING);
    Ok(SortItem { expr: expression(children(&pair).next_required("sort key")?)?, descending })
}

fn pattern(pair: Pair<'_, Rule>) -> Result<Vec<PatternPart>> {
    children(&pair).map(pattern_part).collect()
}

fn pattern_part(pair: Pair<'_, Rule>) -> Result<PatternPart> {
    let mut c = children(&pair);
    let var = c.next_if(Rule::variable).map(|v| name(&v)).transpose()?;
    let body = c.next_required("pattern")?;
    Ok(match body.as_rule() {
        Rule::shortest_path => {
            let kind = if has_keyword(&body, Rule::K_ALLSHORTEST) {
                PathKind::AllShortest
            } else {
                PathKind::Shortest
            };
            PatternPart { var, kind, element: pattern_element(children(&body).next_required("pattern")?)? }
        }
        _ => PatternPart { var, kind: PathKind::Plain, element: pattern_element(body)? },
    })
}

/// `pattern_element` and `relationship_chain` share this builder.
pub fn pattern_element(pair: Pair<'_, Rule>) -> Result<PatternElement> {
    let mut c: Children<'_> = children(&pair);
    let first = c.next_required("node")?;
    if matches!(first.as_rule(), Rule::pattern_element | Rule::relationship_chain) {
        return pattern_element(first);
    }
    let start = node_pattern(first)?;
    let mut chain = Vec::new();
    while let Some(rel) = c.next_if(Rule::rel_pattern) {
        chain.push((rel_pattern(rel)?, node_pattern(c.next_required("node")?)?));
    }
    Ok(PatternElement { start, chain })
}

fn node_pattern(pair: Pair<'_, Rule>) -> Result<NodePattern> {
    let s = span(&pair);
    let mut c = children(&pair);
    let var = c.next_if(Rule::variable).map(|v| name(&v)).transpose()?;
    let labels = c.next_if(Rule::node_labels).map(labels).transpose()?.unwrap_or_default();
    let properties = c.next_if(Rule::properties).map(properties).transpose()?;
    Ok(NodePattern { var, labels, properties, span: s })
}

fn properties(pair: Pair<'_, Rule>) -> Result<Expr> {
    operand(children(&pair).next_required("properties")?)
}

fn rel_pattern(pair: Pair<'_, Rule>) -> Result<RelPattern> {
    let s = span(&pair);
    let mut c = children(&pair);
    let left = c.next_if(Rule::left_arrow).is_some();
    let detail = c.next_if(Rule::rel_detail);
    let right = c.next_if(Rule::right_arrow).is_some();
    let direction = match (left, right) {
        (true, false) => Direction::Incoming,
        (false, true) => Direction::Outgoing,
        _ => Direction::Both,
    };
    let mut rel = RelPattern { var: None, types: vec![], properties: None, direction, length: None, span: s };
    if let Some(detail) = detail {
        let mut d = children(&detail);
        rel.var = d.next_if(Rule::variable).map(|v| name(&v)).transpose()?;
        if let Some(types) = d.next_if(Rule::rel_types) {
            rel.types = children(&types).map(|t| name(&t)).collect::<Result<_>>()?;
        }
        rel.length = d.next_if(Rule::rel_range).map(rel_range).transpose()?;
        rel.properties = d.next_if(Rule::properties).map(properties).transpose()?;
    }
    Ok(rel)
}

fn rel_range(pair: Pair<'_, Rule>) -> Result<LengthRange> {
    let mut c = children(&pair);
    let bound = |p: Option<Pair<'_, Rule>>| -> Result<Option<u64>> {
        p.map(|p| {
            let s = span(&p);
            p.as_str()
                .trim()
                .parse::<u64>()
                .map_err(|_| syntax("a path length must be a small whole number", s))
        })
        .transpose()
    };
    let min = bound(c.next_if(Rule::range_min))?;
    let dots = c.next_if(Rule::range_dots).is_some();
    let max = bound(c.next_if(Rule::range_max))?;
    Ok(if dots { LengthRange { min, max } } else { LengthRange { min, max: min } })
}

fn labels(pair: Pair<'_, Rule>) -> Result<Vec<String>> {
    children(&pair).map(|p| name(&p)).collect()
}

/// The text of a name, with backticks removed.
pub fn name(pair: &Pair<'_, Rule>) -> Result<String> {
    let text = pair.as_str().trim();
    Ok(match text.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        Some(inner) => inner.replace("``", "`"),
        None => text.to_owned(),
    })
}

/// An expression under construction: a comparison remembers its right operand so that
/// `a < b < c` can become `a < b AND b < c`; an integer literal too large for i64 waits for a
/// minus sign.
struct Built {
    expr: Expr,
    comparison_rhs: Option<Expr>,
    overflow: bool,
}

impl Built {
    fn plain(expr: Expr) -> Built {
        Built { expr, comparison_rhs: None, overflow: false }
    }

    fn finish(self) -> Result<Expr> {
        if self.overflow {
            return Err(syntax("integer literal too large for a 64-bit integer", self.expr.span));
        }
        Ok(self.expr)
    }
}

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_xor, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_regex, Assoc::Left))
        .op(Op::infix(Rule::op_starts, Assoc::Left)
            | Op::infix(Rule::op_ends, Assoc::Left)
            | Op::infix(Rule::op_contains, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::postfix(Rule::is_null)
            | Op::postfix(Rule::is_not_null))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left)
            | Op::infix(Rule::op_div, Assoc::Left)
            | Op::infix(Rule::op_mod, Assoc::Left))
        .op(Op::infix(Rule::op_pow, Assoc::Left))
        .op(Op::prefix(Rule::op_neg) | Op::prefix(Rule::op_pos))
        .op(Op::postfix(Rule::property_lookup)
            | Op::postfix(Rule::index)
            | Op::postfix(Rule::slice)
            | Op::postfix(Rule::label_check))
});

/// Builds an expression.
pub fn expression(pair: Pair<'_, Rule>) -> Result<Expr> {
    if pair.as_rule() != Rule::expression {
        return operand(pair);
    }
    PRATT
        .map_primary(|p| operand_built(p))
        .map_prefix(|op, rhs| prefix(op, rhs?))
        .map_postfix(|lhs, op| postfix(lhs?, op))
        .map_infix(|lhs, op, rhs| infix(lhs?, op, rhs?))
        .parse(pair.into_inner())
        .and_then(Built::finish)
}

fn prefix(op: Pair<'_, Rule>, rhs: Built) -> Result<Built> {
    let s = Span::new(span(&op).start, rhs.expr.span.end);
    let unary = match op.as_rule() {
        Rule::op_not => UnaryOp::Not,
        Rule::op_neg if rhs.overflow => {
            return Ok(Built::plain(Expr::new(ExprKind::Literal(Value::Int(i64::MIN)), s)));
        }
        Rule::op_neg => UnaryOp::Negate,
        Rule::op_pos => UnaryOp::Plus,
        _ => return Err(unexpected(&op)),
    };
    let operand = rhs.finish()?;
    Ok(Built::plain(Expr::new(ExprKind::Unary(unary, Box::new(operand)), s)))
}

fn postfix(lhs: Built, op: Pair<'_, Rule>) -> Result<Built> {
    let lhs = lhs.finish()?;
    let s = Span::new(lhs.span.start, span(&op).end);
    let mut c = children(&op);
    let kind = match op.as_rule() {
        Rule::is_null => ExprKind::IsNull(Box::new(lhs), false),
        Rule::is_not_null => ExprKind::IsNull(Box::new(lhs), true),
        Rule::property_lookup => ExprKind::Property(Box::new(lhs), name(&c.next_required("key")?)?),
        Rule::index => ExprKind::Index(Box::new(lhs), Box::new(expression(c.next_required("index")?)?)),
        Rule::slice => {
            let from = c.next_if(Rule::slice_from).map(|p| slice_bound(p)).transpose()?;
            let to = c.next_if(Rule::slice_to).map(|p| slice_bound(p)).transpose()?;
            ExprKind::Slice(Box::new(lhs), from.map(Box::new), to.map(Box::new))
        }
        Rule::label_check => ExprKind::HasLabels(Box::new(lhs), labels(c.next_required("labels")?)?),
        _ => return Err(unexpected(&op)),
    };
    Ok(Built::plain(Expr::new(kind, s)))
}

fn slice_bound(pair: Pair<'_, Rule>) -> Result<Expr> {
    expression(children(&pair).next_required("bound")?)
}

fn binary_op(op: &Pair<'_, Rule>) -> Result<BinaryOp> {
    Ok(match op.as_rule() {
        Rule::op_or => BinaryOp::Or,
        Rule::op_xor => BinaryOp::Xor,
        Rule::op_and => BinaryOp::And,
        Rule::op_eq => BinaryOp::Eq,
        Rule::op_ne => BinaryOp::Ne,
        Rule::op_lt => BinaryOp::Lt,
        Rule::op_gt => BinaryOp::Gt,
        Rule::op_le => BinaryOp::Le,
        Rule::op_ge => BinaryOp::Ge,
        Rule::op_regex => BinaryOp::Regex,
        Rule::op_starts => BinaryOp::StartsWith,
        Rule::op_ends => BinaryOp::EndsWith,
        Rule::op_contains => BinaryOp::Contains,
        Rule::op_in => BinaryOp::In,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Sub,
        Rule::op_mul => BinaryOp::Mul,
        Rule::op_div => BinaryOp::Div,
        Rule::op_mod => BinaryOp::Mod,
        Rule::op_pow => BinaryOp::Pow,
        _ => return Err(unexpected(op)),
    })
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Gt | BinaryOp::Le | BinaryOp::Ge)
}

fn infix(lhs: Built, op: Pair<'_, Rule>, rhs: Built) -> Result<Built> {
    let bin = binary_op(&op)?;
    let comparison_rhs = lhs.comparison_rhs.clone();
    let (lhs, rhs) = (lhs.finish()?, rhs.finish()?);
    let s = Span::new(lhs.span.start, rhs.span.end);
    if is_comparison(bin)
        && let Some(middle) = comparison_rhs
    {
        // a < b < c  ⇒  a < b AND b < c
        let right = Expr::new(
            ExprKind::Binary(bin, Box::new(middle), Box::new(rhs.clone())),
            Span::new(lhs.span.start, s.end),
        );
        let and = Expr::new(ExprKind::Binary(BinaryOp::And, Box::new(lhs), Box::new(right)), s);
        return Ok(Built { expr: and, comparison_rhs: Some(rhs), overflow: false });
    }
    let chain = is_comparison(bin).then(|| rhs.clone());
    Ok(Built {
        expr: Expr::new(ExprKind::Binary(bin, Box::new(lhs), Box::new(rhs)), s),
        comparison_rhs: chain,
        overflow: false,
    })
}

fn operand(pair: Pair<'_, Rule>) -> Result<Expr> {
    operand_built(pair)?.finish()
}

fn operand_built(pair: Pair<'_, Rule>) -> Result<Built> {
    let s = span(&pair);
    let lit = |v: Value| Ok(Built::plain(Expr::new(ExprKind::Literal(v), s)));
    let kind = match pair.as_rule() {
        Rule::null_lit => return lit(Value::Null),
        Rule::true_lit => return lit(Value::Bool(true)),
        Rule::false_lit => return lit(Value::Bool(false)),
        Rule::integer => return integer(&pair),
        Rule::float => {
            let f: f64 = pair.as_str().parse().map_err(|_| syntax("malformed number", s))?;
            if !f.is_finite() {
                return Err(syntax("floating-point literal out of range", s));
            }
            return lit(Value::Float(f));
        }
        Rule::string => return lit(Value::String(string_literal(&pair)?.into())),
        Rule::parameter => {
            ExprKind::Parameter(pair.as_str().trim_start_matches('$').trim_matches('`').to_owned())
        }
        Rule::count_star => ExprKind::CountStar,
        Rule::variable => ExprKind::Variable(name(&pair)?),
        Rule::parenthesized => {
            return Ok(Built::plain(expression(children(&pair).next_required("expression")?)?));
        }
        Rule::list_literal => ExprKind::List(children(&pair).map(expression).collect::<Result<_>>()?),
        Rule::map_literal => ExprKind::Map(
            children(&pair)
                .map(|entry| {
                    let mut c = children(&entry);
                    Ok((name(&c.next_required("key")?)?, expression(c.next_required("value")?)?))
                })
                .collect::<Result<_>>()?,
        ),
        Rule::function_call => function_call(&pair)?,
        Rule::case_expr => case_expr(&pair)?,
        Rule::list_comprehension => list_comprehension(&pair)?,
        Rule::pattern_comprehension => pattern_comprehension(&pair)?,
        Rule::quantifier => quantifier(&pair)?,
        Rule::exists_subquery => {
            let body = children(&pair).next_required("subquery")?;
            ExprKind::ExistsSubquery(Box::new(match body.as_rule() {
                Rule::single_query => ExistsBody::Query(single_query(body)?),
                _ => {
                    let mut c = children(&body);
                    let element = pattern_element(c.next_required("pattern")?)?;
                    let filter = c.next_if(Rule::where_clause).map(where_clause).transpose()?;
                    ExistsBody::Pattern { element, filter }
                }
            }))
        }
        Rule::exists_pattern | Rule::pattern_predicate => {
            ExprKind::PatternPredicate(Box::new(pattern_element(children(&pair).next_required("pattern")?)?))
        }
        Rule::expression => return Ok(Built::plain(expression(pair)?)),
        _ => return Err(unexpected(&pair)),
    };
    Ok(Built::plain(Expr::new(kind, s)))
}

fn integer(pair: &Pair<'_, Rule>) -> Result<Built> {
    let s = span(pair);
    let text = pair.as_str();
    let parsed = if let Some(hex) = text.strip_prefix("0x") {
        u64::from_str_radix(hex, 16).ok()
    } else if let Some(oct) = text.strip_prefix("0o") {
        u64::from_str_radix(oct, 8).ok()
    } else {
        text.parse::<u64>().ok()
    };
    let expr = |v| Expr::new(ExprKind::Literal(Value::Int(v)), s);
    match parsed {
        Some(v) if v <= i64::MAX as u64 => Ok(Built::plain(expr(v as i64))),
        Some(v) if v == i64::MAX as u64 + 1 => {
            Ok(Built { expr: expr(0), comparison_rhs: None, overflow: true })
        }
        _ => Err(syntax("integer literal too large for a 64-bit integer", s)),
    }
}

fn string_literal(pair: &Pair<'_, Rule>) -> Result<String> {
    let s = span(pair);
    let inner = pair.clone().into_inner().next().map_or("", |p| p.as_str());
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = chars.next().ok_or_else(|| syntax("unfinished escape at the end of a string", s))?;
        out.push(match escaped {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            '\\' | '\'' | '"' => escaped,
            'u' | 'U' => {
                let len = if escaped == 'u' { 4 } else { 8 };
                let hex: String = chars.by_ref().take(len).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == len)
                    .and_then(char::from_u32)
                    .ok_or_else(|| syntax(format!("invalid unicode escape \\{escaped}{hex}"), s))?
            }
            other => return Err(syntax(format!("unknown escape \\{other} in a string"), s)),
        });
    }
    Ok(out)
}

fn function_call(pair: &Pair<'_, Rule>) -> Result<ExprKind> {
    let distinct = has_keyword(pair, Rule::K_DISTINCT);
    let mut c = children(pair);
    let fname = c.next_required("function name")?.as_str().to_owned();
    let args: Vec<Expr> = c.map(expression).collect::<Result<_>>()?;
    Ok(ExprKind::Call { name: fname, distinct, args })
}

fn case_expr(pair: &Pair<'_, Rule>) -> Result<ExprKind> {
    let mut subject = None;
    let mut whens = Vec::new();
    let mut otherwise = None;
    for part in children(pair) {
        match part.as_rule() {
            Rule::expression => subject = Some(Box::new(expression(part)?)),
            Rule::case_when => {
                let mut c = children(&part);
                whens.push((expression(c.next_required("WHEN")?)?, expression(c.next_required("THEN")?)?));
            }
            Rule::case_else => {
                otherwise = Some(Box::new(expression(children(&part).next_required("ELSE")?)?))
            }
            _ => return Err(unexpected(&part)),
        }
    }
    Ok(ExprKind::Case { subject, whens, otherwise })
}

fn list_comprehension(pair: &Pair<'_, Rule>) -> Result<ExprKind> {
    let mut c = children(pair);
    let var = name(&c.next_required("variable")?)?;
    let list = Box::new(expression(c.next_required("list")?)?);
    let filter = c.next_if(Rule::comp_where).map(|p| slice_bound(p).map(Box::new)).transpose()?;
    let map = c.next_if(Rule::comp_map).map(|p| slice_bound(p).map(Box::new)).transpose()?;
    Ok(ExprKind::ListComprehension { var, list, filter, map })
}

fn pattern_comprehension(pair: &Pair<'_, Rule>) -> Result<ExprKind> {
    let mut c = children(pair);
    let var = c.next_if(Rule::variable).map(|v| name(&v)).transpose()?;
    let element = Box::new(pattern_element(c.next_required("pattern")?)?);
    let filter = c.next_if(Rule::comp_where).map(|p| slice_bound(p).map(Box::new)).transpose()?;
    let map = Box::new(slice_bound(c.next_required("projection")?)?);
    Ok(ExprKind::PatternComprehension { var, element, filter, map })
}

fn quantifier(pair: &Pair<'_, Rule>) -> Result<ExprKind> {
    let kind = match pair.clone().into_inner().next().map(|p| p.as_rule()) {
        Some(Rule::K_ALL) => Quantifier::All,
        Some(Rule::K_ANY) => Quantifier::Any,
        Some(Rule::K_NONE) => Quantifier::None,
        Some(Rule::K_SINGLE) => Quantifier::Single,
        _ => return Err(unexpected(pair)),
    };
    let mut c = children(pair);
    let var = name(&c.next_required("variable")?)?;
    let list = Box::new(expression(c.next_required("list")?)?);
    let predicate = Box::new(expression(c.next_required("predicate")?)?);
    Ok(ExprKind::Quantifier { kind, var, list, predicate })
}
