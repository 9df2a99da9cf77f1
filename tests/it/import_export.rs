//! Import and export: both CSV header styles, typed columns, every kind of bad row (with
//! file:line and an unchanged database), round trips through CSV and Cypher, GraphML, JSON
//! lines, DOT of a query result, and the exit codes of `demarche import` / `demarche export`.

use assert_cmd::Command;
use demarche::{CsvImport, Database, ExportFormat, ImportError, Params, Value};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn demarche() -> Command {
    Command::cargo_bin("demarche").unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn files(nodes: &[&Path], rels: &[&Path]) -> CsvImport {
    CsvImport {
        nodes: nodes.iter().map(|p| p.to_path_buf()).collect(),
        relationships: rels.iter().map(|p| p.to_path_buf()).collect(),
    }
}

/// The graph as sorted text, independent of ids: one line per node, one per relationship
/// (naming its ends by their own description).
fn canon(db: &Database) -> (Vec<String>, Vec<String>) {
    let p = Params::new();
    let nodes = db.query("MATCH (n) RETURN n", &p).unwrap();
    let describe = |id| {
        let n = nodes.node(id).unwrap();
        format!("{:?} {}", n.labels, Value::Map(n.properties.clone().into_iter().collect()).to_cypher())
    };
    let mut node_lines: Vec<String> = nodes
        .rows
        .iter()
        .map(|r| match &r[0] {
            Value::Node(id) => describe(*id),
            other => panic!("not a node: {other:?}"),
        })
        .collect();
    let rels = db.query("MATCH ()-[r]->() RETURN r", &p).unwrap();
    let mut rel_lines: Vec<String> = rels
        .rows
        .iter()
        .map(|r| {
            let Value::Relationship(id) = &r[0] else { panic!("not a relationship") };
            let rel = rels.relationship(*id).unwrap();
            format!(
                "{} -[{} {}]-> {}",
                describe(rel.start),
                rel.rel_type,
                Value::Map(rel.properties.clone().into_iter().collect()).to_cypher(),
                describe(rel.end)
            )
        })
        .collect();
    node_lines.sort();
    rel_lines.sort();
    (node_lines, rel_lines)
}

fn one(db: &Database, query: &str) -> Value {
    let result = db.query(query, &Params::new()).unwrap();
    result.rows.first().and_then(|r| r.first()).cloned().unwrap_or(Value::Null)
}

const PLAIN_NODES: &str = "id,kind,name,date,count,note\n\
    1,Person,Ann,2021-04-15,3,first\n\
    42,Person,Bob,2021-04,,\n\
    7,Country,Russia,,12,\"has, comma\"\n";
const PLAIN_EDGES: &str = "src,dst,type\n1,42,KNOWS\n42,7,CITIZEN_OF\n1,7,CITIZEN_OF\n";

#[test]
fn plain_format_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(dir.path(), "nodes.csv", PLAIN_NODES);
    let edges = write(dir.path(), "edges.csv", PLAIN_EDGES);
    let db = dir.path().join("g.db");
    demarche()
        .arg("import")
        .arg(&db)
        .arg("--nodes")
        .arg(&nodes)
        .arg("--relationships")
        .arg(&edges)
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 3 nodes and 3 relationships"));
    let out = demarche()
        .arg(&db)
        .args(["--format", "json", "-c", "MATCH (n:Person {id: 42}) RETURN n.name, n.date, n.count"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        r#"{"columns":["n.name","n.date","n.count"],"rows":[["Bob","2021-04",null]]}"#
    );
    let db = Database::open(&db).unwrap();
    assert_eq!(one(&db, "MATCH (n {name: 'Ann'}) RETURN n.id"), Value::Int(1));
    assert_eq!(one(&db, "MATCH (n {name: 'Ann'}) RETURN n.count"), Value::Int(3));
    assert_eq!(one(&db, "MATCH (n {name: 'Ann'}) RETURN n.kind"), Value::from("Person"));
    assert_eq!(one(&db, "MATCH (n {name: 'Ann'}) RETURN n.note"), Value::from("first"));
    assert_eq!(one(&db, "MATCH (n {name: 'Ann'}) RETURN n.date = date('2021-04-15')"), Value::Bool(true));
    assert_eq!(one(&db, "MATCH (n:Country) RETURN n.note"), Value::from("has, comma"));
    assert_eq!(one(&db, "MATCH (:Person {id: 42})-[:CITIZEN_OF]->(c) RETURN c.name"), Value::from("Russia"));
    assert_eq!(one(&db, "MATCH (c:Country)<-[r]-() RETURN count(r)"), Value::Int(2));
}

#[test]
fn neo4j_headers_with_types_groups_and_arrays() {
    let dir = tempfile::tempdir().unwrap();
    let people = write(
        dir.path(),
        "people.csv",
        "pid:ID(Person),:LABEL,name,age:int,height:float,ok:boolean,born:date,tags:string[],scores:long[],skip:IGNORE\n\
         p1,Person;Diplomat,Anatoly Antonov,71,1.8,true,1955-05-15,ambassador;russia,1;2;3,x\n\
         p2,Person,\"Maria \"\"M\"\" Zakharova\",,,FALSE,1975,,,y\n",
    );
    let orgs = write(dir.path(), "orgs.csv", ":ID(Org),:LABEL,name\np1,Organization,Russian Embassy\n");
    let rels = write(
        dir.path(),
        "works.csv",
        ":START_ID(Person),:END_ID(Org),:TYPE,since:date,title\np1,p1,WORKS_FOR,2021-01,Ambassador\np2,p1,WORKS_FOR,,\n",
    );
    let db = Database::in_memory();
    let summary = db.import_csv(&files(&[&people, &orgs], &[&rels]), &mut |_| {}).unwrap();
    assert_eq!((summary.nodes, summary.relationships), (3, 2));
    let antonov = db.find_by_name("Anatoly Antonov").unwrap().remove(0);
    assert_eq!(antonov.labels, vec!["Person", "Diplomat"]);
    let p = &antonov.properties;
    assert_eq!(p["pid"], Value::from("p1"));
    assert_eq!(p["age"], Value::Int(71));
    assert_eq!(p["height"], Value::Float(1.8));
    assert_eq!(p["ok"], Value::Bool(true));
    assert_eq!(p["born"].to_string(), "1955-05-15");
    assert_eq!(p["tags"], Value::from(vec!["ambassador", "russia"]));
    assert_eq!(p["scores"], Value::from(vec![1i64, 2, 3]));
    assert!(!p.contains_key("skip"));
    let zakharova = db.find_by_name("Maria \"M\" Zakharova").unwrap().remove(0);
    assert_eq!(zakharova.properties["ok"], Value::Bool(false));
    assert_eq!(zakharova.properties["born"].to_string(), "1975");
    assert!(!zakharova.properties.contains_key("age"), "an empty cell leaves the property absent");
    // Ids are per group: p1 the person and p1 the embassy are different nodes.
    assert_eq!(
        one(&db, "MATCH (:Person {name: 'Anatoly Antonov'})-[r:WORKS_FOR]->(o:Organization) RETURN r.since"),
        Value::Date(demarche::Date::parse("2021-01").unwrap())
    );
    assert_eq!(one(&db, "MATCH ()-[r:WORKS_FOR]->() WHERE r.title IS NULL RETURN count(r)"), Value::Int(1));
}

/// Imports `nodes` and `rels` into a database that already holds data, expects the error to
/// mention `expected` pieces, and checks the database is exactly as before, also after reopening.
fn assert_rejected(nodes: &str, rels: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("g.db");
    let node_file = write(dir.path(), "nodes.csv", nodes);
    let rel_file = write(dir.path(), "rels.csv", rels);
    let before;
    let schema_before;
    {
        let db = Database::open(&db_path).unwrap();
        db.execute(
            "CREATE (:Country {name: 'Russia'})-[:BORDERS]->(:Country {name: 'Norway'})",
            &Params::new(),
        )
        .unwrap();
        before = canon(&db);
        schema_before = format!("{:?}", db.schema().unwrap());
        let err = db.import_csv(&files(&[&node_file], &[&rel_file]), &mut |_| {}).unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, ImportError::Row { .. }), "{message}");
        for piece in expected {
            assert!(message.contains(piece), "'{message}' should mention '{piece}'");
        }
        assert_eq!(canon(&db), before, "the failed import left something behind");
        assert_eq!(format!("{:?}", db.schema().unwrap()), schema_before);
        db.execute("CREATE (:Country {name: 'Finland'})", &Params::new()).unwrap();
        assert_eq!(one(&db, "MATCH (c:Country {name: 'Finland'}) RETURN count(c)"), Value::Int(1));
        db.execute("MATCH (c:Country {name: 'Finland'}) DELETE c", &Params::new()).unwrap();
    }
    let db = Database::open(&db_path).unwrap();
    assert_eq!(canon(&db), before);
}

const GOOD_NODES: &str = "id:ID,:LABEL,name,n:int\na,Person,Ann,1\nb,Person,Bob,2\n";
const GOOD_RELS: &str = ":START_ID,:END_ID,:TYPE\na,b,KNOWS\n";

#[test]
fn a_row_with_the_wrong_number_of_columns_is_rejected() {
    assert_rejected(
        "id:ID,:LABEL,name,n:int\na,Person,Ann,1\nb,Person,Bob\n",
        GOOD_RELS,
        &["nodes.csv:3:", "expected 4 columns", "found 3", "'n:int'"],
    );
}

#[test]
fn a_bad_integer_is_rejected_with_its_column() {
    assert_rejected(
        "id:ID,:LABEL,name,n:int\na,Person,Ann,1\nb,Person,Bob,two\n",
        GOOD_RELS,
        &["nodes.csv:3:", "column 'n:int'", "'two' is not an integer"],
    );
}

#[test]
fn a_bad_date_is_rejected_with_its_column() {
    assert_rejected(
        "id:ID,d:date\na,2021-02-30\n",
        ":START_ID,:END_ID,:TYPE\n",
        &["nodes.csv:2:", "column 'd:date'", "2021-02-30"],
    );
    assert_rejected(
        "id,kind,name,date,count\n1,Person,Ann,2021-13,1\n",
        "src,dst,type\n",
        &["nodes.csv:2:", "column 'date'"],
    );
}

#[test]
fn a_bad_boolean_or_float_is_rejected() {
    assert_rejected(
        "id:ID,ok:boolean\na,yes\n",
        GOOD_RELS,
        &["nodes.csv:2:", "column 'ok:boolean'", "'yes'"],
    );
    assert_rejected("id:ID,x:float\na,1.2.3\n", GOOD_RELS, &["nodes.csv:2:", "column 'x:float'", "'1.2.3'"]);
}

#[test]
fn unknown_start_and_end_ids_are_rejected() {
    assert_rejected(
        GOOD_NODES,
        ":START_ID,:END_ID,:TYPE\na,b,KNOWS\nzz,b,KNOWS\n",
        &["rels.csv:3:", "column ':START_ID'", "unknown start node id 'zz'"],
    );
    assert_rejected(
        GOOD_NODES,
        ":START_ID,:END_ID,:TYPE\na,b,KNOWS\n\nb,q,KNOWS\n",
        &["rels.csv:4:", "column ':END_ID'", "unknown end node id 'q'"],
    );
    assert_rejected(
        "id,kind,name\n1,Person,Ann\n",
        "src,dst,type\n1,2,KNOWS\n",
        &["rels.csv:2:", "column 'dst'", "'2'"],
    );
}

#[test]
fn duplicate_ids_are_rejected() {
    assert_rejected(
        "id:ID,:LABEL,name\na,Person,Ann\nb,Person,Bob\na,Person,Again\n",
        GOOD_RELS,
        &["nodes.csv:4:", "column 'id:ID'", "duplicate node id 'a'"],
    );
    assert_rejected(
        "id,kind,name\n1,Person,Ann\n1,Person,Bob\n",
        "src,dst,type\n",
        &["nodes.csv:3:", "column 'id'", "duplicate node id '1'"],
    );
}

#[test]
fn line_numbers_count_lines_inside_quoted_cells() {
    assert_rejected(
        "id:ID,note,n:int\na,\"two\nlines\",1\nb,x,oops\n",
        GOOD_RELS,
        &["nodes.csv:4:", "'oops'"],
    );
}

#[test]
fn bad_headers_are_rejected() {
    assert_rejected(
        "id:ID,when:datetime\na,2021\n",
        GOOD_RELS,
        &["nodes.csv:1:", "unsupported type 'datetime'"],
    );
    assert_rejected(GOOD_NODES, ":START_ID,:TYPE\na,KNOWS\n", &["rels.csv:1:", "end id column"]);
    assert_rejected("src,dst,type\n1,2,X\n", GOOD_RELS, &["nodes.csv:1:", "--relationships"]);
    assert_rejected("id:ID,name,name\na,x,y\n", GOOD_RELS, &["nodes.csv:1:", "column 'name'", "twice"]);
    assert_rejected("", GOOD_RELS, &["nodes.csv:1:", "empty"]);
}

#[test]
fn import_adds_to_an_existing_database_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("g.db");
    let nodes = write(dir.path(), "nodes.csv", GOOD_NODES);
    let rels = write(dir.path(), "rels.csv", GOOD_RELS);
    {
        let db = Database::open(&db_path).unwrap();
        db.execute("CREATE (:Person {name: 'Old'})", &Params::new()).unwrap();
        let mut reports = Vec::new();
        db.import_csv(&files(&[&nodes], &[&rels]), &mut |p| reports.push(*p)).unwrap();
        let last = reports.last().unwrap();
        assert_eq!(last.stage, demarche::ImportStage::Saving);
        assert_eq!((last.nodes, last.relationships, last.bytes_read), (2, 1, last.bytes_total));
        db.execute("CREATE (:Person {name: 'After'})", &Params::new()).unwrap();
    }
    let db = Database::open(&db_path).unwrap();
    assert_eq!(db.counts().unwrap(), (4, 1));
    assert_eq!(one(&db, "MATCH (:Person {name: 'Ann'})-[:KNOWS]->(b) RETURN b.name"), Value::from("Bob"));
}

#[test]
fn csv_export_then_import_round_trips_the_builtin_graph() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = Database::builtin().unwrap();
    let first = dir.path().join("first");
    let written = builtin.export_to(ExportFormat::Csv, &first).unwrap();
    assert_eq!(written, vec![first.join("nodes.csv"), first.join("relationships.csv")]);
    let header = std::fs::read_to_string(first.join("nodes.csv")).unwrap();
    let header = header.lines().next().unwrap();
    assert!(header.starts_with(":ID,:LABEL,"), "{header}");
    assert!(header.contains("sources:string[]"), "{header}");
    let copy = Database::open(dir.path().join("copy.db")).unwrap();
    copy.import_csv(&files(&[&first.join("nodes.csv")], &[&first.join("relationships.csv")]), &mut |_| {})
        .unwrap();
    assert_eq!(canon(&copy), canon(&builtin));
    // And once more, from the copy's own export.
    let second = dir.path().join("second");
    copy.export_to(ExportFormat::Csv, &second).unwrap();
    let again = Database::in_memory();
    again
        .import_csv(&files(&[&second.join("nodes.csv")], &[&second.join("relationships.csv")]), &mut |_| {})
        .unwrap();
    assert_eq!(canon(&again), canon(&builtin));
}

#[test]
fn csv_export_keeps_every_type_and_refuses_what_it_cannot_carry() {
    let db = Database::in_memory();
    db.execute(
        "CREATE (a:A:B {i: -3, f: 2.5, big: 1.0e300, t: true, s: 'a \"q\", b\nline', d: date('2021-04'), \
         ds: [date('2021'), date('2022-01-30')], fs: [1.5, 2.0], bs: [true, false]})-[:R {w: 1}]->(a), \
         (:A {i: 'text now'})",
        &Params::new(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    db.export_to(ExportFormat::Csv, dir.path()).unwrap();
    let header = std::fs::read_to_string(dir.path().join("nodes.csv")).unwrap();
    assert!(header.lines().next().unwrap().contains("i:long,i:string"), "{header}");
    let copy = Database::in_memory();
    copy.import_csv(
        &files(&[&dir.path().join("nodes.csv")], &[&dir.path().join("relationships.csv")]),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(canon(&copy), canon(&db));

    db.execute("CREATE (:A {m: {k: 1}})", &Params::new()).unwrap();
    let err = db.export_to(ExportFormat::Csv, dir.path().join("other")).unwrap_err().to_string();
    assert!(err.contains("property 'm'") && err.contains("cypher or json"), "{err}");
    assert!(!dir.path().join("other").join("nodes.csv").exists());
}

#[test]
fn cypher_export_loads_back_into_an_equal_graph() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = Database::builtin().unwrap();
    let script = dir.path().join("graph.cypher");
    builtin.export_to(ExportFormat::Cypher, &script).unwrap();
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("date('"), "dates are written as date('...')");
    let db_path = dir.path().join("loaded.db");
    demarche().arg(&db_path).arg("-f").arg(&script).arg("--bail").assert().success();
    let loaded = Database::open(&db_path).unwrap();
    assert_eq!(canon(&loaded), canon(&builtin));
    assert_eq!(loaded.nodes_with_label("_dmx").unwrap().len(), 0, "the temporary label is gone");
}

#[test]
fn cypher_export_escapes_strings_and_odd_names() {
    let db = Database::in_memory();
    db.execute(
        "CREATE (:`Odd Label` {`key with space`: 'it\\'s \\\\ \"quoted\"\\nnext', d: date('2021'), big: 1.0e300, mid: -2.5e17, tiny: 1.5e-10, m: {k: [1.0e20]}})-[:`ODD-TYPE` {x: [1, 2]}]->(:Plain)",
        &Params::new(),
    )
    .unwrap();
    let mut script = Vec::new();
    db.export(ExportFormat::Cypher, &mut script).unwrap();
    let copy = Database::in_memory();
    copy.run_script(&String::from_utf8(script).unwrap()).unwrap();
    assert_eq!(canon(&copy), canon(&db));
    // Large floats stay floats (their plain decimal form would read back as an integer).
    assert_eq!(one(&copy, "MATCH (n:`Odd Label`) RETURN n.mid"), Value::Float(-2.5e17));
}

#[test]
fn graphml_is_well_formed_with_typed_keys() {
    let db = Database::builtin().unwrap();
    let mut out = Vec::new();
    db.export(ExportFormat::Graphml, &mut out).unwrap();
    let mut reader = quick_xml::Reader::from_reader(out.as_slice());
    let (mut nodes, mut edges, mut keys, mut depth) = (0, 0, Vec::new(), 0i32);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "node" => nodes += 1,
                    "edge" => edges += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == "key" => {
                let attr = |name: &str| {
                    e.attributes()
                        .map(|a| a.unwrap())
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                keys.push((attr("attr.name").unwrap(), attr("attr.type").unwrap()));
            }
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0, "every element is closed");
    assert_eq!((nodes, edges), db.counts().unwrap());
    assert!(keys.contains(&("name".to_owned(), "string".to_owned())));
    assert!(keys.contains(&("count".to_owned(), "long".to_owned())), "{keys:?}");
}

#[test]
fn json_lines_follow_the_design_shapes() {
    let db = Database::in_memory();
    db.execute("CREATE (:P {name: 'a', d: date('2021-04')})-[:R {w: 2}]->(:P {name: 'b'})", &Params::new())
        .unwrap();
    let mut out = Vec::new();
    db.export(ExportFormat::Json, &mut out).unwrap();
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        serde_json::json!({"id": 0, "labels": ["P"], "properties": {"name": "a", "d": "2021-04"}})
    );
    assert_eq!(
        lines[2],
        serde_json::json!({"id": 0, "type": "R", "start": 0, "end": 1, "properties": {"w": 2}})
    );
}

#[test]
fn export_dot_after_a_query_draws_its_result() {
    let dir = tempfile::tempdir().unwrap();
    let dot = dir.path().join("result.dot");
    let whole = dir.path().join("whole.dot");
    demarche()
        .env("PATH", "")
        .args(["-c", "MATCH p = (:Person {name: 'Anatoly Antonov'})-[:WORKS_FOR]->() RETURN p"])
        .arg("-c")
        .arg(format!(":export dot {}", dot.display()))
        .arg("-c")
        .arg("RETURN 1")
        .arg("-c")
        .arg(format!(":export dot {}", whole.display()))
        .assert()
        .success()
        .stdout(predicates::str::contains("exported the last result (2 nodes, 1 relationships)"));
    let text = std::fs::read_to_string(&dot).unwrap();
    assert!(text.starts_with("digraph demarche {"), "{text}");
    assert!(text.contains(":Person\\nAnatoly Antonov"), "{text}");
    assert!(text.contains("[label=\"WORKS_FOR\"]"), "{text}");
    assert_eq!(text.matches(" -> ").count(), 1);
    assert!(!dir.path().join("result.svg").exists(), "no SVG without Graphviz");
    let whole = std::fs::read_to_string(&whole).unwrap();
    let (nodes, rels) = Database::builtin().unwrap().counts().unwrap();
    assert_eq!(whole.matches(" -> ").count(), rels);
    assert_eq!(whole.matches(" [label=").count(), nodes + rels);
}

#[test]
fn import_meta_command_in_a_script() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nodes.csv", PLAIN_NODES);
    write(dir.path(), "relationships.csv", PLAIN_EDGES);
    let db_path = dir.path().join("g.db");
    let script = write(
        dir.path(),
        "load.dmq",
        &format!(
            ":import csv {}\nMATCH (n:Person {{id: 1}})-[:KNOWS]->(m) RETURN m.name AS friend;\n\
             BEGIN;\n:import csv {}\nROLLBACK;\n",
            dir.path().display(),
            dir.path().display()
        ),
    );
    demarche()
        .arg(&db_path)
        .args(["--format", "csv", "-f"])
        .arg(&script)
        .assert()
        .code(1)
        .stdout(
            predicates::str::contains("imported 3 nodes and 3 relationships")
                .and(predicates::str::contains("friend\nBob\n")),
        )
        .stderr(predicates::str::contains("finish the open transaction"));
    assert_eq!(Database::open(&db_path).unwrap().counts().unwrap(), (3, 3));
}

#[test]
fn export_command_writes_each_format_and_exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("g.db");
    Database::builtin().unwrap().save_as(&db_path).unwrap();
    for format in ["cypher", "graphml", "json", "dot"] {
        let out = demarche().arg("export").arg(&db_path).args(["--format", format]).output().unwrap();
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{format}");
        let file = dir.path().join(format!("out.{format}"));
        demarche().arg("export").arg(&db_path).args(["--format", format, "-o"]).arg(&file).assert().success();
        assert_eq!(std::fs::read(&file).unwrap(), out.stdout, "{format}: file and stdout agree");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "{format}: an export is an ordinary file, not owner-only");
        }
    }
    let csv_dir = dir.path().join("csv");
    demarche().arg("export").arg(&db_path).args(["--format", "csv", "-o"]).arg(&csv_dir).assert().success();
    assert!(csv_dir.join("nodes.csv").exists() && csv_dir.join("relationships.csv").exists());
    // Usage errors: 2.
    demarche().arg("export").arg(&db_path).args(["--format", "csv"]).assert().code(2);
    demarche().arg("export").arg(&db_path).args(["--format", "xml"]).assert().code(2);
    demarche().arg("import").arg(&db_path).assert().code(2);
    // The database cannot be opened: 3.
    demarche().arg("export").arg(dir.path().join("missing.db")).args(["--format", "json"]).assert().code(3);
    let held = Database::open(&db_path).unwrap();
    demarche()
        .arg("import")
        .arg(&db_path)
        .arg("--nodes")
        .arg(csv_dir.join("nodes.csv"))
        .assert()
        .code(3)
        .stderr(predicates::str::contains("locked"));
    drop(held);
    // The import itself fails: 1, and nothing changes.
    let (nodes_before, rels_before) = Database::open_read_only(&db_path).unwrap().counts().unwrap();
    demarche()
        .arg("import")
        .arg(&db_path)
        .arg("--nodes")
        .arg(dir.path().join("no-such.csv"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no-such.csv"));
    let bad = write(dir.path(), "bad.csv", "id:ID,n:int\na,1\nb,x\n");
    demarche()
        .arg("import")
        .arg(&db_path)
        .arg("--nodes")
        .arg(csv_dir.join("nodes.csv"))
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bad.csv:3: column 'n:int': 'x' is not an integer"));
    assert_eq!(Database::open_read_only(&db_path).unwrap().counts().unwrap(), (nodes_before, rels_before));
    // Export into a directory that does not exist names the path.
    demarche()
        .arg("export")
        .arg(&db_path)
        .args(["--format", "json", "-o"])
        .arg(dir.path().join("nowhere").join("x.json"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nowhere"));
}

#[test]
fn a_failed_import_restores_relationship_counts_of_existing_types() {
    // The database already has BORDERS relationships; the failed file adds some before failing.
    assert_rejected(
        GOOD_NODES,
        ":START_ID,:END_ID,:TYPE\na,b,BORDERS\nb,a,BORDERS\nzz,b,BORDERS\n",
        &["rels.csv:4:", "unknown start node id 'zz'"],
    );
}
