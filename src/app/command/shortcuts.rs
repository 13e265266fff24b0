//! The keyboard shortcuts: one table drives the key handling, the labels in the menus and the
//! Help menu's list, each formatted by egui for the platform (Ctrl on Linux and Windows, ⌘ on
//! macOS).

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::app::command::Command;

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    New,
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    Quit,
    ExportChart,
    Present,
}

impl Action {
    /// The command the shortcut issues.
    pub(crate) fn command(self) -> Command {
        match self {
            Action::New => Command::New,
            Action::Open => Command::Open(None),
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs(None),
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Quit => Command::Quit,
            Action::ExportChart => Command::ExportChart(None),
            Action::Present => Command::TogglePresent,
        }
    }
}

const fn keys(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const SHIFT_COMMAND: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Every shortcut: the action, its keys (several where more than one combination does it), and
/// what it does in words. Longer combinations come first, so that Ctrl+Shift+S is not also taken
/// as Ctrl+S.
pub(crate) const SHORTCUTS: &[(Action, &[KeyboardShortcut], &str)] = &[
    (Action::SaveAs, &[keys(SHIFT_COMMAND, Key::S)], "Save As…"),
    (
        Action::Redo,
        &[
            keys(SHIFT_COMMAND, Key::Z),
            keys(Modifiers::COMMAND, Key::Y),
        ],
        "Redo",
    ),
    (
        Action::New,
        &[keys(Modifiers::COMMAND, Key::N)],
        "New scenario",
    ),
    (Action::Open, &[keys(Modifiers::COMMAND, Key::O)], "Open…"),
    (Action::Save, &[keys(Modifiers::COMMAND, Key::S)], "Save"),
    (Action::Undo, &[keys(Modifiers::COMMAND, Key::Z)], "Undo"),
    (Action::Quit, &[keys(Modifiers::COMMAND, Key::Q)], "Quit"),
    (
        Action::ExportChart,
        &[keys(Modifiers::COMMAND, Key::E)],
        "Export the chart (PNG or SVG)",
    ),
    (
        Action::Present,
        &[keys(Modifiers::NONE, Key::F11)],
        "Present the chart (Esc leaves)",
    ),
];

/// The shortcut of `action` as the platform writes it (for a menu entry), e.g. "Ctrl+S" or "⌘S".
pub(crate) fn label(ui: &Ui, action: Action) -> String {
    SHORTCUTS
        .iter()
        .find(|(a, _, _)| *a == action)
        .and_then(|(_, keys, _)| keys.first())
        .map(|k| ui.ctx().format_shortcut(k))
        .unwrap_or_default()
}

/// Turns the shortcuts pressed this frame into commands.
pub(crate) fn read(ctx: &egui::Context, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        for (action, keys, _) in SHORTCUTS {
            if keys.iter().any(|k| i.consume_shortcut(k)) {
                commands.push(action.command());
            }
        }
    });
}

/// The list of shortcuts for the Help menu.
pub(crate) fn help_ui(ui: &mut Ui) {
    egui::Grid::new("shortcuts").show(ui, |ui| {
        for (_, keys, what) in SHORTCUTS {
            let keys: Vec<String> = keys.iter().map(|k| ui.ctx().format_shortcut(k)).collect();
            ui.label(keys.join(" or "));
            ui.label(*what);
            ui.end_row();
        }
    });
}
