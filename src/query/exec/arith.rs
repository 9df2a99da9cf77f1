//! Arithmetic with Cypher's rules: integers stay integers (overflow is an error), mixing with a
//! float gives a float, `+` also joins strings and lists, `null` in gives `null` out.

use super::eval::{argument_error, type_error};
use crate::error::Error;
use crate::model::{Value, format_float};
use crate::query::ast::BinaryOp;

/// `a + b`.
pub fn add(a: Value, b: Value) -> Result<Value, Error> {
    Ok(match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::List(mut x), Value::List(y)) => {
            x.extend(y);
            Value::List(x)
        }
        (Value::List(mut x), y) => {
            x.push(y);
            Value::List(x)
        }
        (x, Value::List(y)) => Value::List(std::iter::once(x).chain(y).collect()),
        (Value::String(x), Value::String(y)) => Value::String(x + &y),
        (Value::String(x), y @ (Value::Int(_) | Value::Float(_))) => Value::String(x + &number_text(&y)),
        (x @ (Value::Int(_) | Value::Float(_)), Value::String(y)) => {
            Value::String((number_text(&x) + &y).into())
        }
        (a, b) => numeric(BinaryOp::Add, &a, &b)?,
    })
}

fn number_text(v: &Value) -> String {
    match v {
        Value::Float(f) => format_float(*f),
        other => other.to_string(),
    }
}

/// `-`, `*`, `/`, `%`, `^` (and `+` on numbers).
pub fn numeric(op: BinaryOp, a: &Value, b: &Value) -> Result<Value, Error> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(x), Value::Int(y)) if op != BinaryOp::Pow => int_op(op, *x, *y),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            Ok(Value::Float(float_op(op, as_f64(a), as_f64(b))))
        }
        _ => Err(type_error(format!("cannot compute {} {} {}", a.type_name(), symbol(op), b.type_name()))),
    }
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        _ => f64::NAN,
    }
}

fn int_op(op: BinaryOp, x: i64, y: i64) -> Result<Value, Error> {
    let result = match op {
        BinaryOp::Add => x.checked_add(y),
        BinaryOp::Sub => x.checked_sub(y),
        BinaryOp::Mul => x.checked_mul(y),
        BinaryOp::Div | BinaryOp::Mod if y == 0 => return Err(argument_error("division by zero")),
        BinaryOp::Div => x.checked_div(y),
        BinaryOp::Mod => x.checked_rem(y),
        _ => None,
    };
    result
        .map(Value::Int)
        .ok_or_else(|| argument_error(format!("integer overflow in {x} {} {y}", symbol(op))))
}

fn float_op(op: BinaryOp, x: f64, y: f64) -> f64 {
    match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::Div => x / y,
        BinaryOp::Mod => x % y,
        _ => x.powf(y),
    }
}

fn symbol(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Mod => "%",
        _ => "^",
    }
}
