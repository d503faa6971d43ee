//! The house is one-way: the top-level modules of `src/` import each other without a cycle, and
//! each layer imports only from the layers below it (data → geometry → scene → map and export →
//! panels → app). Read from the `crate::` paths in the source, outside `#[cfg(test)]` blocks, the
//! way a newcomer would read them, so a new arrow pointing up fails here, not in review.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The source without comments and without the `#[cfg(test)]` module at its end.
fn code_of(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |at| &text[..at]);
    text.lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::`, including each branch of a
/// nested `use crate::{a::{..}, b, ..}` tree.
fn modules_named(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `resistance_atlas_crate::`
        }
        if let Some(tree) = rest.strip_prefix('{') {
            // Top-level items of the brace group, at depth 0.
            let mut depth = 0usize;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in tree.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            for item in items {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    named.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                named.insert(name);
            }
        }
    }
    named
}

/// Module → the modules it imports.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in rust_files(&src) {
        let relative = path.strip_prefix(&src).expect("under src");
        let mut parts = relative.components();
        let first = parts
            .next()
            .expect("a file")
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let module = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
        if module == "main" || module == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&path).expect("readable"));
        let imports = graph.entry(module.clone()).or_default();
        for named in modules_named(&code) {
            if named != module {
                imports.insert(named);
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for imports in graph.values_mut() {
        // `crate::APP_ID` and other items of lib.rs are not modules.
        imports.retain(|m| modules.contains(m));
    }
    graph
}

/// The strongly connected sets of more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in &self.graph[node] {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut set = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    set.push(top.to_owned());
                    if top == node {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    self.found.push(set);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    walk.found
}

#[test]
fn the_reader_sees_every_branch_of_a_nested_use() {
    let named = modules_named(
        "use crate::{\n    data::{Atlas, format::thousands},\n    scene::{self, MapStyle},\n    \
         state::AppState,\n};\nlet x = crate::files::read_bounded(p);",
    );
    let expected: BTreeSet<String> = ["data", "files", "scene", "state"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(named, expected);
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("a".into(), ["b".to_owned()].into());
    graph.insert("b".into(), ["c".to_owned()].into());
    graph.insert("c".into(), ["a".to_owned()].into());
    graph.insert("d".into(), ["a".to_owned()].into());
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c"]]);
}

#[test]
fn no_top_level_module_imports_itself_through_others() {
    let graph = import_graph();
    assert!(graph.len() > 10, "the source was read: {graph:?}");
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "import cycles between top-level modules: {found:?}\n{graph:#?}"
    );
}

#[test]
fn each_layer_imports_only_from_below() {
    let graph = import_graph();
    // A layer and what it may never import: the layers above it.
    let forbidden: [(&str, &[&str]); 9] = [
        (
            "files",
            &[
                "data", "geometry", "scene", "map", "export", "panels", "app", "state",
            ],
        ),
        (
            "data",
            &[
                "geometry", "scene", "map", "export", "panels", "app", "state", "command",
            ],
        ),
        (
            "geometry",
            &[
                "scene", "map", "export", "panels", "app", "state", "command",
            ],
        ),
        (
            "scene",
            &["map", "export", "panels", "app", "state", "command", "deck"],
        ),
        ("state", &["map", "export", "panels", "app", "command"]),
        ("command", &["map", "export", "panels", "app"]),
        ("export", &["map", "panels", "app"]),
        ("map", &["export", "panels", "app"]),
        ("panels", &["app", "cli"]),
    ];
    let mut upward = Vec::new();
    for (layer, above) in forbidden {
        let imports = graph.get(layer).cloned().unwrap_or_default();
        for module in above {
            if imports.contains(*module) {
                upward.push(format!("{layer} → {module}"));
            }
        }
    }
    assert!(upward.is_empty(), "arrows pointing up: {upward:?}");
}
