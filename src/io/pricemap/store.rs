//! The user's copy of the price map, kept in the planner's data folder, so the catalogue can be
//! refreshed offline from a newer `model_prices_and_context_window.json`.
//!
//! The data folder is the one the desktop planner keeps its state in (eframe's for the app id
//! `inference-roi`), computed here without eframe so the command line has it too:
//!
//! * Linux and other Unix: `$XDG_DATA_HOME/inference-roi` when `XDG_DATA_HOME` is an absolute
//!   path, else `~/.local/share/inference-roi`;
//! * macOS: `~/Library/Application Support/inference-roi`;
//! * Windows: `%APPDATA%\inference-roi\data`.
//!
//! The environment variable [`DATA_DIR_ENV`] (`INFERENCE_ROI_DATA_DIR`) names another folder.
//! The copy is `price-map/model_prices_and_context_window.json` in it, with `provenance.json`
//! beside it ([`Provenance`]); both are written atomically. [`active_price_map`] gives the copy
//! when there is one and it reads, the bundled snapshot otherwise.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    PriceMap, PriceMapError, Snapshot, bundled_price_map, parse_price_map, read_price_map_text,
};
use crate::io::catalog::parse_catalog;
use crate::io::{SaveError, write_atomically};
use crate::model::Date;
use crate::model::catalog::Catalog;

/// The environment variable that names the data folder instead of the platform's.
pub const DATA_DIR_ENV: &str = "INFERENCE_ROI_DATA_DIR";
/// The planner's app id: the data folder's name.
pub const DATA_APP_ID: &str = "inference-roi";
/// The folder of the data folder that holds the copy.
pub const STORE_FOLDER: &str = "price-map";
/// The copy's file name.
pub const STORED_FILE: &str = "model_prices_and_context_window.json";
/// The provenance file's name, beside the copy.
pub const PROVENANCE_FILE: &str = "provenance.json";
/// The `package` of a stored copy's [`Snapshot`] (its `version` is the file's original name).
pub const STORED_PACKAGE: &str = "user copy";
/// The `package` of a `--catalog` file's [`Snapshot`].
pub const FILE_PACKAGE: &str = "file";

/// The planner's data folder: [`DATA_DIR_ENV`] when set and not empty, else the platform's
/// (see the module's documentation); `None` when there is no home folder to put it in.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => platform_data_dir(),
    }
}

/// eframe's `storage_dir(DATA_APP_ID)` (eframe 0.37, `native/file_storage.rs`).
#[cfg(target_os = "macos")]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::home_dir().map(|home| {
        home.join("Library")
            .join("Application Support")
            .join(DATA_APP_ID)
    })
}

/// eframe's `storage_dir(DATA_APP_ID)`: the roaming application data folder (`%APPDATA%`).
#[cfg(windows)]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .map(|p| p.join(DATA_APP_ID).join("data"))
}

/// eframe's `storage_dir(DATA_APP_ID)` on Linux and the BSDs.
#[cfg(all(
    unix,
    not(target_os = "macos"),
    not(target_os = "android"),
    not(target_os = "ios")
))]
fn platform_data_dir() -> Option<PathBuf> {
    xdg_data_dir(std::env::var_os("XDG_DATA_HOME"), std::env::home_dir())
}

/// `$XDG_DATA_HOME/inference-roi` when it is an absolute path, else
/// `HOME/.local/share/inference-roi`.
#[cfg_attr(
    any(
        not(unix),
        target_os = "macos",
        target_os = "android",
        target_os = "ios"
    ),
    allow(dead_code)
)]
fn xdg_data_dir(xdg: Option<std::ffi::OsString>, home: Option<PathBuf>) -> Option<PathBuf> {
    xdg.map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|home| home.join(".local").join("share")))
        .map(|p| p.join(DATA_APP_ID))
}

/// No data folder elsewhere, as with eframe.
#[cfg(not(any(unix, windows)))]
fn platform_data_dir() -> Option<PathBuf> {
    None
}

/// No data folder on phones, as with eframe.
#[cfg(any(target_os = "android", target_os = "ios"))]
fn platform_data_dir() -> Option<PathBuf> {
    None
}

/// Where the copy is kept: `<data>/price-map/model_prices_and_context_window.json`.
pub fn stored_map_path() -> Option<PathBuf> {
    data_dir().map(|d| stored_map_in(&d))
}

/// Where the copy is kept in the data folder `data`.
pub fn stored_map_in(data: &Path) -> PathBuf {
    data.join(STORE_FOLDER).join(STORED_FILE)
}

fn provenance_path(map: &Path) -> PathBuf {
    map.with_file_name(PROVENANCE_FILE)
}

/// Where the stored copy came from, kept beside it as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The name of the file it was read from (not its folder).
    pub original_name: String,
    /// The day it was read.
    pub read_on: Date,
    /// Its size in bytes: a copy of another size is not this one.
    pub bytes: u64,
    /// The models it gives, priced by the token.
    pub models: usize,
    /// The entries left out.
    pub left_out: usize,
    /// The entries refused (a price that is not a price).
    pub refused: usize,
}

impl Provenance {
    /// The snapshot a copy with this provenance is read as: package [`STORED_PACKAGE`], version
    /// the original file name, taken the day it was read.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            package: STORED_PACKAGE.to_owned(),
            version: self.original_name.clone(),
            taken: self.read_on,
        }
    }
}

/// Which price map is in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapOrigin {
    /// The snapshot built into the program (`assets/price-map/`).
    Bundled,
    /// The user's copy in the data folder.
    Stored {
        /// The copy.
        path: PathBuf,
        /// Where it came from.
        provenance: Provenance,
    },
    /// A file named for this run (`--catalog FILE`).
    File(PathBuf),
}

impl MapOrigin {
    /// In words, for a summary: `the bundled snapshot`, `the updated copy of FILE read on DAY`,
    /// `the file FILE`. Names come from the user's files: made harmless for a terminal.
    pub fn describe(&self) -> String {
        match self {
            MapOrigin::Bundled => "the bundled snapshot".to_owned(),
            MapOrigin::Stored { provenance, .. } => format!(
                "the updated copy of {} read on {}",
                crate::format::terminal_text(&provenance.original_name),
                provenance.read_on
            ),
            MapOrigin::File(path) => format!(
                "the file {} (--catalog)",
                crate::format::terminal_text(&path.display().to_string())
            ),
        }
    }
}

/// The price map in use, where it comes from, and why the stored copy was passed over if it was.
#[derive(Debug, Clone)]
pub struct ActiveMap {
    /// The map.
    pub map: PriceMap,
    /// Where it comes from.
    pub origin: MapOrigin,
    /// Set when a stored copy exists but cannot be used: the bundled snapshot is used instead.
    pub warning: Option<String>,
}

/// Why the stored copy could not be written or removed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No data folder: no home folder and no [`DATA_DIR_ENV`].
    #[error("there is no data folder to keep the price map in: set {DATA_DIR_ENV} to a folder")]
    NoDataDir,
    /// The new file is not a price map; the stored copy is untouched.
    #[error("{0}; the price map in use is unchanged")]
    Map(PriceMapError),
    /// The new file prices no model by the token.
    #[error(
        "the file gives no model priced by the token ({0} entries left out); the price map in \
         use is unchanged"
    )]
    Empty(usize),
    /// A file could not be written or removed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file could not be written atomically.
    #[error("{0}")]
    Save(SaveError),
}

/// The price map in use: the stored copy when there is one and it reads, else the bundled
/// snapshot. A stored copy that is broken (unreadable, not a price map, another size than its
/// provenance says, or without provenance) is passed over with a warning, never an error.
pub fn active_price_map() -> Result<ActiveMap, PriceMapError> {
    match data_dir() {
        Some(data) => active_price_map_in(&data),
        None => bundled_price_map().map(|map| ActiveMap {
            map,
            origin: MapOrigin::Bundled,
            warning: None,
        }),
    }
}

/// [`active_price_map`] with the data folder `data`.
pub fn active_price_map_in(data: &Path) -> Result<ActiveMap, PriceMapError> {
    let bundled = |warning| {
        bundled_price_map().map(|map| ActiveMap {
            map,
            origin: MapOrigin::Bundled,
            warning,
        })
    };
    let path = stored_map_in(data);
    let provenance = provenance_path(&path);
    if !path.exists() && !provenance.exists() {
        return bundled(None);
    }
    match read_stored(&path) {
        Ok(active) => Ok(active),
        Err(why) => bundled(Some(format!(
            "the updated price map {} cannot be used ({why}); using the bundled snapshot \
             (inference-roi catalog reset removes the copy, catalog update stores a new one)",
            path.display()
        ))),
    }
}

fn read_stored(path: &Path) -> Result<ActiveMap, String> {
    let provenance_file = provenance_path(path);
    let text = std::fs::read_to_string(&provenance_file)
        .map_err(|e| format!("cannot read {}: {e}", provenance_file.display()))?;
    let provenance: Provenance = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not a provenance file: {e}",
            provenance_file.display()
        )
    })?;
    let text = read_price_map_text(path).map_err(|e| e.to_string())?;
    if text.len() as u64 != provenance.bytes {
        return Err(format!(
            "it is {} bytes, its provenance says {}",
            text.len(),
            provenance.bytes
        ));
    }
    let map = parse_price_map(&text, provenance.snapshot()).map_err(|e| e.to_string())?;
    Ok(ActiveMap {
        map,
        origin: MapOrigin::Stored {
            path: path.to_owned(),
            provenance,
        },
        warning: None,
    })
}

/// Reads `file` as a price map and, when it is one and gives at least one model, stores it in
/// the data folder as the map in use (the map first, then its provenance, each atomically).
/// Anything else is refused whole and the stored copy, if any, is untouched.
pub fn update_price_map(file: &Path) -> Result<ActiveMap, StoreError> {
    update_price_map_in(&data_dir().ok_or(StoreError::NoDataDir)?, file)
}

/// [`update_price_map`] with the data folder `data`.
pub fn update_price_map_in(data: &Path, file: &Path) -> Result<ActiveMap, StoreError> {
    let text = read_price_map_text(file).map_err(StoreError::Map)?;
    let original_name = file.file_name().map_or_else(
        || STORED_FILE.to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut provenance = Provenance {
        original_name,
        read_on: Date::today(),
        bytes: text.len() as u64,
        models: 0,
        left_out: 0,
        refused: 0,
    };
    let map = parse_price_map(&text, provenance.snapshot()).map_err(StoreError::Map)?;
    if map.entries.is_empty() {
        return Err(StoreError::Empty(map.left_out_total()));
    }
    provenance.models = map.entries.len();
    provenance.left_out = map.left_out_total();
    provenance.refused = map.refused.len();
    let path = stored_map_in(data);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    write_atomically(&path, text.as_bytes()).map_err(StoreError::Save)?;
    let mut record = serde_json::to_string_pretty(&provenance).unwrap_or_default();
    record.push('\n');
    write_atomically(&provenance_path(&path), record.as_bytes()).map_err(StoreError::Save)?;
    Ok(ActiveMap {
        map,
        origin: MapOrigin::Stored { path, provenance },
        warning: None,
    })
}

/// Goes back to the bundled snapshot: removes the stored copy and its provenance. True when
/// there was something to remove.
pub fn reset_price_map() -> Result<bool, StoreError> {
    data_dir().map_or(Ok(false), |data| reset_price_map_in(&data))
}

/// [`reset_price_map`] with the data folder `data`.
pub fn reset_price_map_in(data: &Path) -> Result<bool, StoreError> {
    let path = stored_map_in(data);
    let mut removed = false;
    for file in [provenance_path(&path), path] {
        match std::fs::remove_file(&file) {
            Ok(()) => removed = true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::Io { path: file, source }),
        }
    }
    Ok(removed)
}

/// A catalogue file named for one run (`--catalog FILE`).
#[derive(Debug, Clone)]
pub enum CatalogFile {
    /// `LiteLLM`'s JSON price map: used instead of the map in use.
    PriceMap(Box<ActiveMap>),
    /// Our own RON catalogue (`Catalog(…)`, as `assets/catalog.ron`): used instead of the
    /// bundled catalogue.
    Catalog(Catalog),
}

/// Reads a catalogue file, telling the two kinds apart by content: text starting with `{` (after
/// a byte order mark and white space) is a JSON price map, anything else a RON catalogue.
pub fn read_catalog_file(path: &Path) -> Result<CatalogFile, String> {
    let shown = path.display();
    let text = read_price_map_text(path).map_err(|e| format!("{shown}: {e}"))?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text).trim_start();
    if body.starts_with('{') {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let snapshot = Snapshot {
            package: FILE_PACKAGE.to_owned(),
            version: name,
            taken: Date::today(),
        };
        let map = parse_price_map(&text, snapshot).map_err(|e| format!("{shown}: {e}"))?;
        Ok(CatalogFile::PriceMap(Box::new(ActiveMap {
            map,
            origin: MapOrigin::File(path.to_owned()),
            warning: None,
        })))
    } else if text.len() as u64 > crate::io::MAX_FILE_BYTES {
        Err(format!("{shown}: catalogues are limited to 8 MiB"))
    } else {
        parse_catalog(&text).map(CatalogFile::Catalog).map_err(|e| {
            format!(
                "{shown} is neither a LiteLLM price map (JSON) nor a catalogue \
                     (RON, Catalog(…)): {e}"
            )
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::path::PathBuf;

    use super::xdg_data_dir;

    #[test]
    fn the_unix_data_folder_is_eframes() {
        let home = Some(PathBuf::from("/home/u"));
        let dir =
            |xdg: Option<&str>, home: Option<PathBuf>| xdg_data_dir(xdg.map(Into::into), home);
        assert_eq!(
            dir(Some("/data"), home.clone()),
            Some(PathBuf::from("/data/inference-roi"))
        );
        // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
        assert_eq!(
            dir(Some("rel"), home.clone()),
            Some(PathBuf::from("/home/u/.local/share/inference-roi"))
        );
        assert_eq!(
            dir(None, home),
            Some(PathBuf::from("/home/u/.local/share/inference-roi"))
        );
        assert_eq!(dir(None, None), None);
    }
}
