//! Embedding demarche: open a file database, add an ambassador, an embassy and a measure with
//! their sources, close it, reopen it and read everything back.
//!
//! Run with `cargo run --example embed [PATH]`; without PATH it uses a temporary directory.

use demarche::{Database, Params, Properties, Value};

fn props(pairs: &[(&str, Value)]) -> Properties {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = std::env::args().nth(1).map_or_else(|| dir.path().join("diplomacy.db"), Into::into);

    {
        let db = Database::open(&path)?;
        // The typed API: no query text needed.
        let sources = Value::from(vec!["tass-2021-12-03"]);
        let antonov = db.create_node(
            &["Person"],
            props(&[
                ("name", "Anatoly Antonov".into()),
                ("title", "Russian Ambassador to the United States".into()),
                ("sources", sources.clone()),
            ]),
        )?;
        let embassy = db.create_node(
            &["Organization", "Embassy"],
            props(&[("name", "Russian Embassy in Washington".into()), ("sources", sources.clone())]),
        )?;
        db.create_relationship(
            antonov,
            "WORKS_FOR",
            embassy,
            props(&[("title", "Ambassador".into()), ("sources", sources)]),
        )?;
        // The query language, with a parameter.
        let mut params = Params::new();
        params.insert("name".into(), Value::from("Departure of 27 Russian diplomats by 2022-01-30"));
        db.execute(
            "CREATE (:Measure {name: $name, kind: 'expulsion', count: 27, deadline: date('2022-01-30'), \
             sources: ['tass-2021-12-03', 'rferl-2022-01-16']})",
            &params,
        )?;
    } // dropping the handle checkpoints the log into the snapshot

    let db = Database::open(&path)?;
    let result = db.query(
        "MATCH (p:Person)-[w:WORKS_FOR]->(e:Embassy) RETURN p.name AS person, w.title AS title, e.name AS embassy",
        &Params::new(),
    )?;
    for row in result.iter() {
        let person: &str = row.get("person")?;
        let title: &str = row.get("title")?;
        let embassy: &str = row.get("embassy")?;
        println!("{person} — {title}, {embassy}");
    }
    let measures = db.query("MATCH (m:Measure) RETURN m.name AS name, m.count AS count, m.deadline AS deadline, m.sources AS sources", &Params::new())?;
    println!("{}", measures.to_json());
    let found = db.find_by_name("Anatoly Antonov")?;
    assert_eq!(found.len(), 1, "the ambassador should be found by name after reopening");
    assert_eq!(measures.len(), 1, "the measure should survive reopening");
    Ok(())
}
