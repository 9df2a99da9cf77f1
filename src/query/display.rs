//! Prints the AST back as canonical Cypher (`Display`). Parsing the printed text gives the same
//! AST (spans aside), which `explain` relies on and a property test checks.

use crate::model::{Value, escape_identifier, format_float, quote};
use crate::query::ast::*;
use std::fmt::{self, Display, Formatter, Write};

fn join<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

fn id(name: &str) -> String {
    escape_identifier(name)
}

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Query(q) => write!(f, "{q}"),
            Statement::Explain(s) => write!(f, "EXPLAIN {s}"),
            Statement::Profile(s) => write!(f, "PROFILE {s}"),
            Statement::Begin => f.write_str("BEGIN"),
            Statement::Commit => f.write_str("COMMIT"),
            Statement::Rollback => f.write_str("ROLLBACK"),
            Statement::CreateIndex { label, key } => {
                write!(f, "CREATE INDEX FOR (n:{}) ON (n.{})", id(label), id(key))
            }
            Statement::DropIndex { label, key } => write!(f, "DROP INDEX ON :{}({})", id(label), id(key)),
        }
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for (all, q) in &self.unions {
            write!(f, " UNION {}{q}", if *all { "ALL " } else { "" })?;
        }
        Ok(())
    }
}

impl Display for SingleQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        join(f, &self.clauses, " ")
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Match { optional, pattern, filter } => {
                write!(f, "{}MATCH ", if *optional { "OPTIONAL " } else { "" })?;
                join(f, pattern, ", ")?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                Ok(())
            }
            Clause::Unwind { expr, var } => write!(f, "UNWIND {expr} AS {}", id(var)),
            Clause::With(p) => {
                write!(f, "WITH {p}")?;
                if let Some(w) = &p.filter {
                    write!(f, " WHERE {w}")?;
                }
                Ok(())
            }
            Clause::Return(p) => write!(f, "RETURN {p}"),
            Clause::Create(pattern) => {
                f.write_str("CREATE ")?;
                join(f, pattern, ", ")
            }
            Clause::Merge { pattern, on_create, on_match } => {
                write!(f, "MERGE {pattern}")?;
                if !on_create.is_empty() {
                    f.write_str(" ON CREATE SET ")?;
                    join(f, on_create, ", ")?;
                }
                if !on_match.is_empty() {
                    f.write_str(" ON MATCH SET ")?;
                    join(f, on_match, ", ")?;
                }
                Ok(())
            }
            Clause::Set(items) => {
                f.write_str("SET ")?;
                join(f, items, ", ")
            }
            Clause::Remove(items) => {
                f.write_str("REMOVE ")?;
                join(f, items, ", ")
            }
            Clause::Delete { detach, exprs } => {
                write!(f, "{}DELETE ", if *detach { "DETACH " } else { "" })?;
                join(f, exprs, ", ")
            }
        }
    }
}

impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        join(f, &self.items, ", ")?;
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            join(f, &self.order_by, ", ")?;
        }
        if let Some(s) = &self.skip {
            write!(f, " SKIP {s}")?;
        }
        if let Some(l) = &self.limit {
            write!(f, " LIMIT {l}")?;
        }
        Ok(())
    }
}

impl Display for ProjectionItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        match &self.alias {
            Some(a) => write!(f, " AS {}", id(a)),
            None => Ok(()),
        }
    }
}

impl Display for SortItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.expr, if self.descending { " DESC" } else { "" })
    }
}

impl Display for SetItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Property { target, key, value } => {
                write!(f, "{}.{} = {value}", postfix_operand(target), id(key))
            }
            SetItem::Replace { var, value } => write!(f, "{} = {value}", id(var)),
            SetItem::Merge { var, value } => write!(f, "{} += {value}", id(var)),
            SetItem::Labels { var, labels } => write!(f, "{}{}", id(var), label_text(labels)),
        }
    }
}

impl Display for RemoveItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemoveItem::Property { target, key } => write!(f, "{}.{}", postfix_operand(target), id(key)),
            RemoveItem::Labels { var, labels } => write!(f, "{}{}", id(var), label_text(labels)),
        }
    }
}

fn label_text(labels: &[String]) -> String {
    labels.iter().map(|l| format!(":{}", id(l))).collect()
}

impl Display for PatternPart {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.var {
            write!(f, "{} = ", id(v))?;
        }
        match self.kind {
            PathKind::Plain => write!(f, "{}", self.element),
            PathKind::Shortest => write!(f, "shortestPath({})", self.element),
            PathKind::AllShortest => write!(f, "allShortestPaths({})", self.element),
        }
    }
}

impl Display for PatternElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for (rel, node) in &self.chain {
            write!(f, "{rel}{node}")?;
        }
        Ok(())
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(v) = &self.var {
            f.write_str(&id(v))?;
        }
        f.write_str(&label_text(&self.labels))?;
        if let Some(p) = &self.properties {
            write!(f, "{}{p}", if self.var.is_some() || !self.labels.is_empty() { " " } else { "" })?;
        }
        f.write_str(")")
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut detail = String::new();
        if let Some(v) = &self.var {
            detail.push_str(&id(v));
        }
        if !self.types.is_empty() {
            let types: Vec<String> = self.types.iter().map(|t| id(t)).collect();
            let _ = write!(detail, ":{}", types.join("|"));
        }
        if let Some(len) = &self.length {
            detail.push('*');
            match (len.min, len.max) {
                (Some(a), Some(b)) if a == b => {
                    let _ = write!(detail, "{a}");
                }
                (min, max) => {
                    if let Some(a) = min {
                        let _ = write!(detail, "{a}");
                    }
                    if min.is_some() || max.is_some() {
                        detail.push_str("..");
                    }
                    if let Some(b) = max {
                        let _ = write!(detail, "{b}");
                    }
                }
            }
        }
        if let Some(p) = &self.properties {
            let _ = write!(detail, "{}{p}", if detail.is_empty() { "" } else { " " });
        }
        let body = if detail.is_empty() { "--".to_owned() } else { format!("-[{detail}]-") };
        match self.direction {
            Direction::Outgoing => write!(f, "{body}>"),
            Direction::Incoming => write!(f, "<{body}"),
            Direction::Both => write!(f, "{body}"),
        }
    }
}

/// Binding strength, loosest first, matching the parser's Pratt table.
fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(op, ..) => match op {
            BinaryOp::Or => 1,
            BinaryOp::Xor => 2,
            BinaryOp::And => 3,
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Gt
            | BinaryOp::Le
            | BinaryOp::Ge
            | BinaryOp::Regex => 5,
            BinaryOp::StartsWith | BinaryOp::EndsWith | BinaryOp::Contains | BinaryOp::In => 6,
            BinaryOp::Add | BinaryOp::Sub => 7,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 8,
            BinaryOp::Pow => 9,
        },
        ExprKind::Unary(UnaryOp::Not, _) => 4,
        ExprKind::IsNull(..) => 6,
        ExprKind::Unary(..) => 10,
        _ => 12,
    }
}

/// An operand of a postfix operator (`.key`, `[i]`, `:Label`): parenthesized unless atomic.
fn postfix_operand(e: &Expr) -> String {
    if precedence(e) >= 11
        && !matches!(e.kind, ExprKind::Literal(Value::Int(i)) if i < 0)
        && !is_negative_float(e)
    {
        e.to_string()
    } else {
        format!("({e})")
    }
}

fn is_negative_float(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Literal(Value::Float(x)) if x.is_sign_negative())
}

/// Writes `e`, parenthesized when it binds looser than `min` (or equally, on the right side).
fn operand(e: &Expr, min: u8, right: bool) -> String {
    let p = precedence(e);
    if p < min
        || (right && p == min && p != 12)
        || (matches!(e.kind, ExprKind::Literal(Value::Int(i)) if i < 0) && min > 7)
    {
        format!("({e})")
    } else {
        e.to_string()
    }
}

fn op_text(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Or => "OR",
        BinaryOp::Xor => "XOR",
        BinaryOp::And => "AND",
        BinaryOp::Eq => "=",
        BinaryOp::Ne => "<>",
        BinaryOp::Lt => "<",
        BinaryOp::Le => "<=",
        BinaryOp::Gt => ">",
        BinaryOp::Ge => ">=",
        BinaryOp::Regex => "=~",
        BinaryOp::StartsWith => "STARTS WITH",
        BinaryOp::EndsWith => "ENDS WITH",
        BinaryOp::Contains => "CONTAINS",
        BinaryOp::In => "IN",
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Mod => "%",
        BinaryOp::Pow => "^",
    }
}

fn literal(v: &Value) -> String {
    match v {
        Value::Float(x) if !x.is_finite() => format!("toFloat('{}')", format_float(*x)),
        Value::String(s) => quote(s),
        other => other.to_cypher(),
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(v) => f.write_str(&literal(v)),
            ExprKind::Parameter(p) => write!(f, "${}", id(p)),
            ExprKind::Variable(v) => f.write_str(&id(v)),
            ExprKind::List(items) => {
                f.write_str("[")?;
                join(f, items, ", ")?;
                f.write_str("]")
            }
            ExprKind::Map(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    write!(f, "{}{}: {v}", if i > 0 { ", " } else { "" }, id(k))?;
                }
                f.write_str("}")
            }
            ExprKind::Property(e, key) => write!(f, "{}.{}", postfix_operand(e), id(key)),
            ExprKind::Index(e, i) => write!(f, "{}[{i}]", postfix_operand(e)),
            ExprKind::Slice(e, a, b) => {
                let a = a.as_ref().map(|x| x.to_string()).unwrap_or_default();
                let b = b.as_ref().map(|x| x.to_string()).unwrap_or_default();
                write!(f, "{}[{a}..{b}]", postfix_operand(e))
            }
            ExprKind::HasLabels(e, labels) => write!(f, "{}{}", postfix_operand(e), label_text(labels)),
            ExprKind::Unary(UnaryOp::Not, e) => write!(f, "NOT {}", operand(e, 4, false)),
            ExprKind::Unary(op, e) => {
                let sign = if *op == UnaryOp::Negate { "-" } else { "+" };
                write!(f, "{sign}{}", operand(e, 11, false))
            }
            ExprKind::Binary(op, a, b) => {
                let p = precedence(self);
                write!(f, "{} {} {}", operand(a, p, false), op_text(*op), operand(b, p, true))
            }
            ExprKind::IsNull(e, not) => {
                write!(f, "{} IS {}NULL", operand(e, 7, false), if *not { "NOT " } else { "" })
            }
            ExprKind::Call { name, distinct, args } => {
                write!(f, "{name}({}", if *distinct { "DISTINCT " } else { "" })?;
                join(f, args, ", ")?;
                f.write_str(")")
            }
            ExprKind::CountStar => f.write_str("count(*)"),
            ExprKind::Case { subject, whens, otherwise } => {
                f.write_str("CASE")?;
                if let Some(s) = subject {
                    write!(f, " {s}")?;
                }
                for (w, t) in whens {
                    write!(f, " WHEN {w} THEN {t}")?;
                }
                if let Some(o) = otherwise {
                    write!(f, " ELSE {o}")?;
                }
                f.write_str(" END")
            }
            ExprKind::ListComprehension { var, list, filter, map } => {
                write!(f, "[{} IN {list}", id(var))?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                if let Some(m) = map {
                    write!(f, " | {m}")?;
                }
                f.write_str("]")
            }
            ExprKind::Quantifier { kind, var, list, predicate } => {
                let name = match kind {
                    Quantifier::All => "all",
                    Quantifier::Any => "any",
                    Quantifier::None => "none",
                    Quantifier::Single => "single",
                };
                write!(f, "{name}({} IN {list} WHERE {predicate})", id(var))
            }
            ExprKind::PatternComprehension { var, element, filter, map } => {
                f.write_str("[")?;
                if let Some(v) = var {
                    write!(f, "{} = ", id(v))?;
                }
                write!(f, "{element}")?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                write!(f, " | {map}]")
            }
            ExprKind::PatternPredicate(element) => write!(f, "exists({element})"),
            ExprKind::ExistsSubquery(body) => match &**body {
                ExistsBody::Pattern { element, filter: None } => write!(f, "EXISTS {{ {element} }}"),
                ExistsBody::Pattern { element, filter: Some(filter) } => {
                    write!(f, "EXISTS {{ {element} WHERE {filter} }}")
                }
                ExistsBody::Query(query) => write!(f, "EXISTS {{ {query} }}"),
            },
        }
    }
}
