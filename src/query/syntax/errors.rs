//! Turning pest's errors into messages in words: what was expected, where, and a suggestion
//! when a word looks like a misspelled keyword. Never names grammar rules.

use super::Rule;
use crate::error::{Error, Span, SyntaxError};

/// Converts a pest error from parsing `text` as `rule` into our syntax error.
///
/// pest's error names only the rules it tracked, not the punctuation or keywords that would
/// have fitted (a missing `)` or `]`), so on error the text is parsed again with pest's error
/// detail on, which records every token tried at the furthest position. That costs a second
/// parse only when one fails (including a phrase attempt before its Cypher fallback succeeds).
pub fn syntax_error(err: pest::error::Error<Rule>, text: &str, rule: Rule) -> Error {
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
    let tokens = detailed_tokens(text, rule, at);
    let found = word_at(text, at);
    let end_of_input = text.trim_end().len();
    let mut message = if at >= end_of_input {
        format!("unexpected end of input; expected {}", expected(&positives, &tokens))
    } else if !positives.is_empty() || !tokens.is_empty() {
        format!("expected {}, found '{}'", expected(&positives, &tokens), found)
    } else if !negatives.is_empty() {
        format!("unexpected '{found}'")
    } else {
        format!("cannot parse the query at '{found}'")
    };
    if let Some(hint) = keyword_hint(&found) {
        message = format!("unknown word '{found}'; did you mean {hint}? ({message})");
    }
    // At the end of the input, point just after its last character rather than past a
    // trailing newline (which would name a line the user never wrote).
    let at = at.min(end_of_input);
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

/// The tokens pest tried at `at` when parsing `text` again with error detail on (empty if that
/// parse stopped elsewhere, which it does not for a deterministic grammar).
/// Each token is its text, lower-cased (ranges and built-in rules are dropped).
fn detailed_tokens(text: &str, rule: Rule, at: usize) -> Vec<String> {
    use pest::Parser;
    // The switch is process-wide: a statement parsed meanwhile on another thread only pays for
    // the detail, and a re-parse whose detail another thread switched off falls back to pest's
    // own list of rules (the `max_position` check below).
    pest::set_error_detail(true);
    let again = super::QueryParser::parse(rule, text);
    pest::set_error_detail(false);
    match again.err().and_then(|e| e.parse_attempts()) {
        Some(attempts) if attempts.max_position == at => attempts
            .expected_tokens()
            .iter()
            .map(|t| t.to_string().to_ascii_lowercase())
            .filter(|t| !t.contains("..") && t != "builtin_rule")
            .collect(),
        _ => Vec::new(),
    }
}

/// How an expected clause is named.
const CLAUSE: &str = "a clause (MATCH, CREATE, MERGE, RETURN, WITH, UNWIND, ...)";

/// Clause keywords whose presence among the tried tokens means a clause was expected.
/// Lower case, as the tokens are compared.
const CLAUSES: [&str; 6] = ["match", "create", "merge", "return", "with", "unwind"];

/// Words for the tokens pest tried: the clauses when a statement or clause was expected, the
/// closing and separating punctuation (a forgotten `)` or `]`), and "an operator" when an
/// expression could have gone on.
fn token_words(tried: &[String], expression_expected: bool) -> Vec<String> {
    let has = |s: &str| tried.iter().any(|t| t == s);
    let mut words = Vec::new();
    if CLAUSES.iter().filter(|c| has(c)).count() >= 3 {
        words.push(CLAUSE.to_owned());
    }
    // Binary operators only: `+` and `-` also start an expression.
    let operators = ["=", "<", "/", "and", "or"].iter().any(|o| has(o));
    let mut punctuation = vec![")", "]", "}", ","];
    if !operators && (has(")") || has("]")) {
        // Inside a node or relationship pattern: a label, properties, a type alternative or a
        // length. (`{` also starts a map or properties, said already when they are expected.)
        punctuation.extend([":", "|", "*"]);
        if !expression_expected {
            punctuation.push("{");
        }
    }
    words.extend(punctuation.into_iter().filter(|p| has(p)).map(|p| format!("'{p}'")));
    if operators {
        words.push("an operator".to_owned());
    }
    words
}

/// A readable list of what could come next.
fn expected(rules: &[Rule], tokens: &[String]) -> String {
    let mut words: Vec<&str> = rules.iter().filter_map(|r| describe(*r)).collect();
    let from_tokens = token_words(tokens, words.contains(&"an expression") || words.contains(&"properties"));
    words.extend(from_tokens.iter().map(String::as_str));
    if words.contains(&"an expression") {
        // Literals, names and patterns are all expressions: say it once.
        const SUBSUMED: [&str; 6] = [
            "NULL",
            "a map such as {key: value}",
            "a name",
            "a name or a quoted string",
            "a pattern such as (n:Label)",
            "an integer",
        ];
        words.retain(|w| !SUBSUMED.contains(w));
    }
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
        | set_clause | remove_clause | delete_clause | single_query | query | clause => CLAUSE,
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
