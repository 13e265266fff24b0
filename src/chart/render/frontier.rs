//! Drawing a [`FrontierScene`] with the painter: heading, legend, the plane (band stripes,
//! grid, threshold lines, the frontier with its step labels, the designs' points) and the axes.

use plotters::element::{Circle, Polygon};
use plotters::style::ShapeStyle;
use plotters::style::text_anchor::{HPos, VPos};

use super::painter::{AXIS, BAND, Frame, LEGEND, NOTE, PAD, Painter, TICK, pt, rgba};
use crate::chart::axis::Tick;
use crate::chart::frontier::{FrontierScene, LabelEdge, PlanePoint};
use crate::chart::{Color, palette};

/// The radius of a legend's dot, in points.
const SWATCH: f64 = 5.0;

impl Painter<'_, '_> {
    /// Draws the whole plane into a `width × height` point canvas.
    pub(super) fn draw_frontier(
        &mut self,
        scene: &FrontierScene,
        width: f64,
        height: f64,
    ) -> Result<(), String> {
        self.root
            .fill(&rgba(self.colors.background))
            .map_err(|e| e.to_string())?;
        let (w, h) = (self.s(width), self.s(height));
        let pad = self.s(PAD);
        let y = self.heading((&scene.title, &scene.subtitle), w, pad)?;
        let y = self.frontier_legend(scene, w, pad, y)?;
        let y = self.y_title(&scene.y_label, w, pad, y)?;
        let frame = self.plane_frame(scene, (width, height), (w, h), y)?;
        self.stripes_and_grid(scene, &frame)?;
        self.frontier_and_points(scene, &frame)?;
        self.rect(
            (frame.left, frame.top),
            (frame.right, frame.bottom),
            self.colors.frame,
            false,
        )?;
        self.x_title_and_left_out((&scene.x_label, &scene.left_out), &frame, w, pad)
    }

    /// A filled polygon.
    fn fill_polygon(&self, points: &[(f64, f64)], color: Color) -> Result<(), String> {
        self.root
            .draw(&Polygon::new(
                points.iter().copied().map(pt).collect::<Vec<_>>(),
                ShapeStyle::from(rgba(color)).filled(),
            ))
            .map_err(|e| e.to_string())
    }

    /// A hollow point: the background inside a ring of `color`.
    fn ring(&self, at: (f64, f64), radius: f64, color: Color) -> Result<(), String> {
        #[allow(clippy::cast_possible_truncation)]
        let r = self.s(radius).round() as i32;
        self.root
            .draw(&Circle::new(
                pt(at),
                r,
                ShapeStyle::from(rgba(self.colors.background)).filled(),
            ))
            .map_err(|e| e.to_string())?;
        self.root
            .draw(&Circle::new(
                pt(at),
                r,
                ShapeStyle::from(rgba(color)).stroke_width(self.width(2.5)),
            ))
            .map_err(|e| e.to_string())
    }

    /// One point per design (filled on the frontier, hollow when dominated), then "hollow:
    /// dominated" and "line: frontier", wrapped into rows; returns where the next part starts.
    fn frontier_legend(
        &self,
        scene: &FrontierScene,
        w: f64,
        pad: f64,
        y: f64,
    ) -> Result<f64, String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        let width = w - 2.0 * pad;
        let widest = if scene.points.len() > 4 {
            width / 4.0
        } else {
            width
        };
        let swatch_w = self.s(26.0);
        let decoration = swatch_w + self.s(8.0);
        let fit = |name: &str| self.fit(name, LEGEND, false, widest - decoration);
        let mut entries: Vec<(Option<(Color, bool)>, String)> = if scene.legend.is_empty() {
            scene
                .points
                .iter()
                .map(|p| (Some((p.color, p.on_frontier)), fit(&p.name)))
                .collect()
        } else {
            scene
                .legend
                .iter()
                .map(|e| (Some((e.color, true)), fit(&e.label)))
                .collect()
        };
        if scene.points.iter().any(|p| !p.on_frontier) {
            entries.push((Some((muted, false)), "hollow: dominated".to_owned()));
        }
        if scene.frontier.len() > 1 {
            entries.push((None, "frontier (labels: incremental ROI)".to_owned()));
        }
        let row_h = self.t(LEGEND * 1.6);
        let (mut x, mut row) = (0.0, 0.0);
        for (swatch, label) in &entries {
            let entry_w = decoration + self.text_width(label, LEGEND, false);
            if x > 0.0 && x + entry_w > width {
                row += 1.0;
                x = 0.0;
            }
            let (left, mid) = (pad + x, y + row * row_h + row_h / 2.0);
            let centre = (left + swatch_w / 2.0, mid);
            match swatch {
                Some((color, true)) => self.dot(centre, SWATCH, *color, self.colors.background)?,
                Some((color, false)) => self.ring(centre, SWATCH, *color)?,
                None => self.line(&[(left, mid), (left + swatch_w, mid)], text, 2.0)?,
            }
            self.text(
                label,
                (left + decoration, mid),
                LEGEND,
                false,
                text,
                HPos::Left,
                VPos::Center,
            )?;
            x += entry_w + self.s(22.0);
        }
        Ok(y + (row + 1.0) * row_h + self.s(10.0))
    }

    /// The plot's frame below `top`, with room for the y tick labels on the left and for the x
    /// ticks, the x title and the notes below.
    fn plane_frame(
        &self,
        scene: &FrontierScene,
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

    /// The grid line and label of one tick.
    fn plane_tick(&self, tick: &Tick, frame: &Frame, vertical: bool) -> Result<(), String> {
        let color = if tick.major {
            self.colors.grid_major
        } else {
            self.colors.grid
        };
        let muted = self.colors.muted;
        if vertical {
            let (px, _) = frame.px([tick.value, frame.y.0]);
            self.line(&[(px, frame.top), (px, frame.bottom)], color, 1.0)?;
            if let Some(label) = &tick.label {
                let at = (px, frame.bottom + self.s(6.0));
                self.text(label, at, TICK, false, muted, HPos::Center, VPos::Top)?;
            }
        } else {
            let (_, py) = frame.px([frame.x.0, tick.value]);
            self.line(&[(frame.left, py), (frame.right, py)], color, 1.0)?;
            if let Some(label) = &tick.label {
                let at = (frame.left - self.s(6.0), py);
                self.text(label, at, TICK, false, muted, HPos::Right, VPos::Center)?;
            }
        }
        Ok(())
    }

    /// The bands' stripes, the grid and ticks, the 1×, 3× and 10× lines and the band labels.
    fn stripes_and_grid(&self, scene: &FrontierScene, frame: &Frame) -> Result<(), String> {
        for stripe in &scene.bands {
            let outline: Vec<(f64, f64)> = stripe.polygon.iter().map(|&p| frame.px(p)).collect();
            self.fill_polygon(&outline, palette::band_fill(stripe.band, self.dark))?;
        }
        let inside = |v: f64, (lo, hi): (f64, f64)| v >= lo && v <= hi;
        for tick in scene.x_ticks.iter().filter(|t| inside(t.value, frame.x)) {
            self.plane_tick(tick, frame, true)?;
        }
        for tick in scene.y_ticks.iter().filter(|t| inside(t.value, frame.y)) {
            self.plane_tick(tick, frame, false)?;
        }
        let guide_color = self.colors.text.faded(0.45);
        for guide in &scene.guides {
            let (a, b) = (frame.px(guide.ends[0]), frame.px(guide.ends[1]));
            self.dashed(&[a, b], guide_color, 1.0, 6.0)?;
            // "3× cost" just inside the line's upper end.
            let label = format!("value = {}× cost", guide.multiple);
            let at = (b.0 - self.s(6.0), b.1 + self.s(4.0));
            self.text(
                &label,
                at,
                NOTE,
                false,
                self.colors.muted,
                HPos::Right,
                VPos::Top,
            )?;
        }
        for stripe in &scene.bands {
            if let Some((at, edge)) = stripe.label_at {
                let color = palette::band_label(stripe.band, self.dark);
                let (band, at) = (stripe.band.label(), frame.px(at));
                let (at, h, v) = match edge {
                    LabelEdge::Right => ((at.0 - self.s(8.0), at.1), HPos::Right, VPos::Center),
                    LabelEdge::Top => ((at.0, at.1 + self.s(6.0)), HPos::Center, VPos::Top),
                };
                self.text(band, at, BAND, true, color, h, v)?;
            }
        }
        Ok(())
    }

    /// The frontier's line, its step labels (on a patch of the background so they read over the
    /// stripes), and the designs' points on top.
    fn frontier_and_points(&self, scene: &FrontierScene, frame: &Frame) -> Result<(), String> {
        let (text, background) = (self.colors.text, self.colors.background);
        let line: Vec<(f64, f64)> = scene.frontier.iter().map(|&p| frame.px(p)).collect();
        if line.len() > 1 {
            self.line(&line, text, 2.0)?;
        }
        for step in &scene.steps {
            let at = frame.px(step.at);
            let half_w = self.text_width(&step.text, TICK, true) / 2.0 + self.s(4.0);
            let half_h = self.t(TICK) * 0.7;
            let patch = background.faded(0.85);
            self.rect(
                (at.0 - half_w, at.1 - half_h),
                (at.0 + half_w, at.1 + half_h),
                patch,
                true,
            )?;
            self.text(&step.text, at, TICK, true, text, HPos::Center, VPos::Center)?;
        }
        // The biggest first, so that a small point over a big one still shows.
        let mut points: Vec<&PlanePoint> = scene.points.iter().collect();
        points.sort_by(|a, b| b.radius.total_cmp(&a.radius));
        for point in &points {
            let (at, radius) = (frame.px(point.at), f64::from(point.radius));
            if point.on_frontier {
                self.dot(at, radius, point.color, background)?;
            } else {
                self.ring(at, radius, point.color)?;
            }
        }
        if scene.point_labels {
            for point in points {
                self.point_label(point, frame)?;
            }
        }
        Ok(())
    }

    /// A point's name beside it: to its right, or to its left in the right third of the plot.
    fn point_label(&self, point: &PlanePoint, frame: &Frame) -> Result<(), String> {
        let at = frame.px(point.at);
        let gap = self.s(f64::from(point.radius) + 4.0);
        let leftward = at.0 > frame.left + (frame.right - frame.left) * 0.67;
        let room = if leftward {
            at.0 - gap - frame.left
        } else {
            frame.right - at.0 - gap
        };
        let label = self.fit(&point.name, NOTE, false, room.min(self.s(220.0)));
        let (x, h) = if leftward {
            (at.0 - gap, HPos::Right)
        } else {
            (at.0 + gap, HPos::Left)
        };
        self.text(
            &label,
            (x, at.1),
            NOTE,
            false,
            self.colors.text,
            h,
            VPos::Center,
        )
    }
}
