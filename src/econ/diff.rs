//! Two versions of a scenario: what changed in the file, what it does to each design's figures at
//! one volume, and which changed inputs explain each design's move in ROI.
//!
//! Designs and use cases are matched by name. One that is in neither place by name but at the same
//! position in both files is taken as renamed; any other is added or removed.
//!
//! The assumptions are compared as the files write them (every number, string, range and variant
//! by its field path, flattened from the scenarios themselves by [`crate::model::flatten`]), so
//! nothing a reviewer could read in the files escapes the list. The attribution swaps each
//! changed input alone into the old scenario and measures the design's ROI there: where changes
//! interact (a price cut on a design whose volume also changed), the parts need not add up to the
//! whole move.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::whatif::{self, Input, Metric};
use super::{Analysis, analyse};
use crate::model::validate::name_key;
use crate::model::{Scenario, flatten};

/// How an assumption changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The field holds another value.
    Changed,
    /// Written in the new file only (a design, a use case, or a field that was at its default).
    Added,
    /// Written in the old file only.
    Removed,
    /// A design or use case in the same place under another name.
    Renamed,
}

impl ChangeKind {
    /// The kind as JSON spells it.
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renamed => "renamed",
        }
    }
}

/// One changed assumption: its path (in the new file's numbering; the old file's for what was
/// removed) and its text in each file (`None` where not written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field's path, e.g. `designs[1].serving.price_per_hour`.
    pub path: String,
    /// As the old file writes it.
    pub old: Option<String>,
    /// As the new file writes it.
    pub new: Option<String>,
    /// What happened to it.
    pub kind: ChangeKind,
}

/// A design in either file: its place in each (`None` where it is not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignPair {
    /// The design's name in the new file (the old one's if removed).
    pub name: String,
    /// Its index in the old file.
    pub old: Option<usize>,
    /// Its index in the new file.
    pub new: Option<usize>,
}

/// A crossover between two designs (by name) at a volume, or moved from one volume to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossoverMove {
    /// The two designs.
    pub designs: (String, String),
    /// Where it was (`None`: it appeared).
    pub old: Option<u64>,
    /// Where it is (`None`: it vanished).
    pub new: Option<u64>,
}

/// How much of a design's move in ROI one changed input explains on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The design's name.
    pub design: String,
    /// The input's path in the new file.
    pub path: String,
    /// ROI with only this change made to the old scenario, minus the old ROI (`None` where
    /// either is unbounded, at zero cost).
    pub roi_change: Option<Decimal>,
}

/// The comparison of two scenarios at one volume.
#[derive(Debug, Clone)]
pub struct Diff {
    /// The volume of the figures.
    pub volume: u64,
    /// Every changed assumption, in the new file's order (removed ones last).
    pub assumptions: Vec<Change>,
    /// Every design of either file, the new file's first.
    pub designs: Vec<DesignPair>,
    /// The old scenario's figures at the volume.
    pub old: Analysis,
    /// The new scenario's figures at the volume.
    pub new: Analysis,
    /// Crossovers that appeared, vanished or moved.
    pub crossovers: Vec<CrossoverMove>,
    /// Per design whose ROI moved, its changed inputs, largest effect first.
    pub attribution: Vec<Attribution>,
}

/// Pairs the names of two lists: by name, then by place for what is left (a rename); the rest
/// are removed or added. Returns (old index, new index) pairs in the new list's order, then the
/// removed ones.
///
/// Names are compared as validation compares them ([`name_key`]: trimmed, Unicode NFC), so a
/// name spelt in another normalisation in the other file is the same design, not one removed
/// and one added.
fn pair_names(old: &[&str], new: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let old: Vec<String> = old.iter().map(|n| name_key(n)).collect();
    let new: Vec<String> = new.iter().map(|n| name_key(n)).collect();
    let mut used = vec![false; old.len()];
    let mut by_name: Vec<Option<usize>> = new
        .iter()
        .map(|name| {
            let found = (0..old.len()).find(|&i| !used[i] && old[i] == *name);
            if let Some(i) = found {
                used[i] = true;
            }
            found
        })
        .collect();
    for (j, slot) in by_name.iter_mut().enumerate() {
        if slot.is_none() && j < old.len() && !used[j] && !new.contains(&old[j]) {
            used[j] = true;
            *slot = Some(j);
        }
    }
    let mut pairs: Vec<_> = by_name
        .into_iter()
        .enumerate()
        .map(|(j, i)| (i, Some(j)))
        .collect();
    pairs.extend(
        (0..old.len())
            .filter(|&i| !used[i])
            .map(|i| (Some(i), None)),
    );
    pairs
}

/// `path` with its old design and use-case indices replaced by the new ones (`None` when it
/// lies inside a design or use case the new file does not have).
fn renumbered(
    path: &str,
    designs: &BTreeMap<usize, usize>,
    cases: &BTreeMap<usize, usize>,
) -> Option<String> {
    for (prefix, map) in [("designs[", designs), ("use_cases[", cases)] {
        if let Some(rest) = path.strip_prefix(prefix) {
            let (index, tail) = rest.split_once(']')?;
            let new = map.get(&index.parse().ok()?)?;
            return Some(format!("{prefix}{new}]{tail}"));
        }
    }
    Some(path.to_owned())
}

/// Whether `path` lies inside `container` (`designs[2]` holds `designs[2].name`, not `designs[20]`).
fn inside(path: &str, container: &str) -> bool {
    path.strip_prefix(container)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// What the files write, by path: values, then variants (keyed apart). Flattened from the
/// scenario itself, as its file would write them, not from its written text.
fn written(scenario: &Scenario) -> Vec<(String, String)> {
    let Ok(found) = flatten::scenario(scenario) else {
        return Vec::new();
    };
    found
        .values
        .into_iter()
        .chain(
            found
                .variants
                .into_iter()
                .map(|(path, name)| (format!("{path} (kind)"), name)),
        )
        .collect()
}

/// Old index → new index of the designs (or use cases) in both files.
fn matched(pairs: &[(Option<usize>, Option<usize>)]) -> BTreeMap<usize, usize> {
    pairs.iter().filter_map(|&(i, j)| Some((i?, j?))).collect()
}

/// The assumption changes between `old` and `new`.
fn assumptions(
    old: &Scenario,
    new: &Scenario,
    designs: &[(Option<usize>, Option<usize>)],
    cases: &[(Option<usize>, Option<usize>)],
) -> Vec<Change> {
    let (design_map, case_map) = (matched(designs), matched(cases));
    let mut changes = Vec::new();
    // Whole designs and use cases added, removed or renamed.
    for (list, pairs, old_names, new_names) in [
        (
            "designs",
            designs,
            old.designs
                .iter()
                .map(|d| d.name.clone())
                .collect::<Vec<_>>(),
            new.designs
                .iter()
                .map(|d| d.name.clone())
                .collect::<Vec<_>>(),
        ),
        (
            "use_cases",
            cases,
            old.use_cases.iter().map(|c| c.name.clone()).collect(),
            new.use_cases.iter().map(|c| c.name.clone()).collect(),
        ),
    ] {
        for &(i, j) in pairs {
            let (old_name, new_name) = (
                i.map(|i| old_names[i].clone()),
                j.map(|j| new_names[j].clone()),
            );
            let kind = match (&old_name, &new_name) {
                (Some(a), Some(b)) if name_key(a) == name_key(b) => continue,
                (Some(_), Some(_)) => ChangeKind::Renamed,
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
            };
            let index = j.or(i).unwrap_or_default();
            changes.push(Change {
                path: format!("{list}[{index}]"),
                old: old_name.map(|n| format!("{n:?}")),
                new: new_name.map(|n| format!("{n:?}")),
                kind,
            });
        }
    }
    let whole: Vec<String> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Renamed)
        .map(|c| c.path.clone())
        .collect();
    let renamed: Vec<String> = changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Renamed)
        .map(|c| format!("{}.name", c.path))
        .collect();
    let before: BTreeMap<String, String> = written(old)
        .into_iter()
        .filter_map(|(path, text)| Some((renumbered(&path, &design_map, &case_map)?, text)))
        .collect();
    let after = written(new);
    let after_paths: BTreeSet<&str> = after.iter().map(|(p, _)| p.as_str()).collect();
    // A design's or use case's own name is said by its rename; what is inside an added or
    // removed one, by its addition or removal.
    let skip = |path: &str| {
        let path = path.strip_suffix(" (kind)").unwrap_or(path);
        whole.iter().any(|w| inside(path, w)) || renamed.iter().any(|r| r == path)
    };
    for (path, text) in &after {
        if skip(path) {
            continue;
        }
        match before.get(path) {
            Some(was) if was == text => {}
            was => changes.push(Change {
                path: path.clone(),
                old: was.cloned(),
                new: Some(text.clone()),
                kind: if was.is_some() {
                    ChangeKind::Changed
                } else {
                    ChangeKind::Added
                },
            }),
        }
    }
    for (path, text) in &before {
        if !after_paths.contains(path.as_str()) && !skip(path) {
            changes.push(Change {
                path: path.clone(),
                old: Some(text.clone()),
                new: None,
                kind: ChangeKind::Removed,
            });
        }
    }
    changes
}

/// The input of the new file that `input` of the old one is (design and use-case indices
/// renumbered), `None` where the new file has no such input.
fn renumber_input(
    input: &Input,
    designs: &BTreeMap<usize, usize>,
    cases: &BTreeMap<usize, usize>,
) -> Option<Input> {
    Some(match input {
        Input::Share(i) => Input::Share(*cases.get(i)?),
        Input::ValuePerSuccess(i) => Input::ValuePerSuccess(*cases.get(i)?),
        Input::Size(i) => Input::Size(*cases.get(i)?),
        Input::Of(d, inner) => Input::Of(
            *designs.get(d)?,
            Box::new(renumber_input(inner, designs, cases)?),
        ),
        other => other.clone(),
    })
}

/// Per design in both files whose ROI moved: each changed input swapped alone into the old
/// scenario, largest effect first.
fn attribution(
    old: &Scenario,
    new: &Scenario,
    designs: &[(Option<usize>, Option<usize>)],
    cases: &[(Option<usize>, Option<usize>)],
    volume: u64,
) -> Vec<Attribution> {
    let (design_map, case_map) = (matched(designs), matched(cases));
    let mut at_volume = old.clone();
    at_volume.volume.current = volume;
    let mut new_at = new.clone();
    new_at.volume.current = volume;
    let roi = |s: &Scenario, d: usize| whatif::roi_of(s, d).ok();
    let mut found = Vec::new();
    for (&i, &j) in &design_map {
        let (before, after) = (roi(&at_volume, i), roi(&new_at, j));
        if before == after {
            continue;
        }
        let mut rows: Vec<Attribution> = Vec::new();
        for input in whatif::inputs_for(&at_volume, i, Metric::Roi) {
            if input == Input::Volume {
                continue;
            }
            let Some(there) = renumber_input(&input, &design_map, &case_map) else {
                continue;
            };
            let (Some(was), Some(is)) = (
                whatif::value_of(&at_volume, i, &input),
                whatif::value_of(&new_at, j, &there),
            ) else {
                continue;
            };
            if was == is {
                continue;
            }
            let Some(changed) = whatif::with_value(&at_volume, i, &input, is) else {
                continue;
            };
            let moved = match (roi(&changed, i), before) {
                (Some(Some(a)), Some(Some(b))) => a.checked_sub(b),
                _ => None,
            };
            rows.push(Attribution {
                design: new.designs[j].name.clone(),
                path: there.path(j),
                roi_change: moved,
            });
        }
        rows.sort_by(|a, b| {
            let size = |r: &Attribution| r.roi_change.map(|d| d.abs());
            // Unbounded moves first, then by size.
            match (size(a), size(b)) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, _) => std::cmp::Ordering::Less,
                (_, None) => std::cmp::Ordering::Greater,
                (Some(x), Some(y)) => y.cmp(&x),
            }
        });
        found.extend(rows);
    }
    found
}

/// Crossovers by pair of names: which appeared, vanished or moved.
fn crossovers(
    (old, old_a): (&Scenario, &Analysis),
    (new, new_a): (&Scenario, &Analysis),
    designs: &[(Option<usize>, Option<usize>)],
) -> Vec<CrossoverMove> {
    // Old designs by their new names, so a rename is not a crossover lost and another found.
    let old_names: Vec<String> = (0..old.designs.len())
        .map(|i| {
            designs
                .iter()
                .find(|(a, _)| *a == Some(i))
                .and_then(|(_, j)| *j)
                .map_or_else(
                    || old.designs[i].name.clone(),
                    |j| new.designs[j].name.clone(),
                )
        })
        .collect();
    let new_names: Vec<String> = new.designs.iter().map(|d| d.name.clone()).collect();
    let by_pair = |names: &[String], a: &Analysis| -> BTreeMap<(String, String), Vec<u64>> {
        a.crossovers
            .iter()
            .map(|c| {
                let (x, y) = (names[c.a].clone(), names[c.b].clone());
                let key = if x <= y { (x, y) } else { (y, x) };
                (key, c.volumes.clone())
            })
            .collect()
    };
    let (before, after) = (by_pair(&old_names, old_a), by_pair(&new_names, new_a));
    let pairs: BTreeSet<&(String, String)> = before.keys().chain(after.keys()).collect();
    let mut moves = Vec::new();
    for pair in pairs {
        let was = before.get(pair).map_or(&[][..], Vec::as_slice);
        let is = after.get(pair).map_or(&[][..], Vec::as_slice);
        if was == is {
            continue;
        }
        if was.len() == is.len() {
            for (&a, &b) in was.iter().zip(is) {
                if a != b {
                    moves.push(CrossoverMove {
                        designs: pair.clone(),
                        old: Some(a),
                        new: Some(b),
                    });
                }
            }
        } else {
            moves.extend(
                was.iter()
                    .filter(|v| !is.contains(v))
                    .map(|&v| CrossoverMove {
                        designs: pair.clone(),
                        old: Some(v),
                        new: None,
                    }),
            );
            moves.extend(
                is.iter()
                    .filter(|v| !was.contains(v))
                    .map(|&v| CrossoverMove {
                        designs: pair.clone(),
                        old: None,
                        new: Some(v),
                    }),
            );
        }
    }
    moves
}

/// Compares `old` with `new` at `volume`.
pub fn diff(old: &Scenario, new: &Scenario, volume: u64) -> Diff {
    let names: [Vec<&str>; 2] =
        [old, new].map(|s| s.designs.iter().map(|d| d.name.as_str()).collect());
    let case_names: [Vec<&str>; 2] =
        [old, new].map(|s| s.use_cases.iter().map(|c| c.name.as_str()).collect());
    let designs = pair_names(&names[0], &names[1]);
    let cases = pair_names(&case_names[0], &case_names[1]);
    let (old_analysis, new_analysis) = (analyse(old, volume), analyse(new, volume));
    Diff {
        volume,
        assumptions: assumptions(old, new, &designs, &cases),
        designs: designs
            .iter()
            .map(|&(i, j)| DesignPair {
                name: j.map_or_else(
                    || i.map(|i| old.designs[i].name.clone()).unwrap_or_default(),
                    |j| new.designs[j].name.clone(),
                ),
                old: i,
                new: j,
            })
            .collect(),
        crossovers: crossovers((old, &old_analysis), (new, &new_analysis), &designs),
        attribution: attribution(old, new, &designs, &cases, volume),
        old: old_analysis,
        new: new_analysis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pair_by_name_then_by_place() {
        // a renamed x and c renamed d in their places, b kept, e added.
        let pairs = pair_names(&["a", "b", "c"], &["x", "b", "d", "e"]);
        assert_eq!(
            pairs,
            vec![
                (Some(0), Some(0)),
                (Some(1), Some(1)),
                (Some(2), Some(2)),
                (None, Some(3)),
            ]
        );
        // A name that moved is matched by name, not by place.
        let pairs = pair_names(&["a", "b"], &["b", "a"]);
        assert_eq!(pairs, vec![(Some(1), Some(0)), (Some(0), Some(1))]);
        let pairs = pair_names(&["a", "b"], &["b"]);
        assert_eq!(pairs, vec![(Some(1), Some(0)), (Some(0), None)]);
    }

    #[test]
    fn paths_follow_their_design() {
        let designs = BTreeMap::from([(0, 2), (2, 0)]);
        let cases = BTreeMap::new();
        assert_eq!(
            renumbered("designs[2].serving.price_per_hour", &designs, &cases).as_deref(),
            Some("designs[0].serving.price_per_hour")
        );
        assert_eq!(renumbered("designs[1].name", &designs, &cases), None);
        assert!(inside("designs[2].name", "designs[2]"));
        assert!(!inside("designs[20].name", "designs[2]"));
    }
}
