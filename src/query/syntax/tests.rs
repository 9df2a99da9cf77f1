//! Unit tests of the parser: Cypher forms, printing round trips, errors in words, limits, phrase desugaring.

use super::*;

fn p(text: &str) -> ast::Statement {
    parse(text, &NoResolve).unwrap_or_else(|e| panic!("{text}: {}", e.render(text, "<test>")))
}

#[test]
fn parses_a_spread_of_cypher() {
    for q in [
        "MATCH (n:Person {name: 'A'})-[r:WORKS_FOR|PART_OF*1..3]->(m) WHERE n.x > 1 AND NOT m:Country RETURN n.name AS name, count(*) ORDER BY name DESC SKIP 1 LIMIT 2",
        "OPTIONAL MATCH p = shortestPath((a)-[*..5]-(b)) RETURN p",
        "UNWIND [1, 2] AS x WITH x WHERE x > 1 RETURN x UNION ALL RETURN 3 AS x",
        "MERGE (n:A {k: 1}) ON CREATE SET n.c = true ON MATCH SET n.m = true, n += {z: 1}",
        "MATCH (n) SET n:X:Y, n = {a: 1} REMOVE n.a, n:Y DETACH DELETE n",
        "RETURN CASE WHEN 1 < 2 < 3 THEN [x IN range(1, 3) WHERE x % 2 = 1 | x ^ 2] ELSE {a: $p}.a[0..-1] END",
        "RETURN all(x IN [1] WHERE x IS NOT NULL), exists((a)-->()), [(a)-[:T]->(b) | b.name], -9223372036854775808",
        "BEGIN",
        "commit;",
        "EXPLAIN MATCH (n) RETURN n",
        "CREATE INDEX FOR (m:Measure) ON (m.kind)",
        "MATCH (n) // comment\nRETURN /* block */ n",
    ] {
        p(q);
    }
}

#[test]
fn printing_and_parsing_again_gives_the_same_ast() {
    for q in [
        "MATCH (n:Person {name: 'A'})<-[r:T*2]-(m) WHERE n.x > 1 OR n.y = 2 XOR NOT n.z RETURN DISTINCT n.name AS name",
        "RETURN 1 - (2 - 3), (1 + 2) * 3, -(1 + 2), 2 ^ 3 ^ 4, (2 ^ 3) ^ 4, [1, 2][0], 'it\\'s', 1.5e10, null IS NULL",
        "MATCH p = allShortestPaths((a)-[:X|Y*..4]-(b)) RETURN nodes(p)",
        "MATCH (a)-->(b)<--(c)--(d)-[]->(e) RETURN a",
    ] {
        let first = p(q);
        let printed = first.to_string();
        assert_eq!(p(&printed), first, "{q}\nprinted as\n{printed}");
    }
}

#[test]
fn syntax_errors_say_what_and_where_in_words() {
    let cases = [
        ("MATCH (n RETURN n", "expected"),
        ("MATHC (n) RETURN n", "did you mean MATCH"),
        ("MATCH (n) RETRUN n", "did you mean RETURN"),
        ("RETURN 1 +", "unexpected end of input"),
        ("RETURN 'unterminated", "expected"),
    ];
    for (q, words) in cases {
        let err = parse(q, &NoResolve).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(words), "{q}: {text}");
        assert!(!text.contains("match_clause") && !text.contains("K_"), "rule names leaked: {text}");
        assert!(err.span().is_some());
    }
    // What would have fitted, punctuation included, and where the input ended.
    let cases = [
        (
            "WHERE x RETURN 1",
            "expected a clause (MATCH, CREATE, MERGE, RETURN, WITH, UNWIND, ...), found 'WHERE'",
        ),
        ("MATCH (n RETURN n", "expected ')', ':' or properties, found 'RETURN'"),
        ("MATCH (a)-[r:T->(b) RETURN a", "expected '*', ']', '|' or properties, found '-'"),
        ("RETURN [1,2", "unexpected end of input; expected ',', ']', IN or an operator"),
        ("RETURN {a: 1", "unexpected end of input; expected ',', '}', IN or an operator"),
        ("RETURN count(", "unexpected end of input; expected ')', '*' or an expression"),
        ("RETURN 1 +", "unexpected end of input; expected an expression"),
    ];
    for (q, message) in cases {
        let err = parse(q, &NoResolve).unwrap_err();
        assert_eq!(err.to_string(), format!("syntax error: {message}"), "{q}");
    }
    let err = parse("RETURN [1,2\n", &NoResolve).unwrap_err();
    assert_eq!(
        err.span().unwrap().line_col("RETURN [1,2\n"),
        (1, 12),
        "the end of the text, not the line after"
    );
    let err = parse("MATCH (n)\nRETRUN n", &NoResolve).unwrap_err();
    assert_eq!(err.span().unwrap().line_col("MATCH (n)\nRETRUN n"), (2, 1));
}

#[test]
fn deep_nesting_and_huge_queries_are_clean_errors() {
    let deep = format!("RETURN {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert!(parse(&deep, &NoResolve).unwrap_err().to_string().contains("nested"));
    let huge = format!("RETURN '{}'", "x".repeat(2 << 20));
    assert!(parse(&huge, &NoResolve).unwrap_err().to_string().contains("limit"));
    let fine = format!("RETURN {}1{}", "(".repeat(200), ")".repeat(200));
    p(&fine);
}

#[test]
fn integer_overflow_is_a_syntax_error() {
    assert!(parse("RETURN 9223372036854775808", &NoResolve).is_err());
    assert!(parse("RETURN 99999999999999999999", &NoResolve).is_err());
}

struct Names;
impl Resolve for Names {
    fn resolve(&self, reference: &str, span: Span) -> Result<String, SemanticError> {
        match reference.to_lowercase().as_str() {
            "antonov" | "anatoly antonov" => Ok("Anatoly Antonov".into()),
            "april 2021 us sanctions" => Ok("April 2021 US sanctions".into()),
            "russia" => Ok("Russia".into()),
            "united states" => Ok("United States".into()),
            _ => Err(SemanticError::new(
                crate::error::SemanticKind::UnknownEntity,
                format!("no entity named '{reference}'"),
                Some(span),
            )),
        }
    }
}

#[test]
fn phrase_queries_desugar_to_cypher() {
    let q = parse("measures responding to \"April 2021 US sanctions\"", &Names).unwrap();
    assert!(
        q.to_string().starts_with("MATCH (m:Measure)-[r:RESPONDS_TO]->(t {name: 'April 2021 US sanctions'})"),
        "{q}"
    );
    for phrase in [
        "all measures responding to April 2021 US sanctions;",
        "responses to Antonov",
        "what Antonov responds to",
        "escalation from Antonov",
        "escalation to Antonov",
        "measures by Russia against United States since 2021-04 until 2022",
        "count measures by Russia",
        "timeline of Russia since 2021-08-01",
        "timeline",
        "claims by Antonov",
        "claims about 'Antonov'",
        "contested measures",
        "describe Antonov",
        "people in Russia",
        "path from Antonov to Russia",
        "sources of Antonov",
        "explain timeline since 2021",
    ] {
        let statement = parse(phrase, &Names).unwrap_or_else(|e| panic!("{phrase}: {e}"));
        let printed = statement.to_string();
        assert_eq!(parse(&printed, &NoResolve).unwrap(), statement, "{phrase} → {printed}");
    }
    assert!(matches!(parse("explain describe Antonov", &Names).unwrap(), ast::Statement::Explain(_)));
}

#[test]
fn unknown_references_are_semantic_errors() {
    let err = parse("describe Nobody Known", &Names).unwrap_err();
    assert!(
        matches!(err, Error::Semantic(ref s) if s.kind == crate::error::SemanticKind::UnknownEntity),
        "{err}"
    );
    let err = parse("timeline since 2021-13", &Names).unwrap_err();
    assert!(err.to_string().contains("month"), "{err}");
}

#[test]
fn cypher_count_and_all_are_not_mistaken_for_phrases() {
    p("RETURN count(*)");
    assert!(matches!(parse("count(*)", &NoResolve), Err(Error::Syntax(_))));
    p("MATCH (n) RETURN all(x IN [1] WHERE x = 1)");
}

#[test]
fn split_and_complete_respect_strings_and_comments() {
    let text = "RETURN ';' AS a; // x;\n RETURN 2 /* ; */;  ";
    let spans = split_statements(text);
    assert_eq!(spans.len(), 2);
    assert_eq!(&text[spans[0].start..spans[0].end], "RETURN ';' AS a");
    assert!(is_complete("RETURN 1;"));
    assert!(!is_complete("RETURN ';'"));
    assert!(!is_complete("RETURN 1 // ;"));
}
