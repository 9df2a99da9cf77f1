//! The scalar function library (`size`, `toLower`, `date`, `nodes`, ...).
//!
//! Names arrive lower-cased and with a checked number of arguments (see `plan`).

use super::Runner;
use super::eval::{argument_error, error_of, type_error};
use crate::error::{Error, ExecutionKind};
use crate::model::{Date, Value, format_float};

fn int_arg(name: &str, v: &Value) -> Result<Option<i64>, Error> {
    match v {
        Value::Null => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        other => Err(type_error(format!("{name}() expects an integer, got a {}", other.type_name()))),
    }
}

fn float_arg(name: &str, v: &Value) -> Result<Option<f64>, Error> {
    match v {
        Value::Null => Ok(None),
        Value::Int(i) => Ok(Some(*i as f64)),
        Value::Float(f) => Ok(Some(*f)),
        other => Err(type_error(format!("{name}() expects a number, got a {}", other.type_name()))),
    }
}

fn str_arg<'v>(name: &str, v: &'v Value) -> Result<Option<&'v str>, Error> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        other => Err(type_error(format!("{name}() expects a string, got a {}", other.type_name()))),
    }
}

fn math(name: &str, v: &Value, op: fn(f64) -> f64) -> Result<Value, Error> {
    Ok(float_arg(name, v)?.map_or(Value::Null, |x| Value::Float(op(x))))
}

impl Runner<'_> {
    /// Calls a scalar function.
    pub fn call(&self, name: &str, args: Vec<Value>) -> Result<Value, Error> {
        let a = |i: usize| args.get(i).unwrap_or(&Value::Null);
        Ok(match name {
            "coalesce" => args.iter().find(|v| !v.is_null()).cloned().unwrap_or(Value::Null),
            "id" => match a(0) {
                Value::Node(id) => Value::Int(id.0 as i64),
                Value::Relationship(id) => Value::Int(id.0 as i64),
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!(
                        "id() expects a node or relationship, got a {}",
                        other.type_name()
                    )));
                }
            },
            "elementid" => match a(0) {
                Value::Node(id) => Value::String(compact_str::format_compact!("n{}", id.0)),
                Value::Relationship(id) => Value::String(compact_str::format_compact!("r{}", id.0)),
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!(
                        "elementId() expects a node or relationship, got a {}",
                        other.type_name()
                    )));
                }
            },
            "labels" => match a(0) {
                Value::Node(id) => {
                    Value::List(self.graph.node_labels(*id).into_iter().map(Value::from).collect())
                }
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!("labels() expects a node, got a {}", other.type_name())));
                }
            },
            "type" => match a(0) {
                Value::Relationship(id) => self.graph.rel_type(*id).map_or(Value::Null, Value::from),
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!(
                        "type() expects a relationship, got a {}",
                        other.type_name()
                    )));
                }
            },
            "keys" | "properties" => self.keys_or_properties(name, a(0))?,
            "size" => match a(0) {
                Value::List(items) => Value::Int(items.len() as i64),
                Value::String(s) => Value::Int(s.chars().count() as i64),
                Value::Map(m) => Value::Int(m.len() as i64),
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!(
                        "size() expects a list or string, got a {}",
                        other.type_name()
                    )));
                }
            },
            "length" => match a(0) {
                Value::Path(p) => Value::Int(p.rels.len() as i64),
                Value::List(items) => Value::Int(items.len() as i64),
                Value::String(s) => Value::Int(s.chars().count() as i64),
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!("length() expects a path, got a {}", other.type_name())));
                }
            },
            "nodes" | "relationships" => match a(0) {
                Value::Path(p) if name == "nodes" => {
                    Value::List(p.nodes.iter().map(|n| Value::Node(*n)).collect())
                }
                Value::Path(p) => Value::List(p.rels.iter().map(|r| Value::Relationship(*r)).collect()),
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!("{name}() expects a path, got a {}", other.type_name())));
                }
            },
            "startnode" | "endnode" => match a(0) {
                Value::Relationship(id) => match self.graph.rel_ends(*id) {
                    Some((s, e)) => Value::Node(if name == "startnode" { s } else { e }),
                    None => Value::Null,
                },
                Value::Null => Value::Null,
                other => {
                    return Err(type_error(format!(
                        "{name}() expects a relationship, got a {}",
                        other.type_name()
                    )));
                }
            },
            "head" | "last" | "tail" | "reverse" | "isempty" => list_function(name, a(0))?,
            "range" => range(&args)?,
            "tostring" | "tostringornull" => to_string(a(0), name == "tostringornull")?,
            "tointeger" | "tointegerornull" => to_integer(a(0), name == "tointegerornull")?,
            "tofloat" | "tofloatornull" => to_float(a(0), name == "tofloatornull")?,
            "toboolean" | "tobooleanornull" => to_boolean(a(0), name == "tobooleanornull")?,
            "tolower" => str_arg(name, a(0))?.map_or(Value::Null, |s| Value::from(s.to_lowercase())),
            "toupper" => str_arg(name, a(0))?.map_or(Value::Null, |s| Value::from(s.to_uppercase())),
            "trim" => str_arg(name, a(0))?.map_or(Value::Null, |s| Value::from(s.trim())),
            "ltrim" => str_arg(name, a(0))?.map_or(Value::Null, |s| Value::from(s.trim_start())),
            "rtrim" => str_arg(name, a(0))?.map_or(Value::Null, |s| Value::from(s.trim_end())),
            "substring" | "left" | "right" => substring(name, &args)?,
            "replace" => match (str_arg(name, a(0))?, str_arg(name, a(1))?, str_arg(name, a(2))?) {
                (Some(s), Some(from), Some(to)) => Value::from(s.replace(from, to)),
                _ => Value::Null,
            },
            "split" => match (str_arg(name, a(0))?, str_arg(name, a(1))?) {
                (Some(s), Some("")) => Value::List(s.chars().map(|c| Value::from(c.to_string())).collect()),
                (Some(s), Some(sep)) => Value::List(s.split(sep).map(Value::from).collect()),
                _ => Value::Null,
            },
            "abs" => match a(0) {
                Value::Int(i) => {
                    Value::Int(i.checked_abs().ok_or_else(|| argument_error("integer overflow in abs()"))?)
                }
                v => math(name, v, f64::abs)?,
            },
            "sign" => match a(0) {
                Value::Int(i) => Value::Int(i.signum()),
                v => float_arg(name, v)?.map_or(Value::Null, |x| {
                    Value::Int(if x > 0.0 {
                        1
                    } else if x < 0.0 {
                        -1
                    } else {
                        0
                    })
                }),
            },
            "ceil" => math(name, a(0), f64::ceil)?,
            "floor" => math(name, a(0), f64::floor)?,
            "round" => round(&args)?,
            "sqrt" => math(name, a(0), f64::sqrt)?,
            "exp" => math(name, a(0), f64::exp)?,
            "log" => math(name, a(0), f64::ln)?,
            "log10" => math(name, a(0), f64::log10)?,
            "sin" => math(name, a(0), f64::sin)?,
            "cos" => math(name, a(0), f64::cos)?,
            "tan" => math(name, a(0), f64::tan)?,
            "pi" => Value::Float(std::f64::consts::PI),
            "e" => Value::Float(std::f64::consts::E),
            "rand" => Value::Float(pseudo_random()),
            "timestamp" => Value::Int(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64),
            ),
            "exists" => Value::Bool(!a(0).is_null()),
            "date" => date(&args)?,
            "valuetype" => Value::from(a(0).type_name()),
            _ => return Err(argument_error(format!("unknown function '{name}'"))),
        })
    }

    fn keys_or_properties(&self, name: &str, v: &Value) -> Result<Value, Error> {
        let props = match v {
            Value::Node(id) => self.graph.node_props(*id).map(|p| p.to_map()).unwrap_or_default(),
            Value::Relationship(id) => self.graph.rel_props(*id).map(|p| p.to_map()).unwrap_or_default(),
            Value::Map(m) => m.clone(),
            Value::Null => return Ok(Value::Null),
            other => {
                return Err(type_error(format!(
                    "{name}() expects a node, relationship or map, got a {}",
                    other.type_name()
                )));
            }
        };
        Ok(if name == "keys" {
            Value::List(props.into_keys().map(Value::from).collect())
        } else {
            Value::Map(props)
        })
    }
}

fn list_function(name: &str, v: &Value) -> Result<Value, Error> {
    let items = match v {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        Value::String(s) if name == "reverse" => return Ok(Value::from(s.chars().rev().collect::<String>())),
        Value::String(s) if name == "isempty" => return Ok(Value::Bool(s.is_empty())),
        Value::Map(m) if name == "isempty" => return Ok(Value::Bool(m.is_empty())),
        other => return Err(type_error(format!("{name}() expects a list, got a {}", other.type_name()))),
    };
    Ok(match name {
        "head" => items.first().cloned().unwrap_or(Value::Null),
        "last" => items.last().cloned().unwrap_or(Value::Null),
        "tail" => Value::List(items.iter().skip(1).cloned().collect()),
        "isempty" => Value::Bool(items.is_empty()),
        _ => Value::List(items.iter().rev().cloned().collect()),
    })
}

fn range(args: &[Value]) -> Result<Value, Error> {
    let start = int_arg("range", &args[0])?;
    let end = int_arg("range", &args[1])?;
    let step = match args.get(2) {
        Some(v) => int_arg("range", v)?,
        None => Some(1),
    };
    let (Some(start), Some(end), Some(step)) = (start, end, step) else { return Ok(Value::Null) };
    if step == 0 {
        return Err(error_of(ExecutionKind::NumberOutOfRange, "range() step cannot be 0"));
    }
    let count = if (step > 0 && start > end) || (step < 0 && start < end) {
        0
    } else {
        ((end as i128 - start as i128) / step as i128 + 1) as u128
    };
    if count > 10_000_000 {
        return Err(argument_error(format!("range() would produce {count} elements (limit 10000000)")));
    }
    Ok(Value::List((0..count as i64).map(|i| Value::Int(start + i * step)).collect()))
}

fn to_string(v: &Value, or_null: bool) -> Result<Value, Error> {
    Ok(match v {
        Value::Null => Value::Null,
        Value::String(s) => Value::from(s.as_str()),
        Value::Int(i) => Value::from(i.to_string()),
        Value::Float(f) => Value::from(format_float(*f)),
        Value::Bool(b) => Value::from(b.to_string()),
        Value::Date(d) => Value::from(d.to_string()),
        _ if or_null => Value::Null,
        other => {
            return Err(error_of(
                ExecutionKind::InvalidArgumentValue,
                format!("toString() cannot convert a {}", other.type_name()),
            ));
        }
    })
}

fn to_integer(v: &Value, or_null: bool) -> Result<Value, Error> {
    Ok(match v {
        Value::Int(i) => Value::Int(*i),
        Value::Float(f) if f.is_finite() && f.abs() < 9.2e18 => Value::Int(f.trunc() as i64),
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => match s.trim().parse::<f64>() {
                Ok(f) if f.is_finite() && f.abs() < 9.2e18 => Value::Int(f.trunc() as i64),
                _ => Value::Null,
            },
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Null | Value::Float(_) => Value::Null,
        _ if or_null => Value::Null,
        other => {
            return Err(error_of(
                ExecutionKind::InvalidArgumentValue,
                format!("toInteger() cannot convert a {}", other.type_name()),
            ));
        }
    })
}

fn to_float(v: &Value, or_null: bool) -> Result<Value, Error> {
    Ok(match v {
        Value::Int(i) => Value::Float(*i as f64),
        Value::Float(f) => Value::Float(*f),
        Value::String(s) => s.trim().parse::<f64>().map_or(Value::Null, Value::Float),
        Value::Null => Value::Null,
        _ if or_null => Value::Null,
        other => {
            return Err(error_of(
                ExecutionKind::InvalidArgumentValue,
                format!("toFloat() cannot convert a {}", other.type_name()),
            ));
        }
    })
}

fn to_boolean(v: &Value, or_null: bool) -> Result<Value, Error> {
    Ok(match v {
        Value::Bool(b) => Value::Bool(*b),
        Value::String(s) => match s.trim().to_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::Null,
        },
        Value::Int(i) => Value::Bool(*i != 0),
        Value::Null => Value::Null,
        _ if or_null => Value::Null,
        other => {
            return Err(error_of(
                ExecutionKind::InvalidArgumentValue,
                format!("toBoolean() cannot convert a {}", other.type_name()),
            ));
        }
    })
}

fn substring(name: &str, args: &[Value]) -> Result<Value, Error> {
    let Some(s) = str_arg(name, &args[0])? else { return Ok(Value::Null) };
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let arg = |i: usize| args.get(i).map(|v| int_arg(name, v)).transpose().map(Option::flatten);
    let (start, len) = match name {
        "left" => (Some(0), arg(1)?),
        "right" => (arg(1)?.map(|l| (n - l).max(0)), arg(1)?),
        _ => (arg(1)?, if args.len() > 2 { arg(2)? } else { Some(n) }),
    };
    let (Some(start), Some(len)) = (start, len) else {
        return if name == "substring" && args.len() > 2 && args[2].is_null() {
            Ok(Value::Null)
        } else {
            Err(argument_error(format!("{name}() needs integer bounds")))
        };
    };
    if start < 0 || len < 0 {
        return Err(argument_error(format!("{name}() bounds cannot be negative")));
    }
    let from = start.min(n) as usize;
    let to = (start.saturating_add(len)).min(n) as usize;
    Ok(Value::from(chars[from..to.max(from)].iter().collect::<String>()))
}

fn round(args: &[Value]) -> Result<Value, Error> {
    let Some(x) = float_arg("round", &args[0])? else { return Ok(Value::Null) };
    let precision = match args.get(1) {
        Some(v) => int_arg("round", v)?.unwrap_or(0),
        None => return Ok(Value::Float(if x.is_finite() { (x + 0.5).floor() } else { x })),
    };
    let factor = 10f64.powi(precision as i32);
    Ok(Value::Float((x * factor).round() / factor))
}

fn date(args: &[Value]) -> Result<Value, Error> {
    match args.first() {
        None => {
            let days = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() / 86_400);
            Ok(Value::Date(civil_from_days(days as i64)))
        }
        Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(s)) => Date::parse(s).map(Value::Date).map_err(|e| argument_error(e.to_string())),
        Some(Value::Date(d)) => Ok(Value::Date(*d)),
        Some(Value::Map(m)) => {
            let part = |k: &str| m.get(k).and_then(Value::as_int);
            let year = part("year").ok_or_else(|| argument_error("date({...}) needs a year"))? as i32;
            let d = match (part("month"), part("day")) {
                (None, None) => Some(Date::year(year)),
                (Some(mo), None) => Date::month(year, mo as u8),
                (Some(mo), Some(day)) => Date::day(year, mo as u8, day as u8),
                (None, Some(_)) => None,
            };
            d.map(Value::Date).ok_or_else(|| argument_error("date({...}) has an impossible month or day"))
        }
        Some(other) => Err(type_error(format!("date() expects a string, got a {}", other.type_name()))),
    }
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date::day(year, month, day).unwrap_or_else(|| Date::year(year))
}

fn pseudo_random() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}
