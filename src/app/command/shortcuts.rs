//! The keyboard shortcuts: the keys of the [`Named`](super::Named) commands
//! ([`SHORTCUTS`](super::SHORTCUTS)) drive the key handling, the labels in the menus and the
//! Help menu's list, each formatted by egui for the platform (Ctrl on Linux and Windows, ⌘ on
//! macOS).

use egui::Ui;

use super::{Command, Named, SHORTCUTS};

/// The shortcut of a command as the platform writes it (for a menu entry), e.g. "Ctrl+S" or "⌘S".
pub(crate) fn label(ui: &Ui, named: &Named) -> String {
    named
        .keys
        .first()
        .map(|k| ui.ctx().format_shortcut(k))
        .unwrap_or_default()
}

/// Turns the shortcuts pressed this frame into commands.
pub(crate) fn read(ctx: &egui::Context, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        for named in &SHORTCUTS {
            if named.keys.iter().any(|k| i.consume_shortcut(k)) {
                commands.push((named.command)());
            }
        }
    });
}

/// The list of shortcuts for the Help menu.
pub(crate) fn help_ui(ui: &mut Ui) {
    egui::Grid::new("shortcuts").show(ui, |ui| {
        for named in &SHORTCUTS {
            let keys: Vec<String> = named
                .keys
                .iter()
                .map(|k| ui.ctx().format_shortcut(k))
                .collect();
            ui.label(keys.join(" or "));
            ui.label(named.help);
            ui.end_row();
        }
    });
}
