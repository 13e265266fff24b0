#!/usr/bin/env python3
"""The numpy reference for the planner's Monte Carlo benchmark.

`cargo bench --bench engine -- "monte carlo/10 designs × 5,000 samples × 100 volumes$"` simulates
ten designs (hosted APIs, self-hosted fleets and cascades, as `ten_designs()` in benches/engine.rs
builds them) over 100 log-spaced volumes from 1M to 5G requests a month, with what each use case's
success is worth, every design's success rate and every design's fixed monthly cost uncertain.
This script does the same work in vectorised numpy, so the two can be timed one after the other on
the same machine (docs/performance.md):

- draws: per use case its value per success, lognormal over Range(0.7 x, 1.3 x); per design its
  success rate, logit-normal over Range(0.9 x, min(1.1 x, 0.999)), and its fixed monthly cost,
  lognormal over Range(0.7 x, 1.3 x) (docs/method.md, "Uncertainty");
- per design and volume the serving cost does not move with these draws, so it is computed once:
  a hosted API is linear in the volume, a self-hosted fleet is a step function sized for the peak
  hour (at least its minimum instances, over capacity above its maximum: no ROI there), a cascade
  is a fleet plus an API on the escalated share;
- per sample, design and volume: monthly cost = serving x (1 + overhead) + fixed + amortised
  one-time cost, ROI = value per inference x volume / monthly cost;
- per design and volume P10, P50 and P90 of ROI (none where the design is over capacity); at the
  current volume the P10-P50-P90, the odds of each band and of beating each other design, and for
  the designs with energy data ROI with carbon and gCO2e per inference.

The designs' figures are drawn once from a fixed generator in the ranges the bundled scenarios
span: the timing depends on the shape of the work, not on the prices. The engine draws with its
own generator (xoshiro256**), so the percentiles agree in distribution, not digit for digit.

usage: python3 benches/mc_numpy.py [SAMPLES]      (needs numpy; benches/numpy_reference.sh
installs it into a virtualenv under target/)
"""

import sys
import time

import numpy as np

DESIGNS, VOLUMES = 10, 100
HOURS, PEAK = 730.0, 2.5
CURRENT = 40_000_000
# z of the 95th percentile of the standard normal: a Range is a 90 % interval, +-1.6449 sigma.
Z95 = 1.6448536269514722
# The kinds in the bench's order: support-assistant's three, document-classification's three,
# search-summaries' three, and a copy of the second design.
KINDS = ["api", "fleet", "cascade", "api", "api", "fleet", "api", "fleet", "cascade", "fleet"]
# Two of the hosted models publish no energy figure: eight designs have carbon figures.
WITH_ENERGY = np.array([True, True, True, True, False, True, False, True, True, True])


def designs(gen):
    """Each design's fixed figures, in the ranges the bundled scenarios span."""
    d = {
        # Hosted API: cost per request (tokens x price per token), Wh per request.
        "per_request": gen.uniform(5e-5, 2e-3, DESIGNS),
        "wh_per_request": gen.uniform(0.05, 0.6, DESIGNS),
        # Self-hosted: requests an hour at the planned utilisation, price per hour, instances.
        "capacity_per_hour": gen.uniform(5e3, 5e4, DESIGNS),
        "price_per_hour": gen.uniform(0.2, 3.0, DESIGNS),
        "min_instances": gen.integers(1, 3, DESIGNS).astype(float),
        # Quotas as the bundled scenarios set them (4 A10Gs, 16 H100s); the others unlimited.
        "max_instances": np.array([np.inf, 4, 4, np.inf, np.inf, np.inf, np.inf, 16, 16, 4]),
        "watts_max": gen.uniform(150, 700, DESIGNS),
        "watts_idle_share": 0.11,
        "host_watts": gen.uniform(50, 150, DESIGNS),
        # Cascade: the share escalated to the fallback API.
        "escalation": gen.uniform(0.05, 0.2, DESIGNS),
        "overhead": gen.uniform(0.0, 0.1, DESIGNS),
        "fixed": gen.uniform(200, 8000, DESIGNS),
        "amortised": gen.uniform(0, 1500, DESIGNS),
        "success": gen.uniform(0.7, 0.92, DESIGNS),
    }
    return d


def serving_and_energy(d, volumes):
    """Serving cost and kWh per month per design and volume, and where a fleet is over capacity."""
    v = volumes[None, :]
    instances = np.maximum(d["min_instances"][:, None], np.ceil(v * PEAK / (d["capacity_per_hour"][:, None] * HOURS)))
    fleet_cost = instances * d["price_per_hour"][:, None] * HOURS
    over = instances > d["max_instances"][:, None]
    used = v / (instances * d["capacity_per_hour"][:, None] * HOURS)
    idle = d["watts_max"][:, None] * d["watts_idle_share"]
    watts = idle + (d["watts_max"][:, None] - idle) * np.minimum(used, 1.0) + d["host_watts"][:, None]
    fleet_kwh = instances * HOURS * watts * 1.15 / 1000
    api_cost = v * d["per_request"][:, None]
    api_kwh = v * d["wh_per_request"][:, None] / 1000
    esc = d["escalation"][:, None]
    kind = np.array(KINDS)[:, None]
    serving = np.where(kind == "api", api_cost, np.where(kind == "fleet", fleet_cost, fleet_cost + esc * api_cost))
    kwh = np.where(kind == "api", api_kwh, np.where(kind == "fleet", fleet_kwh, fleet_kwh + esc * api_kwh))
    over = np.where(kind == "api", False, over)
    return serving, kwh, over


def lognormal(gen, low, high, n):
    """n draws per row of a lognormal whose 5th and 95th percentiles are low and high."""
    mu = (np.log(low) + np.log(high)) / 2
    sigma = (np.log(high) - np.log(low)) / (2 * Z95)
    return np.exp(mu[:, None] + sigma[:, None] * gen.standard_normal((len(low), n)))


def logit_normal(gen, low, high, n):
    """n draws per row of a logit-normal rate whose 5th and 95th percentiles are low and high."""
    def logit(p):
        return np.log(p / (1 - p))
    mu = (logit(low) + logit(high)) / 2
    sigma = (logit(high) - logit(low)) / (2 * Z95)
    return 1 / (1 + np.exp(-(mu[:, None] + sigma[:, None] * gen.standard_normal((len(low), n)))))


def simulate(d, tables, samples, gen):
    """One run: the draws, ROI per sample, design and volume, and the figures the engine reports."""
    volumes, serving, kwh, over, now_serving, now_kwh, now_over = tables
    shares, worth = np.array([0.8, 0.2]), np.array([0.002, 0.001])
    value = lognormal(gen, worth * 0.7, worth * 1.3, samples)                        # (U, S)
    success = logit_normal(gen, d["success"] * 0.9, np.minimum(d["success"] * 1.1, 0.999), samples)  # (D, S)
    fixed = lognormal(gen, d["fixed"] * 0.7, d["fixed"] * 1.3, samples)             # (D, S)
    per_inference = (shares @ value)[None, :] * success                              # (D, S)
    own = fixed + d["amortised"][:, None]                                            # (D, S)
    cost = serving[:, None, :] * (1 + d["overhead"])[:, None, None] + own[:, :, None]  # (D, S, V)
    roi = per_inference[:, :, None] * volumes[None, None, :] / cost
    # Percentiles per design and volume, none where the design is over capacity.
    bands = np.full((3, DESIGNS, VOLUMES), np.nan)
    inside = ~over
    bands[:, inside] = np.percentile(roi.transpose(0, 2, 1)[inside], [10, 50, 90], axis=1)
    # At the current volume: P10-P50-P90, band odds and the odds of beating each other design.
    now_cost = now_serving[:, None] * (1 + d["overhead"])[:, None] + own
    now = per_inference * CURRENT / now_cost                                         # (D, S)
    now = np.where(now_over[:, None], np.nan, now)
    now_q = np.percentile(now, [10, 50, 90], axis=1)
    odds = np.stack([(now < 1).mean(1), ((now >= 1) & (now < 3)).mean(1),
                     ((now >= 3) & (now < 10)).mean(1), (now >= 10).mean(1)])
    beats = (now[:, None, :] > now[None, :, :]).mean(2)
    # Carbon: grid 323 gCO2e/kWh, $100 a tonne, for the designs with energy data.
    carbon_cost = now_kwh * 323 / 1e6 * 100                                          # (D,)
    with_carbon = per_inference * CURRENT / (now_cost + carbon_cost[:, None])
    carbon_q = np.percentile(with_carbon[WITH_ENERGY], [10, 50, 90], axis=1)
    grams = np.percentile(np.broadcast_to((now_kwh * 1000 / CURRENT * 323 / 1000)[WITH_ENERGY, None],
                                          (WITH_ENERGY.sum(), samples)), [10, 50, 90], axis=1)
    return bands, now_q, odds, beats, carbon_q, grams


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    gen = np.random.default_rng(26)
    d = designs(gen)
    volumes = np.round(np.geomspace(1e6, 5e9, VOLUMES))
    serving, kwh, over = serving_and_energy(d, volumes)
    now_serving, now_kwh, now_over = (a[:, 0] for a in serving_and_energy(d, np.array([float(CURRENT)])))
    tables = (volumes, serving, kwh, over, now_serving, now_kwh, now_over)
    draws = np.random.default_rng(7)
    result = simulate(d, tables, samples, draws)  # warm-up
    times = []
    for _ in range(10):
        start = time.perf_counter()
        simulate(d, tables, samples, draws)
        times.append(time.perf_counter() - start)
    times.sort()
    p50 = result[1][1]
    print(f"numpy MC {DESIGNS}x{samples}x{VOLUMES}: min {times[0] * 1e3:.1f} ms  median {times[5] * 1e3:.1f} ms"
          f"  (P50 ROI now, first design: {p50[0]:.2f}x; {int(over.sum())} design-volume points over capacity)")


if __name__ == "__main__":
    main()
