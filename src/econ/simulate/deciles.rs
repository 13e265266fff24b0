//! P10, P50 and P90 of a simulation's columns without sorting them.
//!
//! [`deciles`] selects in one column. [`Tracker`] follows a run of columns whose order changes
//! little from one to the next (ROI at neighbouring volumes): it scans each column once against
//! narrow windows around the samples that were near each percentile in the last column, and
//! selects among the few values inside. A column whose percentile falls outside its window is
//! selected in full. Both give exactly the same figures.

/// The nearest rank of quantile `q` among `n` values.
fn rank(q: f64, n: usize) -> usize {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let k = (q * (n - 1) as f64).round() as usize;
    k.min(n - 1)
}

const QUANTILES: [f64; 3] = [0.1, 0.5, 0.9];

/// P10, P50 and P90 of `values`, ignoring `NaN`; all `NaN` when half or more are `NaN` (over
/// capacity in most samples). Reorders `values`.
pub(super) fn deciles(values: &mut [f64]) -> [f64; 3] {
    let total = values.len();
    let mut n = 0;
    for i in 0..total {
        if !values[i].is_nan() {
            values.swap(n, i);
            n += 1;
        }
    }
    if n == 0 || n * 2 < total {
        return [f64::NAN; 3];
    }
    let [k10, k50, k90] = QUANTILES.map(|q| rank(q, n));
    // The median splits the values; P10 lies below it and P90 above, so each later selection
    // works on a part only.
    let (below, median, above) = values[..n].select_nth_unstable_by(k50, f64::total_cmp);
    let median = *median;
    let p10 = if k10 < k50 {
        *below.select_nth_unstable_by(k10, f64::total_cmp).1
    } else {
        median
    };
    let p90 = if k90 > k50 {
        *above
            .select_nth_unstable_by(k90 - k50 - 1, f64::total_cmp)
            .1
    } else {
        median
    };
    [p10, median, p90]
}

/// Selects the elements of the given ascending `ranks` of `values` into place (each at its
/// rank, as if sorted), splitting around the middle rank first so each later selection works
/// on a part only.
fn select_ranks(values: &mut [(f64, usize)], ranks: &[usize], offset: usize) {
    if ranks.is_empty() || values.is_empty() {
        return;
    }
    let middle = ranks.len() / 2;
    let at = ranks[middle] - offset;
    let (below, _, above) = values.select_nth_unstable_by(at, |a, b| a.0.total_cmp(&b.0));
    select_ranks(below, &ranks[..middle], offset);
    select_ranks(above, &ranks[middle + 1..], offset + at + 1);
}

/// P10–P50–P90 of successive columns, each scanned once (see the module's documentation).
#[derive(Debug, Default)]
pub(super) struct Tracker {
    /// Per percentile: the samples at the lower and upper edge of its window in the last column.
    edges: Option<[(usize, usize); 3]>,
    /// Scratch: (value, sample) pairs of a column.
    pairs: Vec<(f64, usize)>,
    /// Scratch: (value, sample) pairs inside each percentile's window.
    windows: [Vec<(f64, usize)>; 3],
    /// How many columns with percentiles were selected in full (for the tests).
    pub full: usize,
}

impl Tracker {
    /// Half the width of a window, in ranks.
    fn half_width(n: usize) -> usize {
        (n / 32).max(4)
    }

    /// P10, P50 and P90 of `column`, ignoring `NaN`, exactly as [`deciles`] gives them.
    pub fn next(&mut self, column: &[f64]) -> [f64; 3] {
        if let Some(edges) = self.edges
            && let Some(found) = self.windowed(column, edges)
        {
            return found;
        }
        self.select_full(column)
    }

    fn select_full(&mut self, column: &[f64]) -> [f64; 3] {
        self.pairs.clear();
        self.pairs.extend(
            column
                .iter()
                .enumerate()
                .filter(|(_, x)| !x.is_nan())
                .map(|(s, &x)| (x, s)),
        );
        let n = self.pairs.len();
        if n == 0 || n * 2 < column.len() {
            self.edges = None;
            return [f64::NAN; 3];
        }
        self.full += 1;
        let w = Self::half_width(n);
        let ks = QUANTILES.map(|q| rank(q, n));
        let mut ranks: Vec<usize> = ks
            .iter()
            .flat_map(|&k| [k.saturating_sub(w), k, (k + w).min(n - 1)])
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        select_ranks(&mut self.pairs, &ranks, 0);
        self.edges = Some(ks.map(|k| {
            (
                self.pairs[k.saturating_sub(w)].1,
                self.pairs[(k + w).min(n - 1)].1,
            )
        }));
        ks.map(|k| self.pairs[k].0)
    }

    /// The percentiles from windows around the last column's; `None` when one falls outside.
    fn windowed(&mut self, column: &[f64], edges: [(usize, usize); 3]) -> Option<[f64; 3]> {
        let bounds = edges.map(|(lo, hi)| (column[lo], column[hi]));
        if bounds
            .iter()
            .any(|(lo, hi)| lo.is_nan() || hi.is_nan() || lo > hi)
        {
            return None;
        }
        let [(lo0, _), (lo1, _), (lo2, _)] = bounds;
        let (mut nan, mut below) = (0usize, [0usize; 3]);
        for &x in column {
            nan += usize::from(x.is_nan());
            below[0] += usize::from(x < lo0);
            below[1] += usize::from(x < lo1);
            below[2] += usize::from(x < lo2);
        }
        let n = column.len() - nan;
        if n == 0 || n * 2 < column.len() {
            return None;
        }
        let w = Self::half_width(n);
        let ks = QUANTILES.map(|q| rank(q, n));
        if (0..3).any(|q| below[q] > ks[q]) {
            return None;
        }
        // One pass gathers the three windows.
        for window in &mut self.windows {
            window.clear();
        }
        let [(lo0, hi0), (lo1, hi1), (lo2, hi2)] = bounds;
        for (s, &x) in column.iter().enumerate() {
            if lo0 <= x && x <= hi0 {
                self.windows[0].push((x, s));
            }
            if lo1 <= x && x <= hi1 {
                self.windows[1].push((x, s));
            }
            if lo2 <= x && x <= hi2 {
                self.windows[2].push((x, s));
            }
        }
        let mut found = [0.0; 3];
        let mut next = [(0, 0); 3];
        for (q, window) in self.windows.iter_mut().enumerate() {
            let (k, first) = (ks[q], below[q]);
            let last = first + window.len();
            if k >= last {
                return None;
            }
            // The window's own ranks: the percentile's and the next column's edges.
            let ranks = [k.saturating_sub(w).max(first), k, (k + w).min(last - 1)];
            let local = ranks.map(|r| r - first);
            let (mut unique, mut m) = ([0; 3], 0);
            for r in local {
                if m == 0 || unique[m - 1] != r {
                    unique[m] = r;
                    m += 1;
                }
            }
            select_ranks(window, &unique[..m], 0);
            found[q] = window[local[1]].0;
            next[q] = (window[local[0]].1, window[local[2]].1);
        }
        self.edges = Some(next);
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::econ::simulate::Rng;

    fn same(a: [f64; 3], b: [f64; 3]) -> bool {
        a.iter().zip(&b).all(|(x, y)| x.total_cmp(y).is_eq())
    }

    #[test]
    fn the_tracker_gives_what_a_full_selection_gives() {
        let mut rng = Rng::new(11);
        for (samples, drift, nans) in [(5_000, 0.01, 0.0), (999, 0.2, 0.1), (7, 0.5, 0.3)] {
            let mut tracker = Tracker::default();
            let base: Vec<f64> = (0..samples).map(|_| rng.normal()).collect();
            let mut column = base.clone();
            for step in 0..200 {
                for (x, b) in column.iter_mut().zip(&base) {
                    // Drifting values, some ties, some NaN (over capacity in a sample).
                    *x = if rng.uniform() < nans {
                        f64::NAN
                    } else if rng.uniform() < 0.05 {
                        1.0
                    } else {
                        b * (1.0 + drift * f64::from(step)) + drift * rng.normal()
                    };
                }
                let expected = deciles(&mut column.clone());
                let got = tracker.next(&column);
                assert!(same(got, expected), "step {step}: {got:?} vs {expected:?}");
            }
            // Slowly drifting columns are mostly answered from the windows.
            if drift < 0.05 {
                assert!(tracker.full < 40, "{} full selections", tracker.full);
            }
        }
    }

    #[test]
    fn mostly_nan_columns_have_no_percentiles() {
        let mut tracker = Tracker::default();
        let column = [f64::NAN, f64::NAN, 1.0];
        assert!(tracker.next(&column).iter().all(|x| x.is_nan()));
        assert!(deciles(&mut column.clone()).iter().all(|x| x.is_nan()));
    }
}
