//! Turning pest's errors into messages in words: what was expected, where, and a suggestion
//! when a word looks like a misspelled keyword. Never names grammar rules.

use super::Rule;
use crate::error::{Error, Span, SyntaxError};

/// Converts a pest error for `text` into our syntax error.
pub fn syntax_error(err: pest::error::Error<Rule>, text: &str) -> Error {
    let at = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let (positives, negatives) = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, negatives } => {
            (positives.clone(), negatives.clone())
        }
        pest::error::ErrorVariant::CustomError { .. } => (vec![], vec![]),
    };
    let found = word_at(text, at);
    let mut message = if at >= text.trim_end().len() {
        format!("unexpected end of input; expected {}", expected(&positives))
    } else if !positives.is_empty() {
        format!("expected {}, found '{}'", expected(&positives), found)
    } else if !negatives.is_empty() {
        format!("unexpected '{found}'")
    } else {
        format!("cannot parse the query at '{found}'")
    };
    if let Some(hint) = keyword_hint(&found) {
        message = format!("unknown word '{found}'; did you mean {hint}? ({message})");
    }
    let end = (at + found.len().max(1)).min(text.len().max(at + 1));
    Error::Syntax(SyntaxError { message, span: Span::new(at, end) })
}

fn word_at(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    if word.is_empty() { rest.chars().next().map(String::from).unwrap_or_default() } else { word }
}

fn keyword_hint(word: &str) -> Option<&'static str> {
    if word.len() < 3 || super::KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
        return None;
    }
    let upper = word.to_uppercase();
    super::KEYWORDS
        .iter()
        .filter(|k| k.chars().all(|c| c.is_ascii_uppercase()))
        .map(|k| (strsim::damerau_levenshtein(&upper, k), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.len() / 2 + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// A readable list of what could come next.
fn expected(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules.iter().filter_map(|r| describe(*r)).collect();
    words.sort();
    words.dedup();
    match words.len() {
        0 => "something else".into(),
        1 => words[0].into(),
        n => format!("{} or {}", words[..n - 1].join(", "), words[n - 1]),
    }
}

fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "the end of the statement",
        expression | operand | prefix_op | literal | parenthesized | variable => "an expression",
        pattern | pattern_part | pattern_element | node_pattern => "a pattern such as (n:Label)",
        rel_pattern | relationship_chain => "a relationship such as -[:TYPE]->",
        match_clause | with_clause | return_clause | unwind_clause | create_clause | merge_clause
        | set_clause | remove_clause | delete_clause | single_query | query | clause => {
            "a clause (MATCH, RETURN, CREATE, ...)"
        }
        K_MATCH => "MATCH",
        K_RETURN => "RETURN",
        K_AS => "AS",
        K_WHERE => "WHERE",
        K_THEN => "THEN",
        K_WHEN => "WHEN",
        K_END => "END",
        K_IN => "IN",
        K_BY => "BY",
        K_NULL => "NULL",
        symbolic_name | plain_name | escaped_name => "a name",
        integer => "an integer",
        string | reference | bare_reference => "a name or a quoted string",
        date => "a date such as 2021-08-01",
        map_entry | map_literal => "a map such as {key: value}",
        properties => "properties",
        projection_item | projection_items | projection => "a return item",
        sort_item => "a sort expression",
        set_property | set_merge | set_replace | set_labels | property_target => "a property to set",
        infix_op | op_or | op_and | op_eq | op_add => "an operator",
        P_TO => "'to'",
        P_RESPONDING => "'responding'",
        P_RESPONDS => "'responds to'",
        P_FROM => "'from'",
        P_OF => "'of'",
        P_MEASURES => "'measures'",
        P_ABOUT => "'about'",
        _ => return None,
    })
}
