//! Which of eframe's two renderers draws the window: wgpu (the default) or glow (OpenGL).
//!
//! Under a software rasteriser (Mesa's llvmpipe, Windows' WARP) the two cost very differently
//! per frame; `INFERENCE_ROI_RENDERER=glow|wgpu` picks one for a run, so the two can be measured
//! side by side (`benches/window_cpu.sh`). Choosing on its own from the adapter is not done yet.

/// The environment variable that picks the renderer.
pub const RENDERER_VAR: &str = "INFERENCE_ROI_RENDERER";

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

/// The renderer for this run: the environment's choice, else wgpu. A value that is not a
/// renderer is reported on standard error and the default used.
pub fn for_this_run() -> eframe::Renderer {
    let value = std::env::var(RENDERER_VAR).ok();
    match from_env(value.as_deref()) {
        Ok(choice) => choice.unwrap_or(eframe::Renderer::Wgpu),
        Err(message) => {
            eprintln!("inference-roi: {message}");
            eframe::Renderer::Wgpu
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_from_the_environment() {
        assert_eq!(from_env(None), Ok(None));
        assert_eq!(from_env(Some(" ")), Ok(None));
        assert_eq!(from_env(Some("GLOW")), Ok(Some(eframe::Renderer::Glow)));
        assert_eq!(from_env(Some("wgpu")), Ok(Some(eframe::Renderer::Wgpu)));
        let refused = from_env(Some("vulkan\u{1b}[2J")).unwrap_err();
        assert!(
            refused.contains("use glow or wgpu") && !refused.contains('\u{1b}'),
            "{refused}"
        );
    }
}
