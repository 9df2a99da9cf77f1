//! The values of the data model: what properties hold and what queries compute (DESIGN §3).
//!
//! Plain data with Cypher's semantics for equality (three-valued, `null` propagates),
//! comparison and ordering. Nodes, relationships and paths appear as ids: results carry the
//! entities they mention beside the rows, so a value stays small and cheap to copy.

use super::date::Date;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// The stable id of a node. Ids are never reused within a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub u64);

/// The stable id of a relationship. Ids are never reused within a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RelId(pub u64);

/// A path: `nodes.len() == rels.len() + 1`, relationship `i` joins node `i` and node `i + 1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Path {
    /// The nodes along the path, in order.
    pub nodes: Vec<NodeId>,
    /// The relationships along the path, in order.
    pub rels: Vec<RelId>,
}

/// A value: a property value, a query result cell or an intermediate result.
///
/// Properties may hold every variant except `Node`, `Relationship` and `Path`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Value {
    /// The absence of a value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A 64-bit signed integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A UTF-8 string. Up to 24 bytes it is kept inside the value, without an allocation:
    /// most property values (names, kinds, codes) are that short. Build one with
    /// `Value::from("text")` or `Value::String("text".into())`.
    String(CompactString),
    /// A date known to the day, month or year.
    Date(Date),
    /// A list of values.
    List(Vec<Value>),
    /// A map from string keys to values, kept in key order.
    Map(BTreeMap<String, Value>),
    /// A reference to a node.
    Node(NodeId),
    /// A reference to a relationship.
    Relationship(RelId),
    /// A path through the graph.
    Path(Box<Path>),
}

// A value stays four words: rows, sort keys and stored properties are arrays of them. A variant
// with a larger payload belongs behind a `Box` (as `Path` is).
const _: () = assert!(std::mem::size_of::<Value>() == 32);

impl Value {
    /// True for `Value::Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The Cypher name of this value's type, as used in error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "NULL",
            Value::Bool(_) => "BOOLEAN",
            Value::Int(_) => "INTEGER",
            Value::Float(_) => "FLOAT",
            Value::String(_) => "STRING",
            Value::Date(_) => "DATE",
            Value::List(_) => "LIST",
            Value::Map(_) => "MAP",
            Value::Node(_) => "NODE",
            Value::Relationship(_) => "RELATIONSHIP",
            Value::Path(_) => "PATH",
        }
    }

    /// True when the value may be stored as a property (no entities, also inside lists and maps).
    pub fn is_storable(&self) -> bool {
        match self {
            Value::Node(_) | Value::Relationship(_) | Value::Path(_) => false,
            Value::List(items) => items.iter().all(Value::is_storable),
            Value::Map(map) => map.values().all(Value::is_storable),
            _ => true,
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer inside, if this is an integer.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// Cypher equality (`=`): `None` stands for `null` (unknown).
    ///
    /// Integers and floats compare by numeric value; lists and maps compare element-wise, and
    /// are unknown when an unknown element decides the outcome; `NaN` equals nothing.
    pub fn cypher_eq(&self, other: &Value) -> Option<bool> {
        use Value::*;
        match (self, other) {
            (Null, _) | (_, Null) => None,
            (Int(a), Int(b)) => Some(a == b),
            (Int(_) | Float(_), Int(_) | Float(_)) => Some(numeric_cmp(self, other) == Some(Ordering::Equal)),
            (Bool(a), Bool(b)) => Some(a == b),
            (String(a), String(b)) => Some(a == b),
            (Date(a), Date(b)) => Some(a == b),
            (Node(a), Node(b)) => Some(a == b),
            (Relationship(a), Relationship(b)) => Some(a == b),
            (Path(a), Path(b)) => Some(a == b),
            (List(a), List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                all_equal(a.iter().zip(b))
            }
            (Map(a), Map(b)) => {
                if a.len() != b.len() || a.keys().ne(b.keys()) {
                    return Some(false);
                }
                all_equal(a.values().zip(b.values()))
            }
            _ => Some(false),
        }
    }

    /// Cypher comparison (`<`, `<=`, `>`, `>=`): `None` when the values are not comparable
    /// (different types, `null`, `NaN`), which the comparison operators turn into `null`.
    pub fn cypher_cmp(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Int(_) | Float(_), Int(_) | Float(_)) => numeric_cmp(self, other),
            (String(a), String(b)) => Some(a.cmp(b)),
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    match x.cypher_cmp(y)? {
                        Ordering::Equal => continue,
                        unequal => return Some(unequal),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            _ => None,
        }
    }

    /// The total order of `ORDER BY`: maps, nodes, relationships, lists, paths, dates,
    /// strings, booleans, numbers (`NaN` last among them), then `null`.
    pub fn order(&self, other: &Value) -> Ordering {
        use Value::*;
        let rank = self.order_rank().cmp(&other.order_rank());
        if rank != Ordering::Equal {
            return rank;
        }
        match (self, other) {
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                let (a, b) = (self.as_f64_lossy(), other.as_f64_lossy());
                match (a.is_nan(), b.is_nan()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    _ => numeric_cmp(self, other).unwrap_or(Ordering::Equal),
                }
            }
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let o = x.order(y);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Map(a), Map(b)) => {
                for ((ka, va), (kb, vb)) in a.iter().zip(b) {
                    let o = ka.cmp(kb).then_with(|| va.order(vb));
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Node(a), Node(b)) => a.cmp(b),
            (Relationship(a), Relationship(b)) => a.cmp(b),
            (Path(a), Path(b)) => (&a.nodes, &a.rels).cmp(&(&b.nodes, &b.rels)),
            (String(a), String(b)) => a.cmp(b),
            (Bool(a), Bool(b)) => a.cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            _ => Ordering::Equal,
        }
    }

    /// Equivalence as used by `DISTINCT`, grouping and `IN` on lists: like [`Value::order`],
    /// two `null`s are the same and `1` is the same as `1.0`.
    pub fn equivalent(&self, other: &Value) -> bool {
        self.order(other) == Ordering::Equal
    }

    fn order_rank(&self) -> u8 {
        match self {
            Value::Map(_) => 0,
            Value::Node(_) => 1,
            Value::Relationship(_) => 2,
            Value::List(_) => 3,
            Value::Path(_) => 4,
            Value::Date(_) => 5,
            Value::String(_) => 6,
            Value::Bool(_) => 7,
            Value::Int(_) | Value::Float(_) => 8,
            Value::Null => 9,
        }
    }

    fn as_f64_lossy(&self) -> f64 {
        match self {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            _ => f64::NAN,
        }
    }

    /// Writes the value as a Cypher literal (`'text'`, `date('2021-04')`, `[1, 2]`, `{a: 1}`).
    pub fn to_cypher(&self) -> String {
        let mut out = String::new();
        write_cypher(self, &mut out);
        out
    }
}

/// Hashing consistent with [`Value::equivalent`], for grouping and `DISTINCT`.
impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.order_rank().hash(state);
        match self {
            Value::Null => {}
            Value::Bool(b) => b.hash(state),
            Value::Int(i) => hash_number(*i as f64, state),
            Value::Float(f) => hash_number(*f, state),
            Value::String(s) => s.hash(state),
            Value::Date(d) => d.hash(state),
            Value::List(items) => items.iter().for_each(|v| v.hash(state)),
            Value::Map(map) => map.iter().for_each(|(k, v)| {
                k.hash(state);
                v.hash(state)
            }),
            Value::Node(id) => id.hash(state),
            Value::Relationship(id) => id.hash(state),
            Value::Path(p) => p.hash(state),
        }
    }
}

fn hash_number<H: std::hash::Hasher>(f: f64, state: &mut H) {
    use std::hash::Hash;
    // Integers beyond 2^53 collide with their float neighbours, which is allowed for a hash.
    if f.is_nan() { u64::MAX.hash(state) } else { (f + 0.0).to_bits().hash(state) }
}

/// Structural equality, the same relation as [`Value::equivalent`] (`null == null` here).
impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        self.equivalent(other)
    }
}

impl Eq for Value {}

/// The total order of `ORDER BY` ([`Value::order`]), not Cypher's `<` (see [`Value::cypher_cmp`]).
impl Ord for Value {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order(other)
    }
}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn all_equal<'a>(pairs: impl Iterator<Item = (&'a Value, &'a Value)>) -> Option<bool> {
    let mut unknown = false;
    for (a, b) in pairs {
        match a.cypher_eq(b) {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown { None } else { Some(true) }
}

fn numeric_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Float(y)) => cmp_int_float(*x, *y),
        (Value::Float(x), Value::Int(y)) => cmp_int_float(*y, *x).map(Ordering::reverse),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ => None,
    }
}

/// Compares an integer with a float exactly, even beyond 2^53.
fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    let two_63 = (1u64 << 63) as f64;
    if f >= two_63 {
        return Some(Ordering::Less);
    }
    if f < -two_63 {
        return Some(Ordering::Greater);
    }
    let truncated = f.trunc() as i64;
    Some(i.cmp(&truncated).then_with(|| 0.0f64.partial_cmp(&(f - f.trunc())).unwrap_or(Ordering::Equal)))
}

fn write_cypher(value: &Value, out: &mut String) {
    use std::fmt::Write;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&format_float(*f)),
        Value::String(s) => out.push_str(&quote(s)),
        Value::Date(d) => {
            let _ = write!(out, "date('{d}')");
        }
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_cypher(item, out);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&crate::model::escape_identifier(k));
                out.push_str(": ");
                write_cypher(v, out);
            }
            out.push('}');
        }
        Value::Node(id) => {
            let _ = write!(out, "<node {}>", id.0);
        }
        Value::Relationship(id) => {
            let _ = write!(out, "<relationship {}>", id.0);
        }
        Value::Path(p) => {
            let _ = write!(out, "<path of {} relationships>", p.rels.len());
        }
    }
}

/// Formats a float so that it reads back as a float: `1.0`, `0.5`, `1e300`, `NaN`, `Infinity`.
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity".into() } else { "-Infinity".into() }
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else if f.abs() >= 1e16 || f.abs() < 1e-6 {
        // Shortest round-trip digits with an exponent (`1e300`, `1.5e-10`): still a float
        // literal when read back, where plain digits would be an integer or a long run of zeros.
        format!("{f:e}")
    } else {
        format!("{f}")
    }
}

/// Quotes a string as a single-quoted Cypher string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Human-readable form, as shown in tables: strings unquoted at top level, dates in their precision.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => f.write_str(s),
            Value::Date(d) => write!(f, "{d}"),
            other => f.write_str(&other.to_cypher()),
        }
    }
}

macro_rules! from_impl {
    ($($t:ty => $variant:ident),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value { Value::$variant(v.into()) }
        }
    )*};
}
from_impl!(bool => Bool, i64 => Int, i32 => Int, f64 => Float, String => String, &str => String, Date => Date);

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_propagates_through_equality() {
        assert_eq!(Value::Null.cypher_eq(&Value::Int(1)), None);
        let a = Value::from(vec![Value::Int(1), Value::Null]);
        assert_eq!(a.cypher_eq(&Value::from(vec![Value::Int(1), Value::Int(2)])), None);
        assert_eq!(a.cypher_eq(&Value::from(vec![Value::Int(2), Value::Null])), Some(false));
    }

    #[test]
    fn integers_and_floats_compare_numerically() {
        assert_eq!(Value::Int(1).cypher_eq(&Value::Float(1.0)), Some(true));
        assert_eq!(Value::Int(i64::MAX).cypher_cmp(&Value::Float(9.3e18)), Some(Ordering::Less));
        assert_eq!(Value::Float(f64::NAN).cypher_eq(&Value::Float(f64::NAN)), Some(false));
        assert_eq!(Value::Int(2).cypher_cmp(&Value::Float(1.5)), Some(Ordering::Greater));
    }

    #[test]
    fn different_types_are_not_comparable_but_are_ordered() {
        assert_eq!(Value::Int(1).cypher_cmp(&Value::from("a")), None);
        assert_eq!(Value::from("a").order(&Value::Int(1)), Ordering::Less);
        assert_eq!(Value::Null.order(&Value::Float(f64::NAN)), Ordering::Greater);
    }

    #[test]
    fn literals_print_as_cypher() {
        let v = Value::from(vec![
            Value::from("it's"),
            Value::Float(1.0),
            Value::Date(Date::parse("2021-04").unwrap()),
        ]);
        assert_eq!(v.to_cypher(), "['it\\'s', 1.0, date('2021-04')]");
    }
}
