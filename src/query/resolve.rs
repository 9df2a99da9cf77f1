//! Resolving entity references of phrase queries to canonical names.
//!
//! Order: exact name, then alias, then case-insensitive name or alias, then a unique
//! case-insensitive substring, then fuzzy similarity. Unknown and ambiguous references are
//! errors that list the best candidates. Reads the graph's name indexes only.

use crate::error::{SemanticError, SemanticKind, Span};
use crate::graph::Graph;
use crate::model::NodeId;
use crate::query::syntax::Resolve;
use std::collections::BTreeSet;

/// Resolves references against a graph's name and alias indexes.
pub struct GraphResolver<'g>(pub &'g Graph);

impl Resolve for GraphResolver<'_> {
    fn resolve(&self, reference: &str, span: Span) -> Result<String, SemanticError> {
        let g = self.0;
        let text = reference.trim();
        let steps: [Box<dyn Fn() -> BTreeSet<NodeId> + '_>; 3] = [
            Box::new(|| g.nodes_named(text).collect()),
            Box::new(|| g.nodes_aliased(text).collect()),
            Box::new(|| g.nodes_named_folded(text).collect()),
        ];
        for step in steps {
            let ids = step();
            if !ids.is_empty() {
                return self.one(text, ids, span);
            }
        }
        let folded = text.to_lowercase();
        let containing: BTreeSet<NodeId> = g
            .all_names()
            .filter(|name| name.to_lowercase().contains(&folded))
            .flat_map(|name| g.nodes_named(name).chain(g.nodes_aliased(name)).collect::<Vec<_>>())
            .collect();
        if !containing.is_empty() && folded.len() >= 3 {
            return self.one(text, containing, span);
        }
        let candidates = self.closest(text, 3);
        let hint = match candidates.as_slice() {
            [] => String::new(),
            names => format!(
                "; did you mean {}?",
                names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
            ),
        };
        Err(SemanticError::new(
            SemanticKind::UnknownEntity,
            format!("no entity named '{text}'{hint}"),
            Some(span),
        ))
    }
}

impl GraphResolver<'_> {
    fn name_of(&self, id: NodeId) -> String {
        self.0.node_props(id).and_then(|p| p.get("name")).and_then(|v| v.as_str()).unwrap_or("").to_owned()
    }

    fn one(&self, text: &str, ids: BTreeSet<NodeId>, span: Span) -> Result<String, SemanticError> {
        let names: BTreeSet<String> = ids.iter().map(|id| self.name_of(*id)).collect();
        if names.len() == 1 {
            return Ok(names.into_iter().next().unwrap_or_default());
        }
        let listed: Vec<String> = names.iter().take(8).map(|n| format!("'{n}'")).collect();
        Err(SemanticError::new(
            SemanticKind::AmbiguousEntity,
            format!(
                "'{text}' could mean {} entities: {}; quote the full name",
                names.len(),
                listed.join(", ")
            ),
            Some(span),
        ))
    }

    /// The canonical names most similar to `text`.
    pub fn closest(&self, text: &str, n: usize) -> Vec<String> {
        let folded = text.to_lowercase();
        let mut scored: Vec<(f64, String)> = self
            .0
            .all_names()
            .map(|name| {
                let lower = name.to_lowercase();
                let whole = strsim::jaro_winkler(&folded, &lower);
                let best_word =
                    lower.split_whitespace().map(|w| strsim::jaro_winkler(&folded, w)).fold(0.0, f64::max);
                // Claims and articles are named by their content; people, places and measures come first.
                let is_statement = self
                    .0
                    .nodes_named(name)
                    .any(|id| self.0.has_label(id, "Claim") || self.0.has_label(id, "Article"));
                (whole.max(best_word * 0.95) - if is_statement { 0.2 } else { 0.0 }, name.to_owned())
            })
            .filter(|(score, _)| *score > 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut out = Vec::new();
        for (_, name) in scored {
            let canonical = self
                .0
                .nodes_named(&name)
                .chain(self.0.nodes_aliased(&name))
                .next()
                .map(|id| self.name_of(id));
            if let Some(c) = canonical
                && !out.contains(&c)
            {
                out.push(c);
            }
            if out.len() == n {
                break;
            }
        }
        out
    }
}
