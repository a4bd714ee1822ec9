"""Escalation detection on a daily series: a robust, explainable shift detector.

In: a daily series of conflict intensity for one dyad (e.g. the number of verbal + material conflict
incidents, or the summed hostility of their PLOVER scores), oldest first, one value per calendar day.
Out: :class:`Shift` records — the day a significant shift toward conflict was detected, the statistic,
the quiet-period baseline and the level observed.

Method (robust z-score of a short window against a trailing baseline):

* the **baseline** is the ``baseline_days`` days that end ``window_days`` before the day tested; its
  level and spread are its mean and standard deviation after clipping at its 90th percentile (so the
  isolated spikes of a quiet period do not move it), the spread floored by the Poisson spread
  ``sqrt(level)`` (counts are Poisson-like) and by ``min_scale``;
* the **window** is the last ``window_days`` days, its level their mean;
* ``z = (window mean − baseline median) / (spread / sqrt(window_days))``; a shift is flagged when
  ``z ≥ z_threshold`` and the window mean exceeds the baseline by at least ``min_increase``;
* after a flag the detector stays quiet for ``cooldown_days`` (one escalation, one alert).

Winsorising makes the baseline insensitive to the isolated spikes of a quiet period, and the window
reacts within a few days of a sustained change. The thresholds are settings (:class:`DetectorSettings`);
``tests/test_changepoint.py`` measures detection delay and false alarms on synthetic series.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DetectorSettings:
    baseline_days: int = 28
    window_days: int = 3
    z_threshold: float = 4.5
    min_increase: float = 1.0
    min_scale: float = 0.5
    cooldown_days: int = 14
    min_history: int = 14  # days of baseline needed before anything is flagged


@dataclass(frozen=True, slots=True)
class Shift:
    index: int  # position in the series of the day the shift was detected
    statistic: float
    threshold: float
    baseline: float
    observed: float


def robust_level_and_spread(values: Sequence[float], min_scale: float) -> tuple[float, float]:
    """Level and spread of a baseline, robust to isolated spikes: both are computed after clipping the
    values at their 90th percentile (winsorising); the spread is at least the Poisson spread sqrt(level)
    (counts are Poisson-like: a quiet dyad has no variance to speak of) and at least ``min_scale``."""
    if not values:
        return 0.0, min_scale
    ordered = sorted(values)
    cap = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    clipped = [min(v, cap) for v in values]
    level = statistics.fmean(clipped)
    sd = statistics.pstdev(clipped) if len(clipped) > 1 else 0.0
    return level, max(sd, math.sqrt(max(level, 0.0)), min_scale)


def detect_shifts(series: Sequence[float], settings: DetectorSettings | None = None) -> list[Shift]:
    """Days on which the series shifts significantly upward (toward conflict)."""
    s = settings or DetectorSettings()
    shifts: list[Shift] = []
    quiet_until = -1
    for t in range(len(series)):
        window_start = t - s.window_days + 1
        base_end = window_start  # exclusive
        base_start = max(0, base_end - s.baseline_days)
        if window_start < 0 or base_end - base_start < s.min_history or t <= quiet_until:
            continue
        baseline = list(series[base_start:base_end])
        window = series[window_start : t + 1]
        level, spread = robust_level_and_spread(baseline, s.min_scale)
        observed = statistics.fmean(window)
        z = (observed - level) / (spread / math.sqrt(s.window_days))
        if z >= s.z_threshold and observed - level >= s.min_increase:
            shifts.append(Shift(t, round(z, 3), s.z_threshold, round(level, 3), round(observed, 3)))
            quiet_until = t + s.cooldown_days
    return shifts
