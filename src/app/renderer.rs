//! Which of eframe's two renderers draws the window: wgpu or glow (OpenGL).
//!
//! Under a software rasteriser (Mesa's llvmpipe or lavapipe, `SwiftShader`, Windows' WARP) wgpu
//! costs several times what glow does per frame (docs/performance.md), while on a GPU the two are
//! alike and wgpu is eframe's default. So before the window opens the planner asks wgpu which
//! adapter it would draw with: a software one means glow, anything else wgpu. The choice can be
//! forced, in this order: `INFERENCE_ROI_RENDERER=glow|wgpu` for one run, then View ▸ Renderer
//! (kept in `renderer.txt` in the app's data folder, read before the window exists). Help ▸ About
//! says which renderer and adapter draw the window, and why.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The environment variable that picks the renderer.
pub const RENDERER_VAR: &str = "INFERENCE_ROI_RENDERER";

/// The file in the app's data folder that keeps View ▸ Renderer.
const SETTING_FILE: &str = "renderer.txt";

/// What View ▸ Renderer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preference {
    /// Glow under a software rasteriser, wgpu elsewhere.
    #[default]
    Automatic,
    /// Always glow (OpenGL).
    Glow,
    /// Always wgpu.
    Wgpu,
}

impl Preference {
    /// Every preference, in menu order.
    pub const ALL: [Preference; 3] = [Preference::Automatic, Preference::Glow, Preference::Wgpu];

    /// The menu's words.
    pub fn label(self) -> &'static str {
        match self {
            Preference::Automatic => "Automatic (OpenGL without a GPU)",
            Preference::Glow => "OpenGL (glow)",
            Preference::Wgpu => "wgpu",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Preference::Automatic => "automatic",
            Preference::Glow => "glow",
            Preference::Wgpu => "wgpu",
        }
    }

    /// The preference a setting file's text names; automatic for anything else.
    fn from_word(text: &str) -> Self {
        match text.trim() {
            "glow" => Preference::Glow,
            "wgpu" => Preference::Wgpu,
            _ => Preference::Automatic,
        }
    }
}

/// The renderer a value of [`RENDERER_VAR`] asks for: `None` for unset or empty (the default),
/// an error naming the value otherwise.
pub fn from_env(value: Option<&str>) -> Result<Option<eframe::Renderer>, String> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => Ok(None),
        Some("glow" | "opengl" | "gl") => Ok(Some(eframe::Renderer::Glow)),
        Some("wgpu") => Ok(Some(eframe::Renderer::Wgpu)),
        Some(other) => Err(format!(
            "{RENDERER_VAR}={}: not a renderer; use glow or wgpu",
            crate::format::terminal_text(other)
        )),
    }
}

/// True for an adapter that is a software rasteriser: wgpu says it is a CPU, or its name is one
/// of the known ones (llvmpipe, softpipe and lavapipe from Mesa, `SwiftShader`, Microsoft's WARP
/// or Basic Render Driver).
pub fn is_software(name: &str, cpu: bool) -> bool {
    let name = name.to_ascii_lowercase();
    cpu || [
        "llvmpipe",
        "softpipe",
        "lavapipe",
        "swiftshader",
        "microsoft basic render",
        "warp",
    ]
    .iter()
    .any(|known| name.contains(known))
}

/// The choice and why it was made (for Help ▸ About).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The renderer to draw with.
    pub renderer: eframe::Renderer,
    /// Why, in words.
    pub reason: String,
    /// The adapter wgpu would draw with, when it was asked (the choice was automatic).
    pub adapter: Option<String>,
}

/// Chooses the renderer from the environment variable's value, the setting, and the adapter
/// wgpu would use (its name and whether it is a CPU; `None` when there is none or it could not
/// be asked).
pub fn choose(env: Option<&str>, preference: Preference, adapter: Option<(&str, bool)>) -> Choice {
    let env = from_env(env);
    if let Ok(Some(renderer)) = env {
        return Choice {
            renderer,
            reason: format!("{RENDERER_VAR} asks for it"),
            adapter: None,
        };
    }
    let mut reason = match env {
        Err(message) => format!("{message}; "),
        Ok(_) => String::new(),
    };
    let renderer = match (preference, adapter) {
        (Preference::Glow, _) => {
            reason.push_str("View ▸ Renderer asks for it");
            eframe::Renderer::Glow
        }
        (Preference::Wgpu, _) => {
            reason.push_str("View ▸ Renderer asks for it");
            eframe::Renderer::Wgpu
        }
        (Preference::Automatic, Some((name, cpu))) if is_software(name, cpu) => {
            let _ = write!(
                reason,
                "no GPU ({} is a software rasteriser), and under one OpenGL draws at a fraction \
                 of wgpu's cost",
                crate::format::terminal_text(name.split(" (").next().unwrap_or(name))
            );
            eframe::Renderer::Glow
        }
        (Preference::Automatic, Some(_)) => {
            reason.push_str("a GPU draws the window");
            eframe::Renderer::Wgpu
        }
        (Preference::Automatic, None) => {
            reason.push_str("wgpu found no adapter; OpenGL may still work");
            eframe::Renderer::Glow
        }
    };
    Choice {
        renderer,
        reason,
        adapter: adapter.map(|(name, _)| name.to_owned()),
    }
}

/// The name of the adapter wgpu would draw with and whether it is a CPU; `None` when it finds
/// none. Asked once before the window opens (tens of milliseconds).
fn probe() -> Option<(String, bool)> {
    use eframe::wgpu;
    let instance =
        wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
    let request = instance.request_adapter(&wgpu::RequestAdapterOptions {
        power_preference: wgpu::PowerPreference::from_env().unwrap_or_default(),
        ..Default::default()
    });
    let adapter = ready(request)?.ok()?;
    let info = adapter.get_info();
    Some((info.name, info.device_type == wgpu::DeviceType::Cpu))
}

/// The value of a future that is ready when first polled (wgpu's native futures are), else
/// `None`: no executor is needed for them.
fn ready<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
}

fn setting_path(dir: &Path) -> PathBuf {
    dir.join(SETTING_FILE)
}

/// View ▸ Renderer as kept in `dir` (the app's data folder); automatic when there is none.
pub fn preference(dir: Option<&Path>) -> Preference {
    dir.and_then(|d| std::fs::read_to_string(setting_path(d)).ok())
        .map_or(Preference::Automatic, |t| Preference::from_word(&t))
}

/// Keeps View ▸ Renderer in `dir` for the next start.
pub fn set_preference(dir: &Path, preference: Preference) -> Result<(), crate::io::SaveError> {
    std::fs::create_dir_all(dir).map_err(|source| crate::io::SaveError::Write {
        path: dir.to_owned(),
        source,
    })?;
    crate::io::write_atomically(&setting_path(dir), preference.word().as_bytes())
}

/// The renderer for this run, from the environment, the setting in `dir` and the adapter. A
/// value of the variable that is not a renderer is reported on standard error.
pub fn for_this_run(dir: Option<&Path>) -> Choice {
    let env = std::env::var(RENDERER_VAR).ok();
    let preference = preference(dir);
    // The adapter is only asked about when the choice depends on it.
    let asks =
        !matches!(from_env(env.as_deref()), Ok(Some(_))) && preference == Preference::Automatic;
    let adapter = if asks { probe() } else { None };
    let choice = choose(
        env.as_deref(),
        preference,
        adapter.as_ref().map(|(n, cpu)| (n.as_str(), *cpu)),
    );
    if let Err(message) = from_env(env.as_deref()) {
        eprintln!("inference-roi: {message}");
    }
    choice
}

/// What Help ▸ About says draws the window: the renderer, its adapter, and why it was chosen.
/// Under glow the adapter is the one wgpu was asked about (the same device), when it was.
pub fn describe(cc: &eframe::CreationContext<'_>, choice: &Choice) -> String {
    let (renderer, adapter) = if let Some(state) = &cc.wgpu_render_state {
        let info = state.adapter.get_info();
        ("wgpu", format!("{} ({:?})", info.name, info.backend))
    } else if cc.gl.is_some() {
        let adapter = choice
            .adapter
            .clone()
            .unwrap_or_else(|| "the system's OpenGL".to_owned());
        ("OpenGL (glow)", adapter)
    } else {
        ("no renderer", String::new())
    };
    format!(
        "Drawn by {renderer} on {}: {}.",
        crate::format::terminal_text(&adapter),
        choice.reason
    )
}

impl crate::app::PlannerApp {
    /// Keeps View ▸ Renderer in the app's data folder; it takes effect at the next start.
    pub(crate) fn set_renderer(&mut self, preference: crate::app::renderer::Preference) {
        let Some(dir) = self.recovery.as_ref().map(|r| r.dir().to_owned()) else {
            self.error(format!(
                "No data folder to keep the renderer in: set {}=glow or wgpu instead",
                crate::app::renderer::RENDERER_VAR
            ));
            return;
        };
        match crate::app::renderer::set_preference(&dir, preference) {
            Ok(()) => {
                self.panels.help.preference = preference;
                self.info(format!(
                    "Renderer: {} from the next start",
                    preference.label()
                ));
            }
            Err(e) => self.error(format!("{e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Renderer::{Glow, Wgpu};

    #[test]
    fn renderer_from_the_environment() {
        assert_eq!(from_env(None), Ok(None));
        assert_eq!(from_env(Some(" ")), Ok(None));
        assert_eq!(from_env(Some("GLOW")), Ok(Some(Glow)));
        assert_eq!(from_env(Some("wgpu")), Ok(Some(Wgpu)));
        let refused = from_env(Some("vulkan\u{1b}[2J")).unwrap_err();
        assert!(
            refused.contains("use glow or wgpu") && !refused.contains('\u{1b}'),
            "{refused}"
        );
    }

    #[test]
    fn glow_under_a_software_rasteriser_and_wgpu_on_a_gpu() {
        let auto = |name: &str, cpu: bool| choose(None, Preference::Automatic, Some((name, cpu)));
        // Adapter names as wgpu reports them under Mesa, SwiftShader and Windows.
        for name in [
            "llvmpipe (LLVM 15.0.7, 256 bits)",
            "softpipe",
            "Mesa lavapipe",
            "SwiftShader Device (Subzero)",
            "Microsoft Basic Render Driver",
        ] {
            assert_eq!(auto(name, false).renderer, Glow, "{name}");
        }
        assert_eq!(auto("Some future CPU adapter", true).renderer, Glow);
        for name in [
            "NVIDIA GeForce RTX 4070",
            "AMD Radeon Pro W6800 (RADV NAVI21)",
            "Intel(R) UHD Graphics 620 (KBL GT2)",
            "Apple M2",
        ] {
            assert_eq!(auto(name, false).renderer, Wgpu, "{name}");
        }
        assert_eq!(choose(None, Preference::Automatic, None).renderer, Glow);
    }

    #[test]
    fn the_environment_then_the_setting_override_the_adapter() {
        let gpu = Some(("NVIDIA GeForce RTX 4070", false));
        let cpu = Some(("llvmpipe (LLVM 15.0.7, 256 bits)", false));
        assert_eq!(choose(Some("wgpu"), Preference::Glow, cpu).renderer, Wgpu);
        assert_eq!(
            choose(Some("glow"), Preference::Automatic, gpu).renderer,
            Glow
        );
        assert_eq!(choose(None, Preference::Glow, gpu).renderer, Glow);
        assert_eq!(choose(None, Preference::Wgpu, cpu).renderer, Wgpu);
        // A value that is no renderer is said, and the rest decides.
        let typo = choose(Some("vulcan"), Preference::Automatic, cpu);
        assert_eq!(typo.renderer, Glow);
        assert!(typo.reason.contains("not a renderer"), "{}", typo.reason);
    }

    #[test]
    fn the_setting_is_kept_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(preference(Some(dir.path())), Preference::Automatic);
        for p in Preference::ALL {
            set_preference(dir.path(), p).unwrap();
            assert_eq!(preference(Some(dir.path())), p);
        }
        std::fs::write(dir.path().join(SETTING_FILE), "vulkan").unwrap();
        assert_eq!(preference(Some(dir.path())), Preference::Automatic);
        assert_eq!(preference(None), Preference::Automatic);
    }
}
