//! The README and `docs/` stay true (issue 26).
//!
//! - The README's map of the code ("Where things are") names only paths that exist, and names
//!   every folder of `src/` and the top-level folders a newcomer looks for.
//! - Every relative link in `README.md` and `docs/**/*.md` reaches a file, and the heading it
//!   names when it names one (GitHub's anchors).
//! - Nothing refers to material outside the repository: the project explains its own numbers.
//! - The README still gives the test command `.ci/run` reads.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The section of the README that maps the code.
const MAP_HEADING: &str = "## Where things are";

/// Top-level folders the map must name, besides every folder under `src/`.
const TOP_LEVEL: &[&str] = &["src", "tests", "benches", "docs", "scenarios", "assets"];

/// Files and folders that must not refer to material outside the repository. To hold the code to
/// it too, add `"src"` and `"tests"` (this file excepts itself, below).
const STANDALONE: &[&str] = &[
    "README.md",
    "docs",
    "benches",
    "src",
    "tests",
    "fuzz/fuzz_targets",
    "packaging",
    ".ci",
];

/// What they must not mention: the folder beside the repository and its domain notes.
const OUTSIDE: &[&str] = &["../shared", "DOMAIN.md"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `path` (or `path` itself), sorted.
fn files_under(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(path)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for entry in entries {
        files.extend(files_under(&entry));
    }
    files
}

/// Every folder under `path`, as paths relative to the repository's root with `/` separators.
fn folders_under(path: &Path, root: &Path, out: &mut BTreeSet<String>) {
    for entry in fs::read_dir(path).unwrap() {
        let entry = entry.unwrap().path();
        if entry.is_dir() {
            let relative = entry.strip_prefix(root).unwrap();
            let parts: Vec<_> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(parts.join("/"));
            folders_under(&entry, root, out);
        }
    }
}

/// The lines of a Markdown text outside fenced code blocks.
fn prose_lines(text: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            lines.push(line);
        }
    }
    lines
}

/// The text of a line without its inline code spans.
fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The inline code spans of a text.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The lines of the README's section under `heading`, up to the next heading of its level.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let lines = prose_lines(text);
    let start = lines
        .iter()
        .position(|l| l.trim_end() == heading)
        .unwrap_or_else(|| panic!("README.md has no section {heading:?}"));
    lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .copied()
        .collect()
}

/// Whether a code span names a path in the repository (written from its root): it has a `/`, or
/// it is a file name with an extension; no spaces, no wildcards, no address.
fn is_path(token: &str) -> bool {
    const EXTENSIONS: &[&str] = &["rs", "md", "ron", "py", "sh", "toml", "lock", "png", "svg"];
    if token.is_empty()
        || token.contains([' ', '*', '<', '>', '(', '…'])
        || token.contains("://")
        || token.starts_with(['.', '-', '/', '~'])
    {
        return false;
    }
    token.contains('/')
        || token
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && EXTENSIONS.contains(&ext))
}

/// The paths the README's map names.
fn map_paths() -> Vec<String> {
    let readme = read(&root().join("README.md"));
    let lines = section(&readme, MAP_HEADING);
    let text = lines.join("\n");
    code_spans(&text)
        .into_iter()
        .filter(|t| is_path(t))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_path_the_map_names_exists() {
    let paths = map_paths();
    assert!(
        paths.len() >= 10,
        "the map names only {paths:?}: is the section still there?"
    );
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| {
            let path = root().join(p.trim_end_matches('/'));
            if p.ends_with('/') {
                !path.is_dir()
            } else {
                !path.exists()
            }
        })
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's \"Where things are\" names paths that do not exist: {missing:?}"
    );
}

#[test]
fn the_map_names_every_folder_of_the_code() {
    let root = root();
    let named: BTreeSet<String> = map_paths()
        .iter()
        .map(|p| p.trim_end_matches('/').to_owned())
        .collect();
    let mut wanted: BTreeSet<String> = TOP_LEVEL.iter().map(|&f| f.to_owned()).collect();
    folders_under(&root.join("src"), &root, &mut wanted);
    let missing: Vec<String> = wanted
        .into_iter()
        .filter(|f| !named.contains(f))
        .map(|f| format!("`{f}/`"))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's \"Where things are\" does not name these folders: {}",
        missing.join(", ")
    );
}

/// GitHub's anchor of a heading: lower case, letters, digits, `-` and `_` kept, spaces to `-`,
/// everything else dropped.
fn anchor(heading: &str) -> String {
    heading
        .replace('`', "")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown file's headings, with GitHub's `-1`, `-2` for repeated ones.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for line in prose_lines(text) {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes == 0 || hashes > 6 || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = anchor(line[hashes..].trim().trim_end_matches('#').trim());
        let mut candidate = base.clone();
        let mut n = 0;
        while seen.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        seen.insert(candidate);
    }
    seen
}

/// The targets of the inline links and images of a Markdown text, outside code.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose_lines(text) {
        let line = without_code(line);
        let mut rest = line.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest.find([')', ' ']).unwrap_or(rest.len());
            targets.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    targets
}

/// The Markdown pages whose links are checked: the README and everything under `docs/`.
fn pages() -> Vec<PathBuf> {
    let root = root();
    let mut pages = vec![root.join("README.md")];
    pages.extend(
        files_under(&root.join("docs"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    pages
}

#[test]
fn every_relative_link_reaches_a_file_and_its_heading() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = read(&page);
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, heading) = target.split_once('#').unwrap_or((&target, ""));
            let path = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            let name = page.strip_prefix(root()).unwrap().display().to_string();
            if !path.exists() {
                broken.push(format!("{name}: {target} (no such file)"));
            } else if !heading.is_empty()
                && path.extension().is_some_and(|e| e == "md")
                && !anchors(&read(&path)).contains(heading)
            {
                broken.push(format!("{name}: {target} (no such heading)"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn nothing_refers_to_material_outside_the_repository() {
    let root = root();
    let this_file = root.join("tests").join("readme.rs");
    let mut found = Vec::new();
    for start in STANDALONE {
        for file in files_under(&root.join(start)) {
            if file == this_file {
                continue;
            }
            // Images and other binary files are not text to read.
            let Ok(text) = fs::read_to_string(&file) else {
                continue;
            };
            for (n, line) in text.lines().enumerate() {
                if OUTSIDE.iter().any(|needle| line.contains(needle)) {
                    let name = file.strip_prefix(&root).unwrap().display().to_string();
                    found.push(format!("{name}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the project must explain itself (docs/method.md), not point outside it:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_readme_gives_the_test_command_ci_runs() {
    let readme = read(&root().join("README.md"));
    let lines: Vec<&str> = readme.lines().collect();
    let marker = lines
        .iter()
        .position(|l| l.contains("<!-- test-command -->"))
        .expect(
            "README.md has no <!-- test-command --> marker (.ci/run reads the command after it)",
        );
    assert_eq!(lines.get(marker + 1).map(|l| l.trim()), Some("```sh"));
    let command = lines.get(marker + 2).map_or("", |l| l.trim());
    assert!(
        command.starts_with("cargo test"),
        "the README's test command is {command:?}"
    );
}

#[test]
fn anchors_are_githubs() {
    assert_eq!(
        anchor("Uncertain inputs: `Range(low, high)`"),
        "uncertain-inputs-rangelow-high"
    );
    assert_eq!(
        anchor("What if…: sensitivity and goal seek"),
        "what-if-sensitivity-and-goal-seek"
    );
    assert_eq!(anchor("The Energy & carbon tab"), "the-energy--carbon-tab");
    let repeated = anchors("# A\n## Notes\n```\n# not a heading\n```\n### Notes\n");
    assert!(repeated.contains("notes") && repeated.contains("notes-1"));
    assert!(!repeated.contains("not-a-heading"));
}
