//! Walking pest pairs without `unwrap`: the grammar's invariants are stated once here, and a
//! broken invariant becomes an error instead of a panic.

use super::Rule;
use crate::error::{Error, Span, SyntaxError};
use pest::iterators::{Pair, Pairs};

/// The span of a pair.
pub fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

/// An error for a pair the grammar should not have produced here.
pub fn unexpected(pair: &Pair<'_, Rule>) -> Error {
    Error::Syntax(SyntaxError {
        message: format!("internal parser error: unexpected {:?} '{}'", pair.as_rule(), pair.as_str()),
        span: span(pair),
    })
}

/// The children of a pair, with keyword tokens left out.
pub struct Children<'i> {
    inner: std::iter::Peekable<Pairs<'i, Rule>>,
    parent: Span,
}

/// The non-keyword children of `pair`.
pub fn children<'i>(pair: &Pair<'i, Rule>) -> Children<'i> {
    Children { inner: pair.clone().into_inner().peekable(), parent: span(pair) }
}

/// True for keyword tokens, which carry no content beyond their presence.
pub fn is_keyword(rule: Rule) -> bool {
    format!("{rule:?}").starts_with("K_") || format!("{rule:?}").starts_with("P_")
}

impl<'i> Children<'i> {
    fn skip_keywords(&mut self) {
        while self.inner.peek().is_some_and(|p| is_keyword(p.as_rule())) {
            self.inner.next();
        }
    }

    /// The next child, which the grammar guarantees is there.
    pub fn next_required(&mut self, what: &str) -> Result<Pair<'i, Rule>, Error> {
        self.skip_keywords();
        self.inner.next().ok_or_else(|| {
            Error::Syntax(SyntaxError {
                message: format!("internal parser error: missing {what}"),
                span: self.parent,
            })
        })
    }

    /// The next child if it is of `rule`.
    pub fn next_if(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        self.skip_keywords();
        self.inner.next_if(|p| p.as_rule() == rule)
    }
}

impl<'i> Iterator for Children<'i> {
    type Item = Pair<'i, Rule>;
    fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.skip_keywords();
        self.inner.next()
    }
}

/// True when `pair` has a keyword child of `rule` (`DISTINCT`, `OPTIONAL`, ...).
pub fn has_keyword(pair: &Pair<'_, Rule>, rule: Rule) -> bool {
    pair.clone().into_inner().any(|p| p.as_rule() == rule)
}
