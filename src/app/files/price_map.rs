//! The price map behind "Choose model…": which one is in use (the bundled snapshot, the user's
//! updated copy in the data folder, or a `--catalog` file for this run), File ▸ Price catalogue ▸
//! Update from a price-map file… with what changed and the open designs it touches, and going back
//! to the bundled snapshot.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui::RichText;

use crate::app::PlannerApp;
use crate::app::editors::models::{ModelList, shown};
use crate::app::files::dialogs::{PathPrompt, Purpose};
use crate::app::files::native::{self, Picked};
use crate::io::pricemap::{
    Affected, CatalogFile, Field, MapOrigin, PriceChanges, PriceMap, active_price_map_in,
    affected_designs, bundled_price_map, compare, read_catalog_file, reset_price_map_in,
    stored_map_in, update_price_map_in,
};
use crate::model::catalog::Entry;

/// The most changes of one kind the update window lists (the counts are always whole).
const MAX_LISTED: usize = 200;

/// The price map in use and where it comes from.
#[derive(Debug, Clone)]
pub(crate) struct Prices {
    /// The map (`None`: not even the bundled snapshot could be read; only checked prices).
    pub(crate) map: Option<Arc<PriceMap>>,
    /// Where it comes from.
    pub(crate) origin: MapOrigin,
    /// The data folder the updated copy is kept in (`None`: updates are not kept, as in tests).
    pub(crate) data_dir: Option<PathBuf>,
}

/// What the last update changed, shown until closed.
#[derive(Debug, Clone)]
pub(crate) struct PriceUpdate {
    /// The map it came from and the map it went to, in words.
    from: String,
    to: String,
    /// Models added, removed and prices that moved.
    changes: PriceChanges,
    /// The designs of the open scenario that use a changed or removed model.
    affected: Vec<Affected>,
}

/// The bundled snapshot, read once per process.
fn bundled() -> Option<Arc<PriceMap>> {
    static MAP: OnceLock<Option<Arc<PriceMap>>> = OnceLock::new();
    MAP.get_or_init(|| bundled_price_map().ok().map(Arc::new))
        .clone()
}

impl Prices {
    /// The price map to start with: the `--catalog` file when one is given (a price map, or a
    /// catalogue of checked prices that replaces `catalog`), else the data folder's updated copy
    /// when one is kept (a broken copy gives the bundled snapshot and a warning), else the
    /// bundled snapshot. What went wrong comes back as a message.
    pub(crate) fn start(
        data_dir: Option<PathBuf>,
        file: Option<&Path>,
        catalog: &mut Vec<Entry>,
    ) -> (Self, Option<String>) {
        let mut prices = Prices {
            map: None,
            origin: MapOrigin::Bundled,
            data_dir,
        };
        let mut message = None;
        if let Some(path) = file {
            match read_catalog_file(path) {
                Ok(CatalogFile::PriceMap(active)) => {
                    prices.map = Some(Arc::new(active.map));
                    prices.origin = active.origin;
                }
                Ok(CatalogFile::Catalog(own)) => *catalog = own.entries,
                Err(e) => {
                    message = Some(format!(
                        "Could not use {} as a price catalogue: {e}",
                        path.display()
                    ));
                }
            }
        }
        // The updated copy, when one is kept (the bundled snapshot is read once per process).
        let kept = (prices.data_dir.as_deref())
            .filter(|dir| prices.map.is_none() && stored_map_in(dir).exists());
        if let Some(dir) = kept {
            match active_price_map_in(dir) {
                Ok(active) => {
                    message = message.or(active.warning);
                    prices.map = Some(Arc::new(active.map));
                    prices.origin = active.origin;
                }
                Err(e) => message = Some(format!("The price map could not be read: {e}")),
            }
        }
        if prices.map.is_none() {
            prices.map = bundled();
        }
        (prices, message)
    }

    /// The models "Choose model…" offers with `catalog`'s checked entries.
    pub(crate) fn models(&self, catalog: &[Entry]) -> ModelList {
        ModelList::new(catalog, self.map.as_deref())
    }

    /// True when the data folder's updated copy is in use.
    pub(crate) fn updated(&self) -> bool {
        matches!(self.origin, MapOrigin::Stored { .. })
    }
}

impl PlannerApp {
    /// Asks for a price-map file to update from: the system's dialog, or a typed path.
    pub(crate) fn choose_price_map(&mut self) {
        let picked = if self.native_dialogs {
            native::pick_price_map()
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(path) => self.update_price_map(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::PriceMap,
                    text: String::new(),
                    note:
                        "A newer model_prices_and_context_window.json, downloaded where there is \
                           internet (LiteLLM's price map)"
                            .to_owned(),
                    focused: false,
                    closed: false,
                });
            }
        }
    }

    /// Reads `path` as a newer price map; when it is one, keeps it in the data folder, uses it
    /// for "Choose model…" and shows what changed. When it is not, nothing changes.
    pub(crate) fn update_price_map(&mut self, path: &Path) {
        let Some(dir) = self.prices.data_dir.clone() else {
            self.error("There is no data folder to keep a price map in; nothing was changed.");
            return;
        };
        match update_price_map_in(&dir, path) {
            Ok(active) => {
                let changes = self
                    .prices
                    .map
                    .as_deref()
                    .map_or_else(PriceChanges::default, |old| compare(old, &active.map));
                let affected = affected_designs(self.doc.scenario(), &changes);
                let from = self.prices.origin.describe();
                self.prices.map = Some(Arc::new(active.map));
                self.prices.origin = active.origin;
                self.models = self.prices.models(&self.catalog);
                self.info(format!("Price map updated: {}", counted(&changes)));
                self.price_update = Some(PriceUpdate {
                    from,
                    to: self.prices.origin.describe(),
                    changes,
                    affected,
                });
            }
            Err(e) => self.error(format!("Could not update the price map: {e}")),
        }
    }

    /// Goes back to the bundled snapshot, removing the data folder's copy.
    pub(crate) fn reset_price_map(&mut self) {
        if let Some(dir) = &self.prices.data_dir
            && let Err(e) = reset_price_map_in(dir)
        {
            self.error(format!("Could not remove the updated price map: {e}"));
            return;
        }
        self.prices.map = bundled();
        self.prices.origin = MapOrigin::Bundled;
        self.models = self.prices.models(&self.catalog);
        self.price_update = None;
        self.info("Using the bundled price map");
    }

    /// The window saying what the last update changed, until it is closed.
    pub(crate) fn price_update_ui(&mut self, ctx: &egui::Context) {
        let Some(update) = &self.price_update else {
            return;
        };
        let mut open = true;
        egui::Window::new("Price map updated")
            .open(&mut open)
            .default_width(620.0)
            .default_height(480.0)
            .collapsible(false)
            .show(ctx, |ui| update_ui(ui, update));
        if !open {
            self.price_update = None;
        }
    }
}

/// What changed, in words and lists.
fn update_ui(ui: &mut egui::Ui, update: &PriceUpdate) {
    let changes = &update.changes;
    ui.label(format!("From {}", update.from));
    ui.label(format!("to {}.", update.to));
    ui.label(RichText::new(format!("{}.", counted(changes))).strong());
    ui.add_space(6.0);
    if update.affected.is_empty() {
        ui.label("No design of this scenario uses a model that changed.");
    } else {
        ui.label(
            "Designs of this scenario that use a changed model (their prices stay as they are: \
             choose the model again to take the new ones):",
        );
        for a in &update.affected {
            let models: Vec<String> = a.models.iter().map(|m| shown(m)).collect();
            let removed = if a.removed {
                " — removed from the map"
            } else {
                ""
            };
            ui.label(format!(
                "• {}: {}{removed}",
                shown(&a.design),
                models.join(", ")
            ));
        }
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            moved_ui(ui, changes);
            listed_ui(ui, "Added", &changes.added);
            listed_ui(ui, "Removed", &changes.removed);
        });
}

/// The prices that moved: model, which price, old → new, per 1M tokens.
fn moved_ui(ui: &mut egui::Ui, changes: &PriceChanges) {
    if changes.moved.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Prices moved ({})", changes.moved.len()))
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("moved_prices")
                .striped(true)
                .show(ui, |ui| {
                    for m in changes.moved.iter().take(MAX_LISTED) {
                        let price = |d: Option<rust_decimal::Decimal>| {
                            d.map_or_else(|| "—".to_owned(), |d| d.normalize().to_string())
                        };
                        ui.label(shown(&m.id));
                        let (what, unit) = field_words(m.field);
                        ui.label(what);
                        ui.label(format!("{} → {}{unit}", price(m.old), price(m.new)));
                        ui.end_row();
                    }
                });
            more(ui, changes.moved.len());
        });
}

/// Models added or removed, by id and provider.
fn listed_ui(ui: &mut egui::Ui, what: &str, entries: &[crate::io::pricemap::PriceEntry]) {
    if entries.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{what} ({})", entries.len()))
        .default_open(entries.len() <= 20)
        .show(ui, |ui| {
            for e in entries.iter().take(MAX_LISTED) {
                ui.label(format!(
                    "{} ({}) · ${} in · ${} out per 1M",
                    shown(&e.id),
                    shown(&e.provider),
                    e.input_price_per_mtok.normalize(),
                    e.output_price_per_mtok.normalize()
                ));
            }
            more(ui, entries.len());
        });
}

/// "… and N more" under a list cut at [`MAX_LISTED`].
fn more(ui: &mut egui::Ui, total: usize) {
    if total > MAX_LISTED {
        ui.label(
            RichText::new(format!(
                "… and {} more (inference-roi catalog update lists them all)",
                total - MAX_LISTED
            ))
            .weak(),
        );
    }
}

/// "1 model added, 2 removed, 3 prices moved".
fn counted(changes: &PriceChanges) -> String {
    let moved = changes.moved.len();
    format!(
        "{} model{} added, {} removed, {moved} price{} moved",
        changes.added.len(),
        if changes.added.len() == 1 { "" } else { "s" },
        changes.removed.len(),
        if moved == 1 { "" } else { "s" }
    )
}

/// A price's name in words and the unit its figures are in.
fn field_words(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::Input => ("input", " $ per 1M tokens"),
        Field::Output => ("output", " $ per 1M tokens"),
        Field::CachedInput => ("cached input", " $ per 1M tokens"),
        Field::CacheWrite => ("cache write", " $ per 1M tokens"),
        Field::BatchDiscount => ("batch discount", " %"),
        Field::LongContextAbove => ("long-context tier from", " input tokens"),
        Field::LongContextInput => ("long-context input", " $ per 1M tokens"),
        Field::LongContextOutput => ("long-context output", " $ per 1M tokens"),
    }
}
