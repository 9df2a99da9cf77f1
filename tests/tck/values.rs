//! Expected values of the TCK, parsed with `value.pest`, and demarche's results turned into
//! the same shape so the two compare by the TCK's rules: nodes by label set and properties,
//! relationships by type and properties, map key order ignored, integer 1 ≠ float 1.0.

use demarche::{QueryResult, Value};
use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

#[derive(Parser)]
#[grammar = "../tests/tck/value.pest"]
struct ValueParser;

/// A value in the TCK's terms: entities carry their content, not their identity.
#[derive(Debug, Clone)]
pub enum TckValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<TckValue>),
    Map(BTreeMap<String, TckValue>),
    Node(BTreeSet<String>, BTreeMap<String, TckValue>),
    Rel(String, BTreeMap<String, TckValue>),
    /// A start node, then (relationship, forward?, node) per step.
    Path(Box<TckValue>, Vec<(TckValue, bool, TckValue)>),
}

/// Parses one table cell.
pub fn parse(text: &str) -> Result<TckValue, String> {
    let mut pairs = ValueParser::parse(Rule::cell, text.trim())
        .map_err(|e| format!("bad expected value {text:?}: {e}"))?;
    let cell = pairs.next().ok_or("empty cell")?;
    let value = cell.into_inner().next().ok_or("empty cell")?;
    build(value)
}

fn build(pair: Pair<'_, Rule>) -> Result<TckValue, String> {
    let text = pair.as_str();
    Ok(match pair.as_rule() {
        Rule::null => TckValue::Null,
        Rule::boolean => TckValue::Bool(text == "true"),
        Rule::nan => TckValue::Float(f64::NAN),
        Rule::infinity => {
            TckValue::Float(if text.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY })
        }
        Rule::float => TckValue::Float(text.parse().map_err(|e| format!("{text}: {e}"))?),
        Rule::integer => TckValue::Int(text.parse().map_err(|e| format!("{text}: {e}"))?),
        Rule::string => TckValue::Str(unescape(pair.into_inner().next().map_or("", |p| p.as_str()))),
        Rule::list => TckValue::List(pair.into_inner().map(build).collect::<Result<_, _>>()?),
        Rule::map => TckValue::Map(entries(pair)?),
        Rule::node => {
            let mut labels = BTreeSet::new();
            let mut props = BTreeMap::new();
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::label => labels.insert(name(part.into_inner().next().ok_or("label")?)),
                    _ => {
                        props = entries(part)?;
                        true
                    }
                };
            }
            TckValue::Node(labels, props)
        }
        Rule::relationship => {
            let mut inner = pair.into_inner();
            let ty = name(inner.next().ok_or("relationship type")?);
            let props = inner.next().map(entries).transpose()?.unwrap_or_default();
            TckValue::Rel(ty, props)
        }
        Rule::path => {
            let mut inner = pair.into_inner();
            let start = build(inner.next().ok_or("path start")?)?;
            let mut steps = Vec::new();
            for step in inner {
                let mut parts = step.into_inner();
                let dir = parts.next().ok_or("step")?;
                let forward = dir.as_rule() == Rule::forward;
                let rel = build(dir.into_inner().next().ok_or("step relationship")?)?;
                let node = build(parts.next().ok_or("step node")?)?;
                steps.push((rel, forward, node));
            }
            TckValue::Path(Box::new(start), steps)
        }
        other => return Err(format!("unexpected {other:?} in expected value")),
    })
}

fn entries(map: Pair<'_, Rule>) -> Result<BTreeMap<String, TckValue>, String> {
    let mut out = BTreeMap::new();
    for entry in map.into_inner() {
        let mut kv = entry.into_inner();
        let key = name(kv.next().ok_or("map key")?);
        out.insert(key, build(kv.next().ok_or("map value")?)?);
    }
    Ok(out)
}

fn name(pair: Pair<'_, Rule>) -> String {
    let text = pair.as_str();
    text.strip_prefix('`').and_then(|t| t.strip_suffix('`')).unwrap_or(text).to_owned()
}

/// Cypher string escapes, as the TCK writes expected strings.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

impl TckValue {
    /// A demarche value of a result, with its entities looked up in the result.
    pub fn of(v: &Value, result: &QueryResult) -> TckValue {
        match v {
            Value::Null => TckValue::Null,
            Value::Bool(b) => TckValue::Bool(*b),
            Value::Int(i) => TckValue::Int(*i),
            Value::Float(f) => TckValue::Float(*f),
            Value::String(s) => TckValue::Str(s.to_string()),
            Value::Date(d) => TckValue::Str(d.to_string()),
            Value::List(items) => TckValue::List(items.iter().map(|x| TckValue::of(x, result)).collect()),
            Value::Map(m) => {
                TckValue::Map(m.iter().map(|(k, x)| (k.clone(), TckValue::of(x, result))).collect())
            }
            Value::Node(id) => match result.node(*id) {
                Some(n) => TckValue::Node(
                    n.labels.iter().cloned().collect(),
                    n.properties.iter().map(|(k, x)| (k.clone(), TckValue::of(x, result))).collect(),
                ),
                None => TckValue::Str(format!("<deleted node {}>", id.0)),
            },
            Value::Relationship(id) => match result.relationship(*id) {
                Some(r) => TckValue::Rel(
                    r.rel_type.clone(),
                    r.properties.iter().map(|(k, x)| (k.clone(), TckValue::of(x, result))).collect(),
                ),
                None => TckValue::Str(format!("<deleted relationship {}>", id.0)),
            },
            Value::Path(p) => {
                let node = |i: usize| TckValue::of(&Value::Node(p.nodes[i]), result);
                let steps = p
                    .rels
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let forward = result.relationship(*r).is_none_or(|rel| rel.start == p.nodes[i]);
                        (TckValue::of(&Value::Relationship(*r), result), forward, node(i + 1))
                    })
                    .collect();
                TckValue::Path(Box::new(node(0)), steps)
            }
        }
    }

    /// A canonical text: equal texts mean equal values under the TCK's rules. With
    /// `unordered_lists`, list elements are sorted first.
    pub fn canonical(&self, unordered_lists: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, unordered_lists);
        out
    }

    fn write(&self, out: &mut String, unordered: bool) {
        match self {
            TckValue::Null => out.push_str("null"),
            TckValue::Bool(b) => write!(out, "{b}").unwrap_or(()),
            TckValue::Int(i) => write!(out, "{i}").unwrap_or(()),
            TckValue::Float(f) if f.is_nan() => out.push_str("NaN"),
            // -0.0 equals 0.0, as the TCK compares floats by value.
            TckValue::Float(f) if *f == 0.0 => out.push_str("0.0f"),
            TckValue::Float(f) => write!(out, "{f:?}f").unwrap_or(()),
            TckValue::Str(s) => write!(out, "{s:?}").unwrap_or(()),
            TckValue::List(items) => {
                let mut texts: Vec<String> = items.iter().map(|x| x.canonical(unordered)).collect();
                if unordered {
                    texts.sort();
                }
                write!(out, "[{}]", texts.join(", ")).unwrap_or(())
            }
            TckValue::Map(m) => write_map(out, m, unordered),
            TckValue::Node(labels, props) => {
                out.push('(');
                for l in labels {
                    write!(out, ":{l:?}").unwrap_or(());
                }
                write_map(out, props, unordered);
                out.push(')');
            }
            TckValue::Rel(ty, props) => {
                write!(out, "[:{ty:?}").unwrap_or(());
                write_map(out, props, unordered);
                out.push(']');
            }
            TckValue::Path(start, steps) => {
                out.push('<');
                start.write(out, unordered);
                for (rel, forward, node) in steps {
                    out.push_str(if *forward { "-" } else { "<-" });
                    rel.write(out, unordered);
                    out.push_str(if *forward { "->" } else { "-" });
                    node.write(out, unordered);
                }
                out.push('>');
            }
        }
    }

    /// The value as a query parameter; entities are not parameters.
    pub fn to_param(&self) -> Result<Value, String> {
        Ok(match self {
            TckValue::Null => Value::Null,
            TckValue::Bool(b) => Value::Bool(*b),
            TckValue::Int(i) => Value::Int(*i),
            TckValue::Float(f) => Value::Float(*f),
            TckValue::Str(s) => Value::String(s.as_str().into()),
            TckValue::List(items) => {
                Value::List(items.iter().map(TckValue::to_param).collect::<Result<_, _>>()?)
            }
            TckValue::Map(m) => Value::Map(
                m.iter().map(|(k, v)| Ok((k.clone(), v.to_param()?))).collect::<Result<_, String>>()?,
            ),
            other => return Err(format!("parameter {other:?} is an entity")),
        })
    }
}

fn write_map(out: &mut String, m: &BTreeMap<String, TckValue>, unordered: bool) {
    let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k:?}: {}", v.canonical(unordered))).collect();
    write!(out, "{{{}}}", parts.join(", ")).unwrap_or(());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_floats_differ_and_map_order_does_not_matter() {
        let int = parse("1").unwrap().canonical(false);
        let float = parse("1.0").unwrap().canonical(false);
        assert_ne!(int, float);
        let a = parse("{a: 1, b: 'x'}").unwrap().canonical(false);
        let b = parse("{b: 'x', a: 1}").unwrap().canonical(false);
        assert_eq!(a, b);
    }

    #[test]
    fn entities_and_paths_parse() {
        let node = parse("(:B:A {name: 'n'})").unwrap().canonical(false);
        assert_eq!(node, parse("(:A:B {name: 'n'})").unwrap().canonical(false));
        let path = parse("<(:A)-[:T {k: 1}]->(:B)<-[:U]-()>").unwrap();
        assert!(
            matches!(path, TckValue::Path(_, ref steps) if steps.len() == 2 && steps[0].1 && !steps[1].1)
        );
        assert!(parse("[[1, 2], [:T]]").is_ok());
        assert!(parse("'it\\'s'").is_ok_and(|v| matches!(v, TckValue::Str(s) if s == "it's")));
    }

    #[test]
    fn lists_compare_unordered_only_when_asked() {
        let a = parse("[1, 2]").unwrap();
        let b = parse("[2, 1]").unwrap();
        assert_ne!(a.canonical(false), b.canonical(false));
        assert_eq!(a.canonical(true), b.canonical(true));
    }
}
