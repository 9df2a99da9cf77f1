//! Phrase queries → Cypher AST. Each form is written out as the Cypher it means, with entity
//! references resolved to canonical names and dates made explicit, then parsed by the Cypher
//! builders: `explain <phrase>` therefore prints exactly the Cypher that runs.

use super::pairs::{children, span, unexpected};
use super::{QueryParser, Resolve, Rule, cypher, errors};
use crate::error::{Error, Span, SyntaxError};
use crate::model::{Date, quote};
use crate::query::ast::Statement;
use pest::Parser;
use pest::iterators::Pair;

type Result<T> = std::result::Result<T, Error>;

const DATE_OF_MEASURE: &str = "coalesce(m.announced, m.effective, m.deadline, m.reported)";

/// Parses a phrase query and desugars it.
pub fn parse(text: &str, resolver: &dyn Resolve) -> Result<Statement> {
    let mut pairs =
        QueryParser::parse(Rule::phrase, text).map_err(|e| errors::syntax_error(e, text, Rule::phrase))?;
    let phrase = pairs
        .next()
        .ok_or_else(|| Error::Syntax(SyntaxError { message: "empty query".into(), span: Span::new(0, 0) }))?;
    let mut explain = false;
    let mut body = None;
    for part in phrase.into_inner() {
        match part.as_rule() {
            Rule::phrase_explain => explain = true,
            Rule::EOI => {}
            _ => body = Some(part),
        }
    }
    let body = body
        .ok_or_else(|| Error::Syntax(SyntaxError { message: "empty query".into(), span: Span::new(0, 0) }))?;
    let cypher_text = desugar(&body, resolver)?;
    let statement = cypher::parse(&cypher_text).map_err(|e| internal(e, &body))?;
    Ok(if explain { Statement::Explain(Box::new(statement)) } else { statement })
}

fn internal(e: Error, body: &Pair<'_, Rule>) -> Error {
    Error::Syntax(SyntaxError {
        message: format!("internal error desugaring a phrase query: {e}"),
        span: span(body),
    })
}

struct Refs<'a> {
    resolver: &'a dyn Resolve,
}

impl Refs<'_> {
    /// The resolved canonical name of a `reference` pair, as a quoted Cypher string.
    fn reference(&self, pair: Pair<'_, Rule>) -> Result<String> {
        let inner = pair.clone().into_inner().next().ok_or_else(|| unexpected(&pair))?;
        let typed = match inner.as_rule() {
            Rule::string => {
                let expr = cypher::expression(inner.clone())?;
                match expr.kind {
                    crate::query::ast::ExprKind::Literal(crate::model::Value::String(s)) => s.into_string(),
                    _ => return Err(unexpected(&inner)),
                }
            }
            _ => inner.as_str().trim().to_owned(),
        };
        let name = self.resolver.resolve(&typed, span(&pair)).map_err(Error::Semantic)?;
        Ok(quote(&name))
    }
}

fn date_literal(pair: &Pair<'_, Rule>) -> Result<String> {
    let text = children(pair).next_required("date")?;
    Date::parse(text.as_str())
        .map(|d| format!("date('{d}')"))
        .map_err(|e| Error::Syntax(SyntaxError { message: e.to_string(), span: span(&text) }))
}

/// `WHERE date >= ... AND date <= ...` for optional `since` / `until`, or nothing.
fn date_filter(var: &str, since: Option<String>, until: Option<String>) -> String {
    let mut conditions = Vec::new();
    if let Some(s) = since {
        conditions.push(format!("{var} >= {s}"));
    }
    if let Some(u) = until {
        conditions.push(format!("{var} <= {u}"));
    }
    if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) }
}

fn desugar(body: &Pair<'_, Rule>, resolver: &dyn Resolve) -> Result<String> {
    let refs = Refs { resolver };
    let mut c = children(body);
    let mut next_ref = || -> Result<String> { refs.reference(c.next_required("reference")?) };
    Ok(match body.as_rule() {
        Rule::measures_responding => format!(
            "MATCH (m:Measure)-[r:RESPONDS_TO]->(t {{name: {}}}) RETURN m.name AS measure, m.kind AS kind, \
             {DATE_OF_MEASURE} AS date, r.basis AS basis, r.claimed_by AS claimed_by, r.sources AS sources \
             ORDER BY date, measure",
            next_ref()?
        ),
        Rule::all_measures_responding => format!(
            "MATCH p = (m:Measure)-[:RESPONDS_TO*1..10]->(t {{name: {}}}) RETURN m.name AS measure, m.kind AS kind, \
             {DATE_OF_MEASURE} AS date, min(length(p)) AS steps ORDER BY steps, date, measure",
            next_ref()?
        ),
        Rule::responses_to => format!(
            "MATCH (m)-[r:RESPONDS_TO]->(t {{name: {}}}) RETURN m.name AS response, labels(m) AS labels, \
             coalesce(m.announced, m.effective, m.deadline, m.reported, m.date) AS date, r.basis AS basis, \
             r.claimed_by AS claimed_by, r.sources AS sources ORDER BY date, response",
            next_ref()?
        ),
        Rule::what_responds => format!(
            "MATCH (s {{name: {}}})-[r:RESPONDS_TO]->(t) RETURN t.name AS responds_to, labels(t) AS labels, \
             r.basis AS basis, r.claimed_by AS claimed_by, r.sources AS sources ORDER BY responds_to",
            next_ref()?
        ),
        Rule::escalation => escalation(body, &refs)?,
        Rule::measures_by => measures_by(body, &refs)?,
        Rule::count_measures => format!(
            "MATCH (m:Measure)-[:IMPOSED_BY]->()-[:PART_OF*0..2]->(a {{name: {}}}) RETURN count(DISTINCT m) AS measures",
            next_ref()?
        ),
        Rule::timeline => timeline(body, &refs)?,
        Rule::claims_by => format!(
            "MATCH (s)-[:SAID]->(c:Claim) MATCH (s)-[:WORKS_FOR|PART_OF*0..2]->(a {{name: {}}}) \
             RETURN DISTINCT s.name AS by, c.date AS date, c.text AS claim, c.stance AS stance, c.sources AS sources \
             ORDER BY date, by",
            next_ref()?
        ),
        Rule::claims_about => format!(
            "MATCH (c:Claim)-[:ABOUT]->(t {{name: {}}}) OPTIONAL MATCH (s)-[:SAID]->(c) RETURN s.name AS by, \
             c.date AS date, c.text AS claim, c.stance AS stance, c.sources AS sources ORDER BY date, by",
            next_ref()?
        ),
        Rule::contested => {
            "MATCH (m:Measure)<-[:ABOUT]-(a:Claim)-[:CONTRADICTS]-(b:Claim) RETURN m.name AS measure, \
             collect(DISTINCT a.name) AS claims, count(DISTINCT b) AS contradicted_by ORDER BY measure"
                .to_owned()
        }
        Rule::describe => format!(
            "MATCH (n {{name: {}}}) OPTIONAL MATCH (n)-[r]-(m) RETURN labels(n) AS labels, properties(n) AS properties, \
             type(r) AS relationship, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, \
             m.name AS neighbour, r.sources AS sources ORDER BY relationship, neighbour",
            next_ref()?
        ),
        Rule::people_in => format!(
            "MATCH (p:Person)-[w:WORKS_FOR]->(o)-[:PART_OF*0..2]->(a {{name: {}}}) RETURN DISTINCT p.name AS person, \
             w.title AS title, o.name AS organization ORDER BY person",
            next_ref()?
        ),
        Rule::path_between => {
            let (from, to) = (next_ref()?, next_ref()?);
            format!(
                "MATCH p = shortestPath((a {{name: {from}}})-[*..10]-(b {{name: {to}}})) RETURN [n IN nodes(p) | n.name] AS path, \
                 [r IN relationships(p) | type(r)] AS relationships, length(p) AS length"
            )
        }
        Rule::sources_of => format!(
            "MATCH (n {{name: {}}}) UNWIND n.sources AS source MATCH (a:Article {{id: source}}) RETURN a.id AS id, \
             a.outlet AS outlet, a.title AS title, a.published AS published, a.file AS file ORDER BY id",
            next_ref()?
        ),
        _ => return Err(unexpected(body)),
    })
}

fn escalation(body: &Pair<'_, Rule>, refs: &Refs<'_>) -> Result<String> {
    let forward = body.clone().into_inner().any(|p| p.as_rule() == Rule::escalation_from);
    let reference = refs.reference(
        children(body).find(|p| p.as_rule() == Rule::reference).ok_or_else(|| unexpected(body))?,
    )?;
    Ok(if forward {
        format!(
            "MATCH p = (later)-[:RESPONDS_TO*1..10]->(s {{name: {reference}}}) RETURN later.name AS step, length(p) AS depth, \
             [n IN reverse(nodes(p)) | n.name] AS chain ORDER BY depth, step"
        )
    } else {
        format!(
            "MATCH p = (s {{name: {reference}}})-[:RESPONDS_TO*1..10]->(earlier) RETURN earlier.name AS step, length(p) AS depth, \
             [n IN nodes(p) | n.name] AS chain ORDER BY depth, step"
        )
    })
}

fn dates(body: &Pair<'_, Rule>) -> Result<(Option<String>, Option<String>)> {
    let mut since = None;
    let mut until = None;
    for part in children(body) {
        match part.as_rule() {
            Rule::since => since = Some(date_literal(&part)?),
            Rule::until => until = Some(date_literal(&part)?),
            _ => {}
        }
    }
    Ok((since, until))
}

fn measures_by(body: &Pair<'_, Rule>, refs: &Refs<'_>) -> Result<String> {
    let mut by = None;
    let mut against = None;
    for part in children(body) {
        match part.as_rule() {
            Rule::reference => by = Some(refs.reference(part)?),
            Rule::against => against = Some(refs.reference(children(&part).next_required("reference")?)?),
            _ => {}
        }
    }
    let by = by.ok_or_else(|| unexpected(body))?;
    let (since, until) = dates(body)?;
    let against = against
        .map(|a| format!(" MATCH (m)-[:TARGETS]->()-[:PART_OF|LOCATED_IN*0..2]->(b {{name: {a}}})"))
        .unwrap_or_default();
    Ok(format!(
        "MATCH (m:Measure)-[:IMPOSED_BY]->()-[:PART_OF*0..2]->(a {{name: {by}}}){against} \
         WITH DISTINCT m, {DATE_OF_MEASURE} AS date{} RETURN m.name AS measure, m.kind AS kind, date, \
         m.count AS count, m.sources AS sources ORDER BY date, measure",
        date_filter("date", since, until)
    ))
}

fn timeline(body: &Pair<'_, Rule>, refs: &Refs<'_>) -> Result<String> {
    let of =
        children(body).find(|p| p.as_rule() == Rule::reference).map(|p| refs.reference(p)).transpose()?;
    let (since, until) = dates(body)?;
    let start = match of {
        Some(r) => format!(
            "MATCH (x)-[:IMPOSED_BY|TARGETS|PARTICIPATED_IN|ANNOUNCED_BY|PART_OF|LOCATED_IN|WORKS_FOR*1..2]-(ref {{name: {r}}}) \
             WHERE x:Measure OR x:Event"
        ),
        None => "MATCH (x) WHERE x:Measure OR x:Event".to_owned(),
    };
    Ok(format!(
        "{start} WITH DISTINCT x, coalesce(x.date, x.announced, x.effective, x.deadline, x.reported) AS date{} \
         RETURN date, head(labels(x)) AS kind_of, x.name AS name, x.kind AS kind, x.sources AS sources ORDER BY date, name",
        date_filter("date", since, until)
    ))
}
