//! Scenario files: reading (with every refusal explained), writing (atomically) and the
//! bundled examples.
//!
//! Files are RON, format 1 (see `docs/file-format.md#every-field`). Reading refuses files over 8 MiB,
//! RON syntax errors, unknown fields and wrong types (each with its line and column), files
//! from a newer format, and files that break the size limits of [`crate::model::validate::limit_problems`].
//! Meaning (ranges, sums) is checked separately by [`crate::econ::validate()`], so the app can
//! open a scenario with a bad value and point at the field.

pub mod catalog;
pub mod examples;
pub mod focus;
pub mod portfolio;
pub mod pricemap;
pub mod ranges;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::model::validate::limit_problems;
use crate::model::{FORMAT, Problem, Scenario};

/// The largest scenario file read: 8 MiB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a scenario could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file is {} MiB; scenario files are limited to 8 MiB", .0 / (1024 * 1024))]
    TooLarge(u64),
    /// The file is a portfolio (it starts with `Portfolio(`), not a scenario.
    #[error(
        "this is a portfolio file, not a scenario: `inference-roi portfolio FILE` reads it (the \
         planner's Portfolio view is yet to come); open one of the scenarios it lists instead"
    )]
    IsPortfolio,
    /// The file is not UTF-8 text.
    #[error("the file is not UTF-8 text (byte {0} is not valid): is it really a .ron scenario?")]
    NotText(usize),
    /// RON syntax, an unknown field, a wrong type or a bad value, at a line and column.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A `Range(low, high)` that cannot be used.
    #[error("line {line}, column {column}: {path}: {message}")]
    Range {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The field's path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The file is from a newer version of the app.
    #[error(
        "the file is format {0}, written by a newer version of Inference ROI Planner; this version reads \
            format {FORMAT}"
    )]
    NewerFormat(u64),
    /// A price catalogue with bad entries.
    #[error("the catalogue is refused: {}", .0.join("; "))]
    Catalog(Vec<String>),
    /// The file is another kind of file than the one asked for (a scenario given as a
    /// portfolio), or a folder that cannot make one; the message says which.
    #[error("{0}")]
    Kind(String),
    /// The file breaks a size limit (too many designs or use cases, too long a string).
    #[error("the file is refused: {}", join(.0))]
    Limits(Vec<Problem>),
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a scenario could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The scenario could not be turned into RON.
    #[error("cannot write the scenario as RON: {0}")]
    Encode(String),
    /// The file could not be written; the previous file, if any, is untouched.
    #[error("cannot save {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Only the `format` field, read leniently first so that a newer file is named as such
/// rather than refused for fields this version does not know.
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
struct FormatProbe {
    #[serde(default)]
    format: u64,
}

/// Parses scenario text (RON, format 1). The result may still have validation problems.
///
/// A UTF-8 byte order mark at the start (which some editors add) is skipped; saving writes the
/// file without one. Lines may end in LF, CRLF or a lone CR: errors name the line an editor shows.
pub fn parse(text: &str) -> Result<Scenario, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(text.len() as u64));
    }
    if portfolio::struct_name(text) == Some("Portfolio") {
        return Err(LoadError::IsPortfolio);
    }
    if let Ok(FormatProbe { format: found }) = ron::from_str::<FormatProbe>(text)
        && found > u64::from(FORMAT)
    {
        return Err(LoadError::NewerFormat(found));
    }
    let (parsed, ranges, replaced) =
        ranges::extract_mapped(text).map_err(|p| LoadError::Range {
            line: p.line,
            column: p.column,
            path: p.path,
            message: p.message,
        })?;
    let mut scenario: Scenario = ron::from_str(&parsed).map_err(|e| {
        // RON counts lines at LF only, in the text with ranges replaced: find the byte it
        // means there, then the line and column of that byte in the file as written.
        let at = offset_of(&parsed, e.span.start.line, e.span.start.col);
        let (line, column) = ranges::line_column(text, ranges::offset_in_file(at, &replaced));
        LoadError::Syntax {
            line,
            column,
            message: describe(&e.code),
        }
    })?;
    scenario.ranges = ranges;
    let mut limits = limit_problems(&scenario);
    // Every month of the timeline must be a month the planner can write: past 9999-12 the
    // engine would repeat the last one (`validate` checks the count itself, 1–120).
    if let Some(t) = &scenario.timeline
        && (1..=crate::model::validate::MAX_MONTHS).contains(&t.months)
        && let Err(past) = t.start.last_of(t.months)
    {
        limits.push(Problem {
            severity: crate::model::Severity::Error,
            path: "timeline.start".to_owned(),
            message: past.to_string(),
        });
    }
    if limits.is_empty() {
        Ok(scenario)
    } else {
        Err(LoadError::Limits(limits))
    }
}

/// The byte offset of RON's 1-based line and column (in characters; lines end at LF only).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(at, _)| line_start + at)
}

/// A RON error with its line and column.
pub(crate) fn syntax_error(error: &ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        line: error.span.start.line,
        column: error.span.start.col,
        message: describe(&error.code),
    }
}

/// RON's message, reworded where it would puzzle someone who writes scenarios by hand.
fn describe(error: &ron::Error) -> String {
    match error {
        ron::Error::Eof => {
            "the file ends too early: a closing bracket or a value is missing".to_owned()
        }
        ron::Error::ExceededRecursionLimit => {
            "values are nested too deeply (cascades nest at most 4 deep)".to_owned()
        }
        other => other.to_string(),
    }
}

/// Reads and parses a scenario file, refusing anything over 8 MiB before reading it whole.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    parse(&read_text(path)?)
}

/// Reads a UTF-8 text file of at most [`MAX_FILE_BYTES`], refusing a larger one before reading it.
pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(size));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(bytes.len() as u64));
    }
    let text =
        String::from_utf8(bytes).map_err(|e| LoadError::NotText(e.utf8_error().valid_up_to()))?;
    // A byte order mark is not part of the scenario (see [`parse`]); without it, lines of
    // fields found in the text match the parsed file.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Whether two paths name the same file: the same device and inode where both exist (so a link
/// or a different spelling of the path is caught), the same canonical path elsewhere.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt as _;
            a.dev() == b.dev() && a.ino() == b.ino()
        }
        _ => match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            // An output that does not exist yet cannot be an input that was read.
            _ => false,
        },
    }
}

/// How scenario files are written.
fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .new_line("\n")
        .escape_strings(false)
        .separate_tuple_members(false)
}

/// One design as RON, written as in a scenario file, with its trailing comma: ready to paste
/// into a scenario's `designs: [ … ]`.
pub fn design_to_ron(design: &crate::model::Design) -> Result<String, SaveError> {
    let mut text = ron::ser::to_string_pretty(design, pretty())
        .map_err(|e| SaveError::Encode(e.to_string()))?;
    text.push_str(",\n");
    Ok(text)
}

/// The scenario as RON text, exactly as [`save`] writes it.
pub fn to_ron(scenario: &Scenario) -> Result<String, SaveError> {
    let mut text = ron::ser::to_string_pretty(scenario, pretty())
        .map_err(|e| SaveError::Encode(e.to_string()))?;
    text.push('\n');
    Ok(ranges::reinsert(&text, &scenario.ranges))
}

/// Writes a scenario atomically: to a temporary file beside `path`, flushed to disk, then
/// renamed over it. A crash mid-save leaves the previous file (or nothing), never half a file.
pub fn save(scenario: &Scenario, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(scenario)?;
    write_atomically(path, text.as_bytes())
}

/// Writes bytes to `path` atomically: to a new temporary file beside it, flushed to disk, then
/// renamed over it. Every save and export goes through here.
///
/// The temporary file is created exclusively under an unpredictable name (`.NAME.XXXXXX.tmp`),
/// so a link planted in a shared folder cannot redirect the write. An existing target keeps its
/// permissions (a 0600 file stays 0600); a new one gets 0666 less the umask, as any new file. A
/// failed write removes the temporary file, and so does Ctrl-C or SIGTERM during the write.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let write_error = |source| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "scenario".into(), |n| n.to_string_lossy());
    interrupt::install_cleanup();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Only a regular file's permissions are kept: a link or a device at the target is replaced
    // by a plain file, as the rename always did.
    let kept = fs::symlink_metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|m| m.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The mode is passed to open(2), so the umask applies, as for any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(&dir).map_err(write_error)?;
    let guard = interrupt::InFlight::register(temp.path());
    let result = (|| {
        if let Some(permissions) = kept {
            // fchmod is not subject to the umask: the target's own mode, exactly.
            temp.as_file().set_permissions(permissions)?;
        }
        let mut file = temp.as_file();
        file.write_all(bytes)?;
        file.sync_all()?;
        temp.persist(path).map_err(|e| e.error)
    })();
    // On failure `temp` was dropped inside the closure or by `persist`'s error, removing the file.
    drop(guard);
    result.map_err(write_error)?;
    // Make the rename itself durable where the platform allows syncing a directory.
    if let Ok(dir) = fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removing a save's temporary file when the process is interrupted mid-write.
///
/// An interrupted process runs no destructors, so the temporary files in flight are kept in a
/// process-wide list, and a Ctrl-C / SIGTERM / SIGHUP handler (installed on the first save)
/// removes them before exiting with 130, the shell's code for an interrupted command.
mod interrupt {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, MutexGuard, Once};

    /// The temporary files being written now.
    static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    /// The exit code after an interrupt: 128 + SIGINT, as shells report it.
    pub(super) const INTERRUPTED: i32 = 130;

    fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
        // A panic while holding the list leaves it usable: it is only a list of paths.
        IN_FLIGHT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Installs the handler once. Another handler already set (by the embedding program) is
    /// kept: it then owns interrupts, and a temporary file may be left as before.
    pub(super) fn install_cleanup() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let _ = ctrlc::set_handler(|| {
                remove_listed(&mut in_flight());
                std::process::exit(INTERRUPTED);
            });
        });
    }

    /// Removes every temporary file of `list` (the files in flight); the handler's work.
    pub(super) fn remove_listed(list: &mut Vec<PathBuf>) {
        for path in list.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// A temporary file listed while it is written; unlisted when dropped (written or removed).
    pub(super) struct InFlight(PathBuf);

    impl InFlight {
        pub(super) fn register(path: &Path) -> Self {
            in_flight().push(path.to_owned());
            Self(path.to_owned())
        }
    }

    impl Drop for InFlight {
        fn drop(&mut self) {
            let mut list = in_flight();
            if let Some(at) = list.iter().position(|p| *p == self.0) {
                list.swap_remove(at);
            }
        }
    }

    #[cfg(test)]
    pub(super) fn listed() -> Vec<PathBuf> {
        in_flight().clone()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{interrupt, write_atomically};

    #[test]
    fn an_interrupt_removes_the_temporary_files_in_flight() {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().join(".x.ron.abc123.tmp");
        std::fs::write(&temp, "half").unwrap();
        let guard = interrupt::InFlight::register(&temp);
        let mut listed = interrupt::listed();
        assert!(listed.contains(&temp));
        // The handler's work, on a copy of the list: other tests write at the same time.
        listed.retain(|p| *p == temp);
        interrupt::remove_listed(&mut listed);
        assert!(!temp.exists());
        drop(guard);
        assert!(!interrupt::listed().contains(&temp));
    }

    #[test]
    fn a_finished_write_is_no_longer_listed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("done.csv");
        write_atomically(&target, b"a,b\n").unwrap();
        assert!(
            interrupt::listed()
                .iter()
                .all(|p| p.parent() != Some(dir.path()))
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "a,b\n");
    }
}
