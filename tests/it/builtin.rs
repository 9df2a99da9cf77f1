//! The built-in knowledge graph: the acceptance questions, the data lint, the docs examples.

use demarche::{Database, Params, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn builtin() -> Database {
    Database::builtin().expect("the built-in graph loads")
}

fn rows(db: &Database, q: &str) -> Vec<Vec<Value>> {
    db.query(q, &Params::new()).unwrap_or_else(|e| panic!("{q}: {e}")).rows
}

#[test]
fn acceptance_questions_are_answered() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/acceptance/questions.txt");
    crate::fixtures::run_file(&builtin(), &path);
}

#[test]
fn every_fact_has_sources_that_are_articles() {
    let db = builtin();
    let articles: BTreeSet<Value> =
        rows(&db, "MATCH (a:Article) RETURN a.id").into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(articles.len(), 5, "one Article node per article file");
    for (what, q) in [
        ("node", "MATCH (n) RETURN coalesce(n.name, toString(id(n))), n.sources"),
        ("relationship", "MATCH (a)-[r]->(b) RETURN a.name + ' -' + type(r) + '-> ' + b.name, r.sources"),
    ] {
        for row in rows(&db, q) {
            let Value::List(sources) = &row[1] else { panic!("{what} {} has no sources", row[0]) };
            assert!(!sources.is_empty(), "{what} {} has an empty sources list", row[0]);
            for s in sources {
                assert!(articles.contains(s), "{what} {} cites unknown article {s}", row[0]);
            }
        }
    }
}

#[test]
fn names_are_unique_and_aliases_resolve_to_one_entity() {
    let db = builtin();
    let names = rows(&db, "MATCH (n) RETURN n.name AS name, count(*) AS n ORDER BY name");
    for row in &names {
        assert!(matches!(row[0], Value::String(_)), "every node has a string name");
        assert_eq!(row[1], Value::Int(1), "name {} is used {} times", row[0], row[1]);
    }
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for row in
        rows(&db, "MATCH (n) WHERE n.aliases IS NOT NULL UNWIND n.aliases AS alias RETURN n.name, alias")
    {
        let (Value::String(name), Value::String(alias)) = (&row[0], &row[1]) else {
            panic!("aliases must be strings: {row:?}")
        };
        assert!(!alias.trim().is_empty(), "{name} has an empty alias");
        assert!(
            db.find_by_name(alias).unwrap().len() == 1,
            "alias '{alias}' of {name} is also another entity's name or alias"
        );
        assert!(
            owner.insert(alias.as_str().to_lowercase(), name.to_string()).is_none(),
            "alias '{alias}' is used twice"
        );
    }
}

#[test]
fn every_measure_has_who_whom_and_when() {
    let db = builtin();
    let missing = rows(
        &db,
        "MATCH (m:Measure) WHERE NOT (m)-[:IMPOSED_BY]->() OR NOT (m)-[:TARGETS]->() \
         OR coalesce(m.announced, m.effective, m.deadline, m.reported, m.in_force_by, m.before) IS NULL RETURN m.name",
    );
    assert!(missing.is_empty(), "measures without IMPOSED_BY, TARGETS or a date: {missing:?}");
    let unbased = rows(
        &db,
        "MATCH ()-[r:RESPONDS_TO]->() WHERE NOT r.basis IN ['stated', 'implied'] OR r.claimed_by IS NULL RETURN id(r)",
    );
    assert!(unbased.is_empty(), "RESPONDS_TO without basis or claimed_by: {unbased:?}");
    let no_text = rows(
        &db,
        "MATCH (c:Claim) WHERE c.text IS NULL OR c.date IS NULL OR NOT ()-[:SAID]->(c) RETURN c.name",
    );
    assert!(no_text.is_empty(), "claims without text, date or speaker: {no_text:?}");
}

#[test]
fn explain_of_each_phrase_runs_as_cypher_with_the_same_rows() {
    let db = builtin();
    for phrase in [
        "measures responding to \"April 2021 US sanctions\"",
        "all measures responding to \"April 2021 US sanctions\"",
        "responses to \"Ban on US missions hiring local staff\"",
        "what \"Expulsion of 10 US diplomats\" responds to",
        "escalation from \"April 2021 US sanctions\"",
        "escalation to \"Closure of US consulate in Vladivostok\"",
        "measures by Russia against \"United States\" since 2021-04 until 2021-12-31",
        "timeline of Russia since 2021-08-01",
        "timeline until 2021-06",
        "claims by Antonov",
        "claims about \"departure of 27 Russian diplomats\"",
        "contested measures",
        "describe Zakharova",
        "people in \"US State Department\"",
        "path from Antonov to Blinken",
        "sources of \"Expulsion of 10 US diplomats\"",
        "count measures by Russia",
    ] {
        let explained = db
            .query(&format!("explain {phrase}"), &Params::new())
            .unwrap_or_else(|e| panic!("explain {phrase}: {e}"));
        let Value::String(cypher) = &explained.rows[0][0] else { panic!("explain returns the Cypher text") };
        let direct = db.query(phrase, &Params::new()).unwrap();
        let via_cypher = db.query(cypher, &Params::new()).unwrap_or_else(|e| panic!("{cypher}: {e}"));
        assert!(!direct.is_empty(), "{phrase} should find something in the built-in graph");
        assert_eq!(direct.columns, via_cypher.columns, "{phrase}");
        assert_eq!(direct.rows, via_cypher.rows, "{phrase}\n{cypher}");
    }
}

#[test]
fn unknown_and_ambiguous_references_list_candidates() {
    let db = builtin();
    let err = db.query("claims by Antonv", &Params::new()).unwrap_err().to_string();
    assert!(err.contains("no entity named 'Antonv'") && err.contains("Anatoly Antonov"), "{err}");
    let err = db.query("describe Sergei", &Params::new()).unwrap_err().to_string();
    assert!(err.contains("could mean") && err.contains("Sergei Ryabkov"), "{err}");
    let ok = db.query("describe antonov", &Params::new()).unwrap();
    assert!(!ok.is_empty(), "case-insensitive alias resolves");
}

#[test]
fn docs_examples_run() {
    let db = builtin();
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md")).unwrap();
    let mut blocks = 0;
    for block in text.split("```cypher").skip(1) {
        let code = block.split("```").next().unwrap_or("");
        for span in demarche::split_statements(code) {
            let statement = &code[span.start..span.end];
            db.query(statement, &Params::new())
                .unwrap_or_else(|e| panic!("docs example failed: {statement}\n{e}"));
        }
        blocks += 1;
    }
    assert!(blocks >= 30, "docs/language.md should have an example per form, found {blocks}");
}
