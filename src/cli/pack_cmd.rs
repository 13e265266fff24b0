//! `inference-roi pack FILE --out review.html`: the review pack.

use std::path::Path;

use super::{Failure, ThemeArg, check_volume, load_valid, refuse_input_as_output};
use crate::chart::render::Theme;
use crate::report::pack::{PackOptions, pack_html};

/// Writes the review pack of `file` to `out` (atomically) and says where.
pub(super) fn run(
    (file, out): (&Path, &Path),
    volume: Option<u64>,
    theme: ThemeArg,
    compare: Option<&Path>,
) -> Result<String, Failure> {
    let mut inputs = vec![("the scenario file", file)];
    inputs.extend(compare.map(|earlier| ("the --compare file", earlier)));
    refuse_input_as_output(("--out", out), &inputs)?;
    let scenario = load_valid(file)?;
    let volume = check_volume(volume.unwrap_or(scenario.volume.current))?;
    let options = PackOptions {
        volume,
        theme: match theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        today: crate::report::today(),
    };
    let earlier = compare.map(load_valid).transpose()?;
    let label = compare
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let before = earlier
        .as_ref()
        .map(|e| (label.as_deref().unwrap_or("before"), e));
    let html = pack_html(&scenario, &options, before);
    crate::io::write_atomically(out, html.as_bytes())
        .map_err(|e| Failure::command(format!("{}: {e}", out.display())))?;
    Ok(format!(
        "Wrote {} ({} KB)\n",
        out.display(),
        html.len().div_ceil(1024)
    ))
}
