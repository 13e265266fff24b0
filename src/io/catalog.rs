//! Price catalogues: the bundled `assets/catalog.ron` and catalogues people keep themselves.

use std::path::Path;

use super::{LoadError, read_text, syntax_error};
use crate::model::catalog::Catalog;
use crate::model::validate::catalog_problems;

/// The bundled catalogue's text.
pub const BUNDLED_CATALOG: &str = include_str!("../../assets/catalog.ron");

/// Parses a catalogue, refusing syntax errors (with line and column) and bad entries.
pub fn parse_catalog(text: &str) -> Result<Catalog, LoadError> {
    let catalog: Catalog = ron::from_str(text).map_err(|e| syntax_error(&e))?;
    let problems = catalog_problems(&catalog);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(LoadError::Catalog(problems))
    }
}

/// The bundled catalogue.
pub fn bundled_catalog() -> Result<Catalog, LoadError> {
    parse_catalog(BUNDLED_CATALOG)
}

/// Reads a catalogue file (at most 8 MiB).
pub fn load_catalog(path: &Path) -> Result<Catalog, LoadError> {
    parse_catalog(&read_text(path)?)
}
