//! Evaluating compiled expressions against a row, with Cypher's null and type rules.

use super::Runner;
use crate::error::{Error, ExecutionError, ExecutionKind};
use crate::model::Value;
use crate::query::ast::{BinaryOp, Quantifier, UnaryOp};
use crate::query::plan::Expr;
use std::borrow::Cow;
use std::cmp::Ordering;

/// What a missing slot or property reads as, for borrowed evaluation.
static NULL: Value = Value::Null;

/// What an expression can see: the row, comprehension variables, and aggregate results.
#[derive(Clone, Copy)]
pub struct Frame<'r> {
    /// The current row.
    pub row: &'r [Value],
    /// Variables of enclosing comprehensions, by slot (searched before the row).
    pub locals: &'r [(usize, Value)],
    /// Results of the projection's aggregates.
    pub aggs: &'r [Value],
}

impl<'r> Frame<'r> {
    /// A frame over a row only.
    pub fn row(row: &'r [Value]) -> Frame<'r> {
        Frame { row, locals: &[], aggs: &[] }
    }

    /// The value of the variable in `slot`: a comprehension's own, else the row's (null past
    /// its end).
    #[inline]
    fn slot(&self, slot: usize) -> &'r Value {
        match self.locals.iter().rev().find(|(s, _)| *s == slot) {
            Some((_, v)) => v,
            None => self.row.get(slot).unwrap_or(&NULL),
        }
    }
}

/// A runtime error of a given kind, for the kinds without a helper of their own.
pub fn error_of(kind: ExecutionKind, message: impl Into<String>) -> Error {
    Error::Execution(ExecutionError::new(kind, message))
}

/// A type error with a message.
pub fn type_error(message: impl Into<String>) -> Error {
    Error::Execution(ExecutionError::new(ExecutionKind::TypeError, message))
}

/// An argument error with a message.
pub fn argument_error(message: impl Into<String>) -> Error {
    Error::Execution(ExecutionError::new(ExecutionKind::ArgumentError, message))
}

impl Runner<'_> {
    /// Evaluates an expression.
    pub fn eval(&self, e: &Expr, f: Frame<'_>) -> Result<Value, Error> {
        Ok(match e {
            Expr::Lit(v) => v.clone(),
            Expr::Param(name) => self.ctx.param(name)?,
            Expr::Slot(slot) => f.slot(*slot).clone(),
            Expr::List(items) => Value::List(self.eval_all(items, f)?),
            Expr::Map(items) => Value::Map(
                items.iter().map(|(k, v)| Ok((k.clone(), self.eval(v, f)?))).collect::<Result<_, Error>>()?,
            ),
            Expr::Prop(..) => self.eval_ref(e, f)?.into_owned(),
            Expr::Index(x, i) => index(self.eval(x, f)?, self.eval(i, f)?, self)?,
            Expr::Slice(x, a, b) => {
                let a = a.as_ref().map(|a| self.eval(a, f)).transpose()?;
                let b = b.as_ref().map(|b| self.eval(b, f)).transpose()?;
                slice(self.eval(x, f)?, a, b)?
            }
            Expr::Unary(op, x) => unary(*op, self.eval(x, f)?)?,
            Expr::Binary(op, a, b) => self.binary(*op, a, b, f)?,
            Expr::IsNull(x, not) => Value::Bool(self.eval_ref(x, f)?.is_null() != *not),
            Expr::HasLabels(x, labels) => match self.eval(x, f)? {
                Value::Null => Value::Null,
                Value::Node(id) => Value::Bool(labels.iter().all(|l| self.graph.has_label(id, l))),
                // `r:T` on a relationship tests its type (a relationship has exactly one).
                Value::Relationship(id) => {
                    Value::Bool(labels.iter().all(|l| self.graph.rel_type(id) == Some(l.as_str())))
                }
                other => return Err(type_error(format!("label predicate on a {}", other.type_name()))),
            },
            Expr::Call(name, args) => {
                let args = self.eval_all(args, f)?;
                self.call(name, args)?
            }
            Expr::Agg(i) => f.aggs.get(*i).cloned().unwrap_or(Value::Null),
            Expr::Case(subject, whens, otherwise) => {
                self.case(subject.as_deref(), whens, otherwise.as_deref(), f)?
            }
            Expr::ListComp { slot, list, filter, map } => {
                self.list_comp(*slot, list, filter.as_deref(), map.as_deref(), f)?
            }
            Expr::Quant { kind, slot, list, predicate } => {
                self.quantifier(*kind, *slot, list, predicate, f)?
            }
            Expr::Exists { pattern, filter, outer } => {
                Value::Bool(self.pattern_exists(pattern, filter.as_deref(), &self.outer_row(f, *outer))?)
            }
            Expr::ExistsQuery { ops, outer } => {
                // The subquery's steps are not the statement's: PROFILE counts only those.
                let _quiet = self.ctx.quiet();
                let row: super::RowIter<'_> = Box::new(std::iter::once(Ok(self.outer_row(f, *outer))));
                let found = super::read_ops(self, ops, row)?.next().transpose()?.is_some();
                Value::Bool(found)
            }
            Expr::PatternComp { pattern, filter, map, outer } => {
                let mut out = Vec::new();
                for row in self.match_pattern_rows(pattern, &self.outer_row(f, *outer), false)? {
                    let inner = Frame { row: &row, ..f };
                    if let Some(filter) = filter
                        && !self.holds(filter, inner)?
                    {
                        continue;
                    }
                    out.push(self.eval(map, inner)?);
                }
                Value::List(out)
            }
        })
    }

    /// Evaluates each expression, in order (a plain loop: collecting into a `Result` costs
    /// more than the evaluation of a short list).
    pub fn eval_all(&self, exprs: &[Expr], f: Frame<'_>) -> Result<Vec<Value>, Error> {
        let mut out = Vec::with_capacity(exprs.len());
        for e in exprs {
            out.push(self.eval(e, f)?);
        }
        Ok(out)
    }

    /// True when a predicate holds (is `true`, not `false` or null): what `WHERE` and the
    /// filters of comprehensions keep. Same answer and same errors as [`to_bool3`] of
    /// [`Runner::eval`] (a value that is not a boolean is an error), without building a value
    /// for each comparison and connective.
    pub fn holds(&self, e: &Expr, f: Frame<'_>) -> Result<bool, Error> {
        Ok(self.test(e, f)? == Some(true))
    }

    /// A predicate's truth in Cypher's three values (`None` for null); see [`Runner::holds`].
    fn test(&self, e: &Expr, f: Frame<'_>) -> Result<Option<bool>, Error> {
        Ok(match e {
            Expr::Binary(op @ (BinaryOp::And | BinaryOp::Or | BinaryOp::Xor), a, b) => {
                let left = self.test(a, f)?;
                // Short-circuit only when the answer is decided; the right side must still be
                // a boolean.
                match (op, left) {
                    (BinaryOp::And, Some(false)) => return Ok(Some(false)),
                    (BinaryOp::Or, Some(true)) => return Ok(Some(true)),
                    _ => {}
                }
                connect(*op, left, self.test(b, f)?)
            }
            Expr::Binary(
                op
                @ (BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge),
                a,
                b,
            ) => {
                let (a, b) = (self.eval_ref(a, f)?, self.eval_ref(b, f)?);
                comparison(*op, &a, &b)
            }
            Expr::Unary(UnaryOp::Not, x) => self.test(x, f)?.map(|b| !b),
            Expr::IsNull(x, not) => Some(self.eval_ref(x, f)?.is_null() != *not),
            other => to_bool3(self.eval(other, f)?)?,
        })
    }

    /// Evaluates an expression, borrowing the value where it exists already (a literal, a slot
    /// of the row, a property stored in the graph) instead of copying it. Gives the same value
    /// as [`Runner::eval`].
    pub fn eval_ref<'a>(&'a self, e: &'a Expr, f: Frame<'a>) -> Result<Cow<'a, Value>, Error> {
        Ok(match e {
            Expr::Lit(v) => Cow::Borrowed(v),
            Expr::Slot(slot) => Cow::Borrowed(f.slot(*slot)),
            Expr::Prop(x, key) => {
                // Nearly always `v.key`: the variable is read in place, without a call.
                let target = match &**x {
                    Expr::Slot(slot) => Cow::Borrowed(f.slot(*slot)),
                    other => self.eval_ref(other, f)?,
                };
                let graph = self.graph;
                match target.as_ref() {
                    Value::Node(id) => Cow::Borrowed(
                        key.sym(graph).and_then(|k| graph.node_props(*id)?.get_sym(k)).unwrap_or(&NULL),
                    ),
                    Value::Relationship(id) => Cow::Borrowed(
                        key.sym(graph).and_then(|k| graph.rel_props(*id)?.get_sym(k)).unwrap_or(&NULL),
                    ),
                    _ => Cow::Owned(self.property(&target, key)?),
                }
            }
            other => Cow::Owned(self.eval(other, f)?),
        })
    }

    /// The row a nested pattern or subquery starts from: the frame's row with its
    /// comprehension variables written into their slots, cut to the `outer` slots bound where
    /// the expression stands, so that whatever the row holds beyond them does not pass for the
    /// nested variables.
    fn outer_row(&self, f: Frame<'_>, outer: usize) -> Vec<Value> {
        let mut row = f.row.to_vec();
        for (slot, value) in f.locals {
            if row.len() <= *slot {
                row.resize(slot + 1, Value::Null);
            }
            row[*slot] = value.clone();
        }
        row.truncate(outer);
        row
    }

    /// `value.key` for nodes, relationships, maps and dates.
    pub fn property(&self, value: &Value, key: &str) -> Result<Value, Error> {
        Ok(match value {
            Value::Null => Value::Null,
            Value::Node(id) => {
                self.graph.node_props(*id).and_then(|p| p.get(key)).cloned().unwrap_or(Value::Null)
            }
            Value::Relationship(id) => {
                self.graph.rel_props(*id).and_then(|p| p.get(key)).cloned().unwrap_or(Value::Null)
            }
            Value::Map(map) => map.get(key).cloned().unwrap_or(Value::Null),
            Value::Date(d) => match key {
                "year" => Value::Int(d.year_part() as i64),
                "month" => d.month_part().map_or(Value::Null, |m| Value::Int(m as i64)),
                "day" => d.day_part().map_or(Value::Null, |m| Value::Int(m as i64)),
                "precision" => Value::String(format!("{:?}", d.precision()).to_lowercase().into()),
                _ => Value::Null,
            },
            other => {
                return Err(type_error(format!("cannot read property '{key}' of a {}", other.type_name())));
            }
        })
    }

    fn binary(&self, op: BinaryOp, a: &Expr, b: &Expr, f: Frame<'_>) -> Result<Value, Error> {
        match op {
            BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => return self.logical(op, a, b, f),
            _ => {}
        }
        let (a, b) = (self.eval_ref(a, f)?, self.eval_ref(b, f)?);
        if matches!(op, BinaryOp::Add) {
            return super::arith::add(a.into_owned(), b.into_owned());
        }
        let (a, b) = (a.as_ref(), b.as_ref());
        Ok(match op {
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                comparison(op, a, b).map_or(Value::Null, Value::Bool)
            }
            BinaryOp::StartsWith => strings(a, b, |x, y| x.starts_with(y))?,
            BinaryOp::EndsWith => strings(a, b, |x, y| x.ends_with(y))?,
            BinaryOp::Contains => strings(a, b, |x, y| x.contains(y))?,
            BinaryOp::Regex => regex_match(a, b)?,
            BinaryOp::In => in_list(a, b)?,
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod | BinaryOp::Pow => {
                super::arith::numeric(op, a, b)?
            }
            BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::Add => Value::Null,
        })
    }

    fn logical(&self, op: BinaryOp, a: &Expr, b: &Expr, f: Frame<'_>) -> Result<Value, Error> {
        let left = to_bool3(self.eval(a, f)?)?;
        // Short-circuit only when the answer is decided; the right side must still be a boolean.
        match (op, left) {
            (BinaryOp::And, Some(false)) => return Ok(Value::Bool(false)),
            (BinaryOp::Or, Some(true)) => return Ok(Value::Bool(true)),
            _ => {}
        }
        let right = to_bool3(self.eval(b, f)?)?;
        Ok(connect(op, left, right).map_or(Value::Null, Value::Bool))
    }

    fn case(
        &self,
        subject: Option<&Expr>,
        whens: &[(Expr, Expr)],
        otherwise: Option<&Expr>,
        f: Frame<'_>,
    ) -> Result<Value, Error> {
        let subject = subject.map(|s| self.eval(s, f)).transpose()?;
        for (when, then) in whens {
            let w = self.eval(when, f)?;
            let hit = match &subject {
                Some(s) => s.cypher_eq(&w) == Some(true),
                None => matches!(w, Value::Bool(true)),
            };
            if hit {
                return self.eval(then, f);
            }
        }
        otherwise.map_or(Ok(Value::Null), |o| self.eval(o, f))
    }

    fn list_comp(
        &self,
        slot: usize,
        list: &Expr,
        filter: Option<&Expr>,
        map: Option<&Expr>,
        f: Frame<'_>,
    ) -> Result<Value, Error> {
        let items = match self.eval(list, f)? {
            Value::Null => return Ok(Value::Null),
            Value::List(items) => items,
            other => {
                return Err(type_error(format!(
                    "expected a list to iterate over, got a {}",
                    other.type_name()
                )));
            }
        };
        let mut out = Vec::new();
        let mut locals = f.locals.to_vec();
        for item in items {
            self.ctx.tick()?;
            locals.push((slot, item.clone()));
            let inner = Frame { locals: &locals, ..f };
            let keep = match filter {
                Some(filter) => self.holds(filter, inner)?,
                None => true,
            };
            if keep {
                out.push(match map {
                    Some(map) => self.eval(map, inner)?,
                    None => item,
                });
            }
            locals.pop();
        }
        Ok(Value::List(out))
    }

    fn quantifier(
        &self,
        kind: Quantifier,
        slot: usize,
        list: &Expr,
        predicate: &Expr,
        f: Frame<'_>,
    ) -> Result<Value, Error> {
        let items = match self.eval(list, f)? {
            Value::Null => return Ok(Value::Null),
            Value::List(items) => items,
            other => return Err(type_error(format!("expected a list to test, got a {}", other.type_name()))),
        };
        let (mut trues, mut nulls) = (0usize, 0usize);
        let mut locals = f.locals.to_vec();
        for item in items.iter() {
            locals.push((slot, item.clone()));
            match to_bool3(self.eval(predicate, Frame { locals: &locals, ..f })?)? {
                Some(true) => trues += 1,
                None => nulls += 1,
                Some(false) => {}
            }
            locals.pop();
        }
        let falses = items.len() - trues - nulls;
        let out = match kind {
            Quantifier::All => {
                if falses > 0 {
                    Some(false)
                } else if nulls > 0 {
                    None
                } else {
                    Some(true)
                }
            }
            Quantifier::Any => {
                if trues > 0 {
                    Some(true)
                } else if nulls > 0 {
                    None
                } else {
                    Some(false)
                }
            }
            Quantifier::None => {
                if trues > 0 {
                    Some(false)
                } else if nulls > 0 {
                    None
                } else {
                    Some(true)
                }
            }
            Quantifier::Single => {
                if trues > 1 {
                    Some(false)
                } else if nulls > 0 {
                    None
                } else {
                    Some(trues == 1)
                }
            }
        };
        Ok(out.map_or(Value::Null, Value::Bool))
    }
}

/// Three-valued truth of a value: `None` for null; an error for anything but a boolean.
pub fn to_bool3(v: Value) -> Result<Option<bool>, Error> {
    match v {
        Value::Bool(b) => Ok(Some(b)),
        Value::Null => Ok(None),
        other => Err(type_error(format!("expected a boolean, got a {}", other.type_name()))),
    }
}

/// `AND`, `OR` or `XOR` of two truths in Cypher's three values.
fn connect(op: BinaryOp, left: Option<bool>, right: Option<bool>) -> Option<bool> {
    match op {
        BinaryOp::And => match (left, right) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        BinaryOp::Or => match (left, right) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => left.zip(right).map(|(x, y)| x != y),
    }
}

/// `=`, `<>`, `<`, `<=`, `>` or `>=` in Cypher's three values (`None` for null, and for values
/// that do not compare).
fn comparison(op: BinaryOp, a: &Value, b: &Value) -> Option<bool> {
    match op {
        BinaryOp::Eq => a.cypher_eq(b),
        BinaryOp::Ne => a.cypher_eq(b).map(|x| !x),
        BinaryOp::Lt => a.cypher_cmp(b).map(|o| o == Ordering::Less),
        BinaryOp::Le => a.cypher_cmp(b).map(|o| o != Ordering::Greater),
        BinaryOp::Gt => a.cypher_cmp(b).map(|o| o == Ordering::Greater),
        _ => a.cypher_cmp(b).map(|o| o != Ordering::Less),
    }
}

fn strings(a: &Value, b: &Value, test: impl Fn(&str, &str) -> bool) -> Result<Value, Error> {
    Ok(match (a, b) {
        (Value::String(x), Value::String(y)) => Value::Bool(test(x, y)),
        _ => Value::Null,
    })
}

fn regex_match(a: &Value, b: &Value) -> Result<Value, Error> {
    match (a, b) {
        (Value::String(text), Value::String(pattern)) => {
            let re = regex::Regex::new(&format!("^(?:{pattern})$"))
                .map_err(|e| argument_error(format!("invalid regular expression '{pattern}': {e}")))?;
            Ok(Value::Bool(re.is_match(text)))
        }
        _ => Ok(Value::Null),
    }
}

fn in_list(a: &Value, b: &Value) -> Result<Value, Error> {
    let items = match b {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        other => {
            return Err(type_error(format!("IN expects a list on its right, got a {}", other.type_name())));
        }
    };
    let mut unknown = false;
    for item in items {
        match a.cypher_eq(item) {
            Some(true) => return Ok(Value::Bool(true)),
            None => unknown = true,
            Some(false) => {}
        }
    }
    Ok(if unknown { Value::Null } else { Value::Bool(false) })
}

fn unary(op: UnaryOp, v: Value) -> Result<Value, Error> {
    Ok(match (op, v) {
        (_, Value::Null) => Value::Null,
        (UnaryOp::Not, v) => to_bool3(v)?.map_or(Value::Null, |b| Value::Bool(!b)),
        (UnaryOp::Negate, Value::Int(i)) => {
            Value::Int(i.checked_neg().ok_or_else(|| argument_error("integer overflow in negation"))?)
        }
        (UnaryOp::Negate, Value::Float(x)) => Value::Float(-x),
        (UnaryOp::Plus, v @ (Value::Int(_) | Value::Float(_))) => v,
        (_, other) => return Err(type_error(format!("cannot apply a sign to a {}", other.type_name()))),
    })
}

fn list_position(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

fn index(container: Value, idx: Value, runner: &Runner<'_>) -> Result<Value, Error> {
    Ok(match (container, idx) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::List(items), Value::Int(i)) => {
            list_position(items.len(), i).map_or(Value::Null, |p| items[p].clone())
        }
        (Value::List(_), other) => {
            return Err(type_error(format!("a list index must be an integer, not a {}", other.type_name())));
        }
        (m @ (Value::Map(_) | Value::Node(_) | Value::Relationship(_)), Value::String(key)) => {
            runner.property(&m, &key)?
        }
        (Value::Map(_) | Value::Node(_) | Value::Relationship(_), other) => {
            return Err(type_error(format!("a map key must be a string, not a {}", other.type_name())));
        }
        (other, _) => return Err(type_error(format!("cannot index into a {}", other.type_name()))),
    })
}

fn slice(container: Value, from: Option<Value>, to: Option<Value>) -> Result<Value, Error> {
    let items = match container {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        other => return Err(type_error(format!("cannot slice a {}", other.type_name()))),
    };
    let len = items.len() as i64;
    let bound = |v: Option<Value>, default: i64| -> Result<Option<i64>, Error> {
        match v {
            None => Ok(Some(default)),
            Some(Value::Null) => Ok(None),
            Some(Value::Int(i)) => Ok(Some(if i < 0 { (len + i).max(0) } else { i.min(len) })),
            Some(other) => {
                Err(type_error(format!("a slice bound must be an integer, not a {}", other.type_name())))
            }
        }
    };
    let (Some(a), Some(b)) = (bound(from, 0)?, bound(to, len)?) else { return Ok(Value::Null) };
    Ok(Value::List(if a < b { items[a as usize..b as usize].to_vec() } else { vec![] }))
}
