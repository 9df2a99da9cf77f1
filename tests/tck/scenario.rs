//! Loading scenarios (gherkin, outlines expanded) and running them step by step.

use crate::values::{self, TckValue};
use demarche::{Database, Error, Params, QueryOptions, QueryResult, Value};
use gherkin::{Feature, GherkinEnv};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

/// How long one query may run before it counts as a failure.
const DEADLINE: Duration = Duration::from_secs(5);

/// One scenario, outline rows expanded: its id, area and steps with placeholders filled in.
pub struct Scenario {
    /// `clauses/match/Match1.feature:[1] Match non-existent nodes returns empty [example 2]`.
    pub id: String,
    /// The directory of the feature file under `features/`, e.g. `clauses/match`.
    pub area: String,
    /// The steps, background first.
    pub steps: Vec<Step>,
}

/// A step with its keyword stripped.
pub struct Step {
    /// The text after `Given`/`When`/`Then`/`And`.
    pub text: String,
    /// The doc string, if any.
    pub docstring: Option<String>,
    /// The table rows, if any.
    pub table: Vec<Vec<String>>,
}

/// What became of a scenario.
pub enum Outcome {
    /// Every step held.
    Passed,
    /// A step did not hold; the message says which and why.
    Failed(String),
    /// The engine panicked: a bug, whatever the scenario expected.
    Panicked(String),
    /// Not run, for the reason given.
    Skipped(String),
}

/// Every scenario of every feature file under `features`, in path order.
pub fn load_all(features: &Path) -> Vec<Scenario> {
    let mut files = Vec::new();
    collect_features(features, &mut files);
    files.sort();
    let mut scenarios = Vec::new();
    for file in files {
        let rel = file.strip_prefix(features).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
        let feature = Feature::parse(escape_table_backslashes(&text), GherkinEnv::default())
            .unwrap_or_else(|e| panic!("{rel} does not parse as gherkin: {e}"));
        expand(&feature, &rel, &mut scenarios);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in &mut scenarios {
        let n = seen.entry(s.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            s.id = format!("{} #{n}", s.id);
        }
    }
    scenarios
}

fn collect_features(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_features(&path, out);
        } else if path.extension().is_some_and(|e| e == "feature") {
            out.push(path);
        }
    }
}

/// gherkin reads `\\`, `\|` and `\n` in table cells as escapes; the TCK also writes lone
/// backslashes (Cypher string escapes such as `\'`), which must reach the cell unchanged.
fn escape_table_backslashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.trim_start().starts_with('|') {
            let chars: Vec<char> = line.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                out.push(c);
                if c == '\\' {
                    match chars.get(i + 1) {
                        Some(&next @ ('\\' | '|' | 'n')) => {
                            out.push(next);
                            i += 1;
                        }
                        _ => out.push('\\'),
                    }
                }
                i += 1;
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn expand(feature: &Feature, rel: &str, out: &mut Vec<Scenario>) {
    let area = rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
    let background: Vec<&gherkin::Step> = feature.background.iter().flat_map(|b| &b.steps).collect();
    let all = feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| &r.scenarios));
    for scenario in all {
        let steps: Vec<&gherkin::Step> = background.iter().copied().chain(&scenario.steps).collect();
        let base = format!("{rel}:{}", scenario.name.trim());
        if scenario.examples.is_empty() {
            let steps = steps.iter().map(|s| fill(s, &HashMap::new())).collect();
            out.push(Scenario { id: base, area: area.clone(), steps });
            continue;
        }
        let mut n = 0;
        for examples in &scenario.examples {
            let Some(table) = &examples.table else { continue };
            let Some((header, rows)) = table.rows.split_first() else { continue };
            for row in rows {
                n += 1;
                let values: HashMap<&str, &str> =
                    header.iter().map(String::as_str).zip(row.iter().map(String::as_str)).collect();
                let steps = steps.iter().map(|s| fill(s, &values)).collect();
                out.push(Scenario { id: format!("{base} [example {n}]"), area: area.clone(), steps });
            }
        }
    }
}

/// The step with `<name>` placeholders replaced by the example row's values.
fn fill(step: &gherkin::Step, values: &HashMap<&str, &str>) -> Step {
    let sub = |text: &str| {
        let mut text = text.to_owned();
        for (name, value) in values {
            text = text.replace(&format!("<{name}>"), value);
        }
        text
    };
    Step {
        text: sub(step.value.trim()),
        docstring: step.docstring.as_deref().map(sub),
        table: step.table.iter().flat_map(|t| &t.rows).map(|r| r.iter().map(|c| sub(c)).collect()).collect(),
    }
}

/// Runs every scenario in order; panics are caught and reported as such.
pub fn run_all(scenarios: Vec<Scenario>, suite: &Path) -> Vec<(Scenario, Outcome)> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let results = scenarios
        .into_iter()
        .map(|s| {
            let outcome = run(&s, suite);
            (s, outcome)
        })
        .collect();
    std::panic::set_hook(previous);
    results
}

fn run(scenario: &Scenario, suite: &Path) -> Outcome {
    if let Some(reason) = skip_reason(scenario) {
        return Outcome::Skipped(reason);
    }
    match catch_unwind(AssertUnwindSafe(|| World::new(suite).run(&scenario.steps))) {
        Ok(Ok(())) => Outcome::Passed,
        Ok(Err(message)) => Outcome::Failed(message),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            Outcome::Panicked(message)
        }
    }
}

static CALL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bCALL\b").expect("a valid regex"));

/// Procedures are the only thing skipped: demarche has none, so `CALL` cannot mean anything.
fn skip_reason(scenario: &Scenario) -> Option<String> {
    let procedure = scenario.steps.iter().any(|s| {
        s.text.starts_with("there exists a procedure")
            || s.docstring.as_deref().is_some_and(|q| CALL.is_match(q))
    });
    procedure.then(|| "procedure CALL: demarche has no procedures".to_owned())
}

/// The state of one scenario: its database, parameters, last result and side effects.
struct World<'a> {
    suite: &'a Path,
    db: Database,
    params: Params,
    result: Option<Result<QueryResult, Error>>,
    effects: BTreeMap<&'static str, usize>,
}

impl<'a> World<'a> {
    fn new(suite: &'a Path) -> World<'a> {
        World {
            suite,
            db: Database::in_memory(),
            params: Params::new(),
            result: None,
            effects: BTreeMap::new(),
        }
    }

    fn run(mut self, steps: &[Step]) -> Result<(), String> {
        for (i, step) in steps.iter().enumerate() {
            self.step(step).map_err(|e| format!("step {} `{}`: {e}", i + 1, step.text))?;
        }
        match &self.result {
            Some(Err(e)) => Err(format!("query failed and no error was expected: {e}")),
            _ => Ok(()),
        }
    }

    fn step(&mut self, step: &Step) -> Result<(), String> {
        let text = step.text.trim_end_matches(':').trim();
        let query = || step.docstring.as_deref().ok_or("the step has no query");
        match text {
            "an empty graph" | "any graph" => Ok(()),
            "having executed" => self.setup(query()?),
            "parameters are" => self.parameters(&step.table),
            "executing query" => self.execute(query()?, true),
            "executing control query" => self.execute(query()?, false),
            "the result should be empty" => {
                let result = self.ok_result()?;
                match result.rows.len() {
                    0 => Ok(()),
                    n => Err(format!("expected no rows, got {n}: {}", rows_text(result, false))),
                }
            }
            "no side effects" => self.side_effects(&[]),
            "the side effects should be" => self.side_effects(&step.table),
            _ => {
                if let Some(graph) = text.strip_prefix("the ").and_then(|t| t.strip_suffix(" graph")) {
                    self.named_graph(graph)
                } else if let Some(mode) = text.strip_prefix("the result should be") {
                    self.compare(mode, &step.table)
                } else if text.contains(" should be raised at ") {
                    self.error(text)
                } else {
                    Err("unknown step".into())
                }
            }
        }
    }

    fn options() -> QueryOptions {
        QueryOptions { timeout: Some(DEADLINE), cancel: None }
    }

    fn setup(&mut self, query: &str) -> Result<(), String> {
        self.db
            .query_with(query, &Params::new(), &Self::options())
            .map(|_| ())
            .map_err(|e| format!("setup failed: {e}"))
    }

    fn named_graph(&mut self, name: &str) -> Result<(), String> {
        let path = self.suite.join("graphs").join(name).join(format!("{name}.cypher"));
        let script = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        self.db.run_script(&script).map_err(|e| format!("loading graph {name}: {e}"))
    }

    fn parameters(&mut self, table: &[Vec<String>]) -> Result<(), String> {
        for row in table {
            let [name, value] = row.as_slice() else { return Err(format!("bad parameter row {row:?}")) };
            self.params.insert(name.clone(), values::parse(value)?.to_param()?);
        }
        Ok(())
    }

    fn execute(&mut self, query: &str, measure: bool) -> Result<(), String> {
        if let Some(Err(e)) = &self.result {
            return Err(format!("an earlier query failed: {e}"));
        }
        let before = if measure { Some(GraphState::of(&self.db)?) } else { None };
        let result = self.db.query_with(query, &self.params, &Self::options());
        if let Some(before) = before {
            self.effects = before.effects(&GraphState::of(&self.db)?);
        }
        self.result = Some(result);
        Ok(())
    }

    fn ok_result(&self) -> Result<&QueryResult, String> {
        match &self.result {
            Some(Ok(r)) => Ok(r),
            Some(Err(e)) => Err(format!("query failed: {e}")),
            None => Err("no query was executed".into()),
        }
    }

    fn compare(&self, mode: &str, table: &[Vec<String>]) -> Result<(), String> {
        let result = self.ok_result()?;
        let ordered = mode.contains("in order");
        let unordered_lists = mode.contains("ignoring element order for lists");
        let (header, rows) = table.split_first().ok_or("the expected table has no header")?;
        let mut positions = Vec::new();
        for column in header {
            let at = result.columns.iter().position(|c| c == column);
            positions
                .push(at.ok_or_else(|| format!("no column {column:?}; columns are {:?}", result.columns))?);
        }
        if positions.len() != result.columns.len() {
            return Err(format!("columns {:?}, expected {header:?}", result.columns));
        }
        let mut expected = Vec::new();
        for row in rows {
            let cells: Result<Vec<String>, String> =
                row.iter().map(|c| Ok(values::parse(c)?.canonical(unordered_lists))).collect();
            expected.push(cells?.join(" | "));
        }
        let mut actual: Vec<String> = result
            .rows
            .iter()
            .map(|r| {
                let cells: Vec<String> = positions
                    .iter()
                    .map(|&i| TckValue::of(&r[i], result).canonical(unordered_lists))
                    .collect();
                cells.join(" | ")
            })
            .collect();
        if !ordered {
            expected.sort();
            actual.sort();
        }
        if expected == actual {
            Ok(())
        } else {
            Err(format!("expected rows\n  {}\ngot\n  {}", expected.join("\n  "), actual.join("\n  ")))
        }
    }

    fn side_effects(&self, table: &[Vec<String>]) -> Result<(), String> {
        let mut expected: BTreeMap<String, usize> = BTreeMap::new();
        for row in table {
            let [key, n] = row.as_slice() else { return Err(format!("bad side-effect row {row:?}")) };
            expected.insert(key.trim().to_owned(), n.trim().parse().map_err(|e| format!("{n}: {e}"))?);
        }
        let actual: BTreeMap<String, usize> =
            self.effects.iter().filter(|(_, n)| **n > 0).map(|(k, n)| (k.to_string(), *n)).collect();
        expected.retain(|_, n| *n > 0);
        if expected == actual {
            Ok(())
        } else {
            Err(format!("side effects {actual:?}, expected {expected:?}"))
        }
    }

    fn error(&mut self, text: &str) -> Result<(), String> {
        let (kind, rest) = text.split_once(" should be raised at ").ok_or("bad error step")?;
        let kind = kind.trim_start_matches("an ").trim_start_matches("a ");
        let (phase, detail) = rest.split_once(':').ok_or("bad error step")?;
        let (phase, detail) = (phase.trim(), detail.trim());
        let err = match self.result.take() {
            Some(Err(e)) => e,
            Some(Ok(r)) => return Err(format!("expected {kind} ({detail}), got {} rows", r.rows.len())),
            None => return Err("no query was executed".into()),
        };
        let Some(code) = err.tck_code() else {
            return Err(format!("expected {kind} ({detail}), got an unclassified error: {err}"));
        };
        let type_ok = kind == "Error" || code.error_type.to_string() == kind;
        let phase_ok = match phase {
            "compile time" => code.phase == demarche::TckPhase::CompileTime,
            "runtime" => code.phase == demarche::TckPhase::Runtime,
            _ => true,
        };
        let detail_ok = detail == "*" || code.detail == detail;
        if type_ok && phase_ok && detail_ok {
            Ok(())
        } else {
            Err(format!("expected {kind} at {phase}: {detail}, got {code} ({err})"))
        }
    }
}

fn rows_text(result: &QueryResult, unordered: bool) -> String {
    let rows: Vec<String> = result
        .rows
        .iter()
        .map(|r| {
            r.iter().map(|v| TckValue::of(v, result).canonical(unordered)).collect::<Vec<_>>().join(" | ")
        })
        .collect();
    rows.join("; ")
}

/// What the side-effect steps count: entities by id, label names present in the graph, and
/// (entity, key, value) property triples. A changed property counts as one removed and one added.
struct GraphState {
    nodes: BTreeSet<u64>,
    rels: BTreeSet<u64>,
    labels: BTreeSet<String>,
    props: BTreeSet<(String, String, String)>,
}

impl GraphState {
    fn of(db: &Database) -> Result<GraphState, String> {
        let mut state = GraphState {
            nodes: BTreeSet::new(),
            rels: BTreeSet::new(),
            labels: BTreeSet::new(),
            props: BTreeSet::new(),
        };
        let nodes =
            db.query("MATCH (n) RETURN n", &Params::new()).map_err(|e| format!("listing nodes: {e}"))?;
        for row in &nodes.rows {
            let Some(Value::Node(id)) = row.first() else { continue };
            let Some(node) = nodes.node(*id) else { continue };
            state.nodes.insert(id.0);
            state.labels.extend(node.labels.iter().cloned());
            for (k, v) in &node.properties {
                state.props.insert((
                    format!("n{}", id.0),
                    k.clone(),
                    TckValue::of(v, &nodes).canonical(false),
                ));
            }
        }
        let rels = db
            .query("MATCH ()-[r]->() RETURN r", &Params::new())
            .map_err(|e| format!("listing relationships: {e}"))?;
        for row in &rels.rows {
            let Some(Value::Relationship(id)) = row.first() else { continue };
            let Some(rel) = rels.relationship(*id) else { continue };
            state.rels.insert(id.0);
            for (k, v) in &rel.properties {
                state.props.insert((
                    format!("r{}", id.0),
                    k.clone(),
                    TckValue::of(v, &rels).canonical(false),
                ));
            }
        }
        Ok(state)
    }

    fn effects(&self, after: &GraphState) -> BTreeMap<&'static str, usize> {
        BTreeMap::from([
            ("+nodes", after.nodes.difference(&self.nodes).count()),
            ("-nodes", self.nodes.difference(&after.nodes).count()),
            ("+relationships", after.rels.difference(&self.rels).count()),
            ("-relationships", self.rels.difference(&after.rels).count()),
            ("+labels", after.labels.difference(&self.labels).count()),
            ("-labels", self.labels.difference(&after.labels).count()),
            ("+properties", after.props.difference(&self.props).count()),
            ("-properties", self.props.difference(&after.props).count()),
        ])
    }
}
