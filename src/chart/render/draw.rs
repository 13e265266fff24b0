//! Drawing a [`Scene`] with the painter, top to bottom: heading, legend, the plot and its axes.

use plotters::element::Polygon;
use plotters::style::ShapeStyle;
use plotters::style::text_anchor::{HPos, VPos};

use super::painter::{
    AXIS, BAND, Frame, LEGEND, NOTE, PAD, Painter, SUBTITLE, Swatch, TICK, TITLE, pt, rgba,
};
use crate::chart::{Scene, palette};

impl Painter<'_, '_> {
    /// Draws the whole chart into a `width × height` point canvas, top to bottom: heading,
    /// legend, the plot (bands, grid, current volume, simulated bands, curves, markers) and the
    /// x axis's title.
    pub(super) fn draw(&mut self, scene: &Scene, width: f64, height: f64) -> Result<(), String> {
        self.root
            .fill(&rgba(self.colors.background))
            .map_err(|e| e.to_string())?;
        let (w, h) = (self.s(width), self.s(height));
        let pad = self.s(PAD);
        let y = self.heading((&scene.title, &scene.subtitle), w, pad)?;
        let y = self.legend(scene, (w, h), pad, y)?;
        let y = self.y_title(&scene.y_label, w, pad, y)?;
        let frame = self.frame(scene, (width, height), (w, h), y)?;
        self.bands_and_grid(scene, &frame)?;
        self.current_volume(scene, &frame)?;
        self.simulated_bands(scene, &frame)?;
        self.curves_and_markers(scene, &frame)?;
        self.x_title_and_left_out((&scene.x_label, &scene.left_out), &frame, w, pad)
    }

    /// Title and subtitle; returns where the next part starts.
    pub(super) fn heading(
        &self,
        (title, subtitle): (&str, &str),
        w: f64,
        pad: f64,
    ) -> Result<f64, String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        let mut y = pad;
        let title = self.fit(title, TITLE, true, w - 2.0 * pad);
        self.text(&title, (pad, y), TITLE, true, text, HPos::Left, VPos::Top)?;
        y += self.t(TITLE * 1.35);
        let subtitle = self.fit(subtitle, SUBTITLE, false, w - 2.0 * pad);
        self.text(
            &subtitle,
            (pad, y),
            SUBTITLE,
            false,
            muted,
            HPos::Left,
            VPos::Top,
        )?;
        y += self.t(SUBTITLE * 1.9);

        Ok(y)
    }

    /// The legend, wrapped into rows, from `y`; returns where the next part starts. It takes at
    /// most about a third of the chart's height: with many designs each entry narrows (long names
    /// end in "…"), and past that the last entries are summed up as "+ N more".
    pub(super) fn legend(
        &self,
        scene: &Scene,
        (w, h): (f64, f64),
        pad: f64,
        mut y: f64,
    ) -> Result<f64, String> {
        let (text, muted, background) =
            (self.colors.text, self.colors.muted, self.colors.background);
        let mut entries: Vec<(Option<Swatch>, String)> = scene
            .curves
            .iter()
            .filter(|curve| !curve.dashed)
            .map(|curve| (Some(Swatch::Line(curve.color, false)), curve.name.clone()))
            .collect();
        let designs = entries.len();
        if scene.curves.iter().any(|curve| curve.dashed) {
            entries.push((Some(Swatch::Line(muted, true)), "monthly value".to_owned()));
        }
        if let Some((label, _)) = &scene.before {
            entries.push((
                Some(Swatch::Line(muted, true)),
                format!("dashed, faded: {label}"),
            ));
        }
        if !scene.simulated_bands.is_empty() {
            entries.push((
                Some(Swatch::Line(muted, true)),
                "simulated median (band: P10–P90)".to_owned(),
            ));
        }
        if !scene.crossovers.is_empty() {
            entries.push((
                Some(Swatch::Diamond),
                format!("crossover{}", scene.crossover_note),
            ));
        }
        if !scene.break_evens.is_empty() {
            entries.push((Some(Swatch::Dot), scene.legend_words.0.clone()));
        }
        entries.push((Some(Swatch::Rule), scene.legend_words.1.clone()));
        let swatch_w = self.s(26.0);
        let gap = self.s(8.0);
        let row_h = self.t(LEGEND * 1.6);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let max_rows = ((h * 0.34) / row_h).floor().max(1.0) as usize;
        let layout = self.legend_layout(&mut entries, designs, w - 2.0 * pad, max_rows);
        for ((swatch, label), (row, x)) in entries.iter().zip(layout) {
            let x = pad + x;
            let mid = y + row as f64 * row_h + row_h / 2.0;
            let sw = (x + swatch_w / 2.0, mid);
            match swatch {
                Some(Swatch::Line(color, false)) => {
                    self.line(&[(x, mid), (x + swatch_w, mid)], *color, 3.0)?;
                }
                Some(Swatch::Line(color, true)) => {
                    self.dashed(&[(x, mid), (x + swatch_w, mid)], *color, 2.5, 5.0)?;
                }
                Some(Swatch::Diamond) => self.diamond(sw, 6.0, self.colors.marker, background)?,
                Some(Swatch::Dot) => self.dot(sw, 5.0, muted, background)?,
                Some(Swatch::Rule) => {
                    self.line(
                        &[(sw.0, mid - row_h * 0.4), (sw.0, mid + row_h * 0.4)],
                        muted,
                        1.5,
                    )?;
                }
                None => {}
            }
            self.text(
                label,
                (x + swatch_w + gap, mid),
                LEGEND,
                false,
                text,
                HPos::Left,
                VPos::Center,
            )?;
        }
        let rows = self.legend_rows(&entries, w - 2.0 * pad);
        y += rows.len().max(1) as f64 * row_h + self.s(10.0);

        Ok(y)
    }

    /// Fits the legend's labels into at most `max_rows` rows of `width`: entries narrow to a
    /// third of a row, then a quarter, … an eighth; if they still do not fit, design entries are
    /// dropped from the end and summed up as "+ N more designs". Returns each entry's row and x.
    fn legend_layout(
        &self,
        entries: &mut Vec<(Option<Swatch>, String)>,
        designs: usize,
        width: f64,
        max_rows: usize,
    ) -> Vec<(usize, f64)> {
        let labels: Vec<String> = entries.iter().map(|(_, l)| l.clone()).collect();
        let decoration = self.s(26.0) + self.s(8.0);
        let fitted = |entries: &mut Vec<(Option<Swatch>, String)>, share: f64| {
            let widest = (width * share).max(self.s(120.0)).min(width) - decoration;
            for ((_, label), full) in entries.iter_mut().zip(&labels) {
                *label = self.fit(full, LEGEND, false, widest);
            }
        };
        for share in [1.0, 1.0 / 3.0, 1.0 / 4.0, 1.0 / 6.0, 1.0 / 8.0] {
            fitted(entries, share);
            let rows = self.legend_rows(entries, width);
            if rows.len() <= max_rows {
                return rows.into_iter().flatten().collect();
            }
        }
        // Still too many: keep the designs that fit and say how many are left out.
        let kept_others = entries.split_off(designs);
        let mut kept = designs;
        loop {
            let mut trial: Vec<(Option<Swatch>, String)> = entries[..kept].to_vec();
            if kept < designs {
                trial.push((None, format!("+ {} more designs", designs - kept)));
            }
            trial.extend(kept_others.iter().cloned());
            let rows = self.legend_rows(&trial, width);
            if rows.len() <= max_rows || kept == 0 {
                *entries = trial;
                return rows.into_iter().flatten().collect();
            }
            kept -= 1;
        }
    }

    /// The flow layout of legend entries in rows of `width`: per row, each entry's x.
    fn legend_rows(
        &self,
        entries: &[(Option<Swatch>, String)],
        width: f64,
    ) -> Vec<Vec<(usize, f64)>> {
        let decoration = self.s(26.0) + self.s(8.0);
        let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
        let mut x = 0.0;
        for (_, label) in entries {
            let entry_w = decoration + self.text_width(label, LEGEND, false);
            if x > 0.0 && x + entry_w > width {
                rows.push(Vec::new());
                x = 0.0;
            }
            let row = rows.len() - 1;
            rows[row].push((row, x));
            x += entry_w + self.s(22.0);
        }
        rows
    }

    /// The y axis's title above the plot; returns where the plot starts.
    pub(super) fn y_title(
        &self,
        y_label: &str,
        w: f64,
        pad: f64,
        mut y: f64,
    ) -> Result<f64, String> {
        let muted = self.colors.muted;
        let y_label = self.fit(y_label, AXIS, false, w - 2.0 * pad);
        self.text(
            &y_label,
            (pad, y),
            AXIS,
            false,
            muted,
            HPos::Left,
            VPos::Top,
        )?;
        y += self.t(AXIS * 1.8);

        Ok(y)
    }

    /// The plot's frame below `top`: room for the y tick labels on the left, and for the x
    /// ticks, the x title and the notes about designs left out below.
    pub(super) fn frame(
        &self,
        scene: &Scene,
        (width, height): (f64, f64),
        (w, h): (f64, f64),
        y: f64,
    ) -> Result<Frame, String> {
        let pad = self.s(PAD);
        let tick_w = scene
            .y_ticks
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| self.text_width(l, TICK, false))
            .fold(0.0, f64::max);
        let left_out_h = scene.left_out.len() as f64 * self.t(NOTE * 1.6);
        let frame = Frame {
            left: pad + tick_w + self.s(8.0),
            top: y,
            right: w - pad,
            bottom: h - pad - left_out_h - self.t(AXIS * 1.6) - self.t(TICK * 1.8),
            x: scene.x_bounds,
            y: scene.y_bounds,
        };
        if frame.right - frame.left < self.s(80.0) || frame.bottom - frame.top < self.s(60.0) {
            return Err(format!(
                "{width}×{height} leaves no room for the plot under the title and legend; make the chart larger"
            ));
        }

        Ok(frame)
    }

    /// The bands' shading, the grid and ticks, the threshold guides and the band labels.
    pub(super) fn bands_and_grid(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        // Across the whole plot, margins included, so no strip is left unshaded.
        let (x0, x1) = (frame.left, frame.right);
        for area in &scene.bands {
            let (top, bottom) = (frame.px([0.0, area.hi]).1, frame.px([0.0, area.lo]).1);
            self.rect(
                (x0, top),
                (x1, bottom),
                palette::band_fill(area.band, self.dark),
                true,
            )?;
        }

        // Grid and ticks.
        for tick in &scene.x_ticks {
            let (px, _) = frame.px([tick.value, 0.0]);
            if px < frame.left - 0.5 || px > frame.right + 0.5 {
                continue;
            }
            let color = if tick.major {
                self.colors.grid_major
            } else {
                self.colors.grid
            };
            self.line(&[(px, frame.top), (px, frame.bottom)], color, 1.0)?;
            if let Some(label) = &tick.label {
                self.text(
                    label,
                    (px, frame.bottom + self.s(6.0)),
                    TICK,
                    false,
                    muted,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }
        for tick in &scene.y_ticks {
            let (_, py) = frame.px([0.0, tick.value]);
            if py < frame.top - 0.5 || py > frame.bottom + 0.5 {
                continue;
            }
            let color = if tick.major {
                self.colors.grid_major
            } else {
                self.colors.grid
            };
            self.line(&[(frame.left, py), (frame.right, py)], color, 1.0)?;
            if let Some(label) = &tick.label {
                self.text(
                    label,
                    (frame.left - self.s(6.0), py),
                    TICK,
                    false,
                    muted,
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }
        for &guide in &scene.guides {
            let (_, py) = frame.px([0.0, guide]);
            self.dashed(&[(x0, py), (x1, py)], text.faded(0.45), 1.0, 6.0)?;
        }
        // Band labels at the right edge of each band tall enough to hold one.
        for area in &scene.bands {
            let (top, bottom) = (frame.px([0.0, area.hi]).1, frame.px([0.0, area.lo]).1);
            if bottom - top >= self.t(BAND * 1.2) {
                self.text(
                    area.band.label(),
                    (x1 - self.s(8.0), f64::midpoint(top, bottom)),
                    BAND,
                    true,
                    palette::band_label(area.band, self.dark),
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }

        Ok(())
    }

    /// The current volume: a vertical line and its label.
    pub(super) fn current_volume(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        let (now_x, _) = frame.px([scene.current.0, 0.0]);
        if (frame.left..=frame.right).contains(&now_x) {
            self.line(&[(now_x, frame.top), (now_x, frame.bottom)], muted, 1.5)?;
            let room_right = frame.right - now_x > self.s(120.0);
            let (anchor, dx) = if room_right {
                (HPos::Left, self.s(5.0))
            } else {
                (HPos::Right, -self.s(5.0))
            };
            self.text(
                &scene.current.1,
                (now_x + dx, frame.top + self.s(4.0)),
                TICK,
                false,
                text,
                anchor,
                VPos::Top,
            )?;
        }

        Ok(())
    }

    /// Simulated P10–P90 bands and P50 lines, under the exact curves.
    pub(super) fn simulated_bands(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        for band in &scene.simulated_bands {
            let upper = band.points.iter().map(|p| frame.px([p[0], p[3]]));
            let lower = band.points.iter().rev().map(|p| frame.px([p[0], p[1]]));
            let outline: Vec<(i32, i32)> = upper.chain(lower).map(pt).collect();
            if outline.len() >= 3 {
                let fill = band.color.faded(0.2);
                self.root
                    .draw(&Polygon::new(
                        outline,
                        ShapeStyle::from(rgba(fill)).filled(),
                    ))
                    .map_err(|e| e.to_string())?;
            }
            let median: Vec<(f64, f64)> =
                band.points.iter().map(|p| frame.px([p[0], p[2]])).collect();
            for piece in frame.clip_polyline(&median) {
                self.dashed(&piece, band.color, 1.5, 5.0)?;
            }
        }

        Ok(())
    }

    /// The curves, the over-capacity notes, break-evens, crossovers and the frame.
    pub(super) fn curves_and_markers(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        let background = self.colors.background;
        for curve in scene.before.iter().flat_map(|(_, curves)| curves) {
            for run in &curve.runs {
                let points: Vec<(f64, f64)> = run.iter().map(|&p| frame.px(p)).collect();
                for piece in frame.clip_polyline(&points) {
                    self.dashed(&piece, curve.color, 2.0, 6.0)?;
                }
            }
        }
        for curve in &scene.curves {
            for run in &curve.runs {
                let points: Vec<(f64, f64)> = run.iter().map(|&p| frame.px(p)).collect();
                for piece in frame.clip_polyline(&points) {
                    if curve.dashed {
                        self.dashed(&piece, curve.color, 2.5, 7.0)?;
                    } else {
                        self.line(&piece, curve.color, 2.5)?;
                    }
                }
                if points.len() == 1 && frame.contains(points[0]) {
                    self.dot(points[0], 2.0, curve.color, curve.color)?;
                }
            }
        }
        for note in &scene.notes {
            let at = frame.px(note.at);
            if !frame.contains(at) {
                continue;
            }
            // A bar across the end of the line, and the note beside it (or above, ending
            // left of it, where the chart has no room on the right).
            let bar = self.s(6.0);
            self.line(&[(at.0, at.1 - bar), (at.0, at.1 + bar)], note.color, 2.0)?;
            let (text_at, h_pos, v_pos) = if note.rightward {
                ((at.0 + self.s(6.0), at.1), HPos::Left, VPos::Center)
            } else {
                (
                    (at.0 - self.s(6.0), at.1 - self.s(3.0)),
                    HPos::Right,
                    VPos::Bottom,
                )
            };
            let readable = note.color.readable_on(self.colors.background);
            self.text(&note.text, text_at, NOTE, false, readable, h_pos, v_pos)?;
        }
        for marker in &scene.break_evens {
            let at = frame.px(marker.at);
            if frame.contains(at) {
                self.dot(at, 5.0, marker.color, background)?;
            }
        }
        for marker in &scene.crossovers {
            let at = frame.px(marker.at);
            if frame.contains(at) {
                self.diamond(at, 6.0, self.colors.marker, background)?;
            }
        }
        self.rect(
            (frame.left, frame.top),
            (frame.right, frame.bottom),
            self.colors.frame,
            false,
        )?;

        Ok(())
    }

    /// Under the plot: the x axis's title and the designs left out.
    pub(super) fn x_title_and_left_out(
        &self,
        (x_label, left_out): (&str, &[String]),
        frame: &Frame,
        w: f64,
        pad: f64,
    ) -> Result<(), String> {
        let muted = self.colors.muted;
        let mut y = frame.bottom + self.t(TICK * 1.8);
        self.text(
            x_label,
            (f64::midpoint(frame.left, frame.right), y),
            AXIS,
            false,
            muted,
            HPos::Center,
            VPos::Top,
        )?;
        y += self.t(AXIS * 1.6);
        for note in left_out {
            let line = self.fit(
                &format!("⚠ Not plotted — {note}"),
                NOTE,
                false,
                w - 2.0 * pad,
            );
            self.text(
                &line,
                (pad, y),
                NOTE,
                false,
                self.colors.warning,
                HPos::Left,
                VPos::Top,
            )?;
            y += self.t(NOTE * 1.6);
        }
        Ok(())
    }
}
