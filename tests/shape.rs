//! The shape the code keeps, checked so that it stays (see `docs/architecture.md`):
//!
//! - the layers of the core import only the layers below them, and the modules inside a layer
//!   have no import cycles (a module and its own parent or children aside);
//! - one module-file convention: a module with children is `name/mod.rs`, never `name.rs`
//!   beside a `name/` folder;
//! - no source line over 120 characters and no source file over 600 lines;
//! - no allowance for a long function (clippy's pedantic 100-line limit holds everywhere).
//!
//! The import graph is read from the source text: every `crate::…`, `super::…` and `self::…`
//! path, every `use` group, and every path through a child module, outside comments and
//! `#[cfg(test)]` code.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first: each may import only those before it.
const LAYERS: [&str; 9] = [
    "format", "model", "econ", "io", "chart", "report", "cli", "app", "fuzz",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The module a file under `src/` defines: `src/econ/cost/mod.rs` → `["econ", "cost"]`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file
        .strip_prefix(root().join("src"))
        .expect("a file under src/");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The source without comments and without `#[cfg(test)]` code (which sits at a file's end).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path the code names, as segments: `crate::econ::Band` → `["crate", "econ", "Band"]`;
/// a `use` group gives one path per item (`use super::{cost, Band}` → two paths).
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut paths = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_ident(chars[i]) || (i > 0 && (is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            segments.push(chars[start..j].iter().collect::<String>());
            if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                j += 2;
                if chars.get(j) == Some(&'{') {
                    let end = chars[j..]
                        .iter()
                        .position(|&c| c == '}')
                        .map_or(chars.len(), |p| j + p);
                    let group: String = chars[j + 1..end].iter().collect();
                    for item in group.split(',') {
                        let first = item.trim().split("::").next().unwrap_or_default().trim();
                        if !first.is_empty() && first.chars().all(is_ident) {
                            let mut path = segments.clone();
                            path.push(first.to_owned());
                            paths.push(path);
                        }
                    }
                    j = end;
                    break;
                }
                if chars.get(j).is_some_and(|&c| is_ident(c)) {
                    continue;
                }
            }
            if segments.len() > 1 {
                paths.push(segments);
            }
            break;
        }
        i = j.max(i + 1);
    }
    paths
}

/// The graph of modules outside the planner's own (`app`), `depth` segments deep (1: the
/// layers; 2: the modules inside them): module → the modules it names. A module's edges to its
/// own parent or children are left out.
fn import_graph(depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(&root().join("src"));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let node = |path: &[String]| -> Option<String> {
        (1..=depth.min(path.len()))
            .rev()
            .map(|n| &path[..n])
            .find(|prefix| modules.contains(*prefix))
            .map(|prefix| prefix.join("::"))
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(file);
        if module.first().is_none_or(|m| m == "app") {
            continue;
        }
        let Some(me) = node(&module) else { continue };
        let code = code_of(&fs::read_to_string(file).expect("readable source"));
        for path in paths_in(&code) {
            let mut base: Vec<String> = match path[0].as_str() {
                "crate" => Vec::new(),
                "self" | "super" => module.clone(),
                _ => {
                    // A path through a child module of this one: `cost::CostModel` in econ.
                    let mut child = module.clone();
                    child.push(path[0].clone());
                    if !modules.contains(&child) {
                        continue;
                    }
                    module.clone()
                }
            };
            let mut rest = &path[..];
            if matches!(rest[0].as_str(), "crate" | "self") {
                rest = &rest[1..];
            }
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            if let Some(target) = node(&base)
                && target != me
                && !target.starts_with(&format!("{me}::"))
                && !me.starts_with(&format!("{target}::"))
            {
                graph.entry(me.clone()).or_default().insert(target);
            }
        }
    }
    graph
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let graph = import_graph(1);
    let mut wrong = Vec::new();
    for (from, targets) in &graph {
        let Some(level) = LAYERS.iter().position(|l| l == from) else {
            continue;
        };
        for target in targets {
            if LAYERS
                .iter()
                .position(|l| l == target)
                .is_none_or(|t| t >= level)
            {
                wrong.push(format!("{from} imports {target}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports running up the layers {LAYERS:?}: {wrong:#?}"
    );
    // The check reads something: the engine does import the model.
    assert!(
        graph.get("econ").is_some_and(|t| t.contains("model")),
        "{graph:#?}"
    );
}

/// Depth-first search for a back edge, reporting the cycle it closes.
fn visit(
    node: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    state: &mut BTreeMap<String, u8>,
    stack: &mut Vec<String>,
) -> Option<Vec<String>> {
    state.insert(node.to_owned(), 1);
    stack.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        match state.get(next.as_str()) {
            Some(1) => {
                let at = stack.iter().position(|n| n == next).unwrap_or(0);
                let mut cycle = stack[at..].to_vec();
                cycle.push(next.clone());
                return Some(cycle);
            }
            Some(_) => {}
            None => {
                if let Some(cycle) = visit(next, graph, state, stack) {
                    return Some(cycle);
                }
            }
        }
    }
    stack.pop();
    state.insert(node.to_owned(), 2);
    None
}

#[test]
fn the_modules_inside_a_layer_have_no_cycles() {
    let graph = import_graph(2);
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node.as_str())
            && let Some(cycle) = visit(node, &graph, &mut state, &mut Vec::new())
        {
            panic!("an import cycle: {}", cycle.join(" → "));
        }
    }
    assert!(
        graph
            .get("econ::use_cases")
            .is_some_and(|t| t.contains("econ::cost")),
        "{graph:#?}"
    );
}

#[test]
fn one_module_file_convention() {
    let mut both = Vec::new();
    for file in rust_files(&root().join("src")) {
        let folder = file.with_extension("");
        if folder.is_dir() {
            both.push(file.display().to_string());
        }
    }
    assert!(
        both.is_empty(),
        "modules written as name.rs beside a name/ folder (use name/mod.rs): {both:#?}"
    );
}

#[test]
fn no_line_over_120_characters_and_no_source_file_over_600_lines() {
    let mut long_lines = Vec::new();
    let mut long_files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        for file in rust_files(&root().join(dir)) {
            let text = fs::read_to_string(&file).expect("readable source");
            for (n, line) in text.lines().enumerate() {
                let chars = line.chars().count();
                if chars > 120 {
                    long_lines.push(format!("{}:{}: {chars} characters", file.display(), n + 1));
                }
            }
            let lines = text.lines().count();
            if dir == "src" && lines > 600 {
                long_files.push(format!("{}: {lines} lines", file.display()));
            }
        }
    }
    assert!(
        long_lines.is_empty(),
        "lines over 120 characters: {long_lines:#?}"
    );
    assert!(
        long_files.is_empty(),
        "source files over 600 lines: {long_files:#?}"
    );
}

#[test]
fn no_allowance_for_long_functions() {
    let needle = concat!("too_many", "_lines");
    let mut found = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        for file in rust_files(&root().join(dir)) {
            let text = fs::read_to_string(&file).expect("readable source");
            if text.contains(needle) {
                found.push(file.display().to_string());
            }
        }
    }
    assert!(
        found.is_empty(),
        "allowances for functions over 100 lines: {found:#?}"
    );
}
