// The built-in knowledge graph (being written).
