"""The escalation detector on synthetic series with known change points.

Quiet periods are Poisson counts (rates 0.1–3 incidents/day) with a few isolated one-day spikes; an
escalation multiplies the rate by four and adds three a day. Measured: share of change points found within
3 days, mean detection delay, false alarms per 365 quiet days.
"""

from __future__ import annotations

import math
import random

from flashpoint.changepoint import DetectorSettings, detect_shifts, robust_level_and_spread

RATES = (0.1, 0.3, 0.7, 1.5, 3.0)


def poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p < limit:
            return k
        k += 1


def quiet_series(rng: random.Random, lam: float, days: int) -> list[float]:
    xs = [float(poisson(rng, lam)) for _ in range(days)]
    for _ in range(3):
        xs[rng.randrange(days)] += rng.randint(1, 3)
    return xs


def test_quiet_years_raise_at_most_one_false_alarm_per_year() -> None:
    rng = random.Random(11)
    alarms = days = 0
    for _ in range(60):
        series = quiet_series(rng, rng.choice(RATES), 365)
        alarms += len(detect_shifts(series))
        days += 365
    assert alarms / days * 365 <= 1.0


def test_injected_change_points_are_found_within_three_days() -> None:
    rng = random.Random(5)
    found, delays, early = 0, [], 0
    trials = 60
    for _ in range(trials):
        lam = rng.choice(RATES)
        cp = 150
        series = [float(poisson(rng, lam)) for _ in range(cp)]
        series += [float(poisson(rng, 4 * lam + 3)) for _ in range(30)]
        shifts = detect_shifts(series)
        early += sum(1 for s in shifts if s.index < cp)
        after = [s.index - cp for s in shifts if s.index >= cp]
        if after and after[0] <= 3:
            found += 1
            delays.append(after[0])
    assert found / trials >= 0.95
    assert sum(delays) / len(delays) <= 2.0
    assert early / (trials * cp) * 365 <= 1.0


def test_shift_explains_itself_with_baseline_and_observed_levels() -> None:
    series = [0.0] * 30 + [5.0, 6.0, 7.0]
    (shift,) = detect_shifts(series)
    assert shift.index in (30, 31, 32)
    assert shift.baseline == 0.0 and shift.observed > 1
    assert shift.statistic >= shift.threshold


def test_cooldown_gives_one_alert_per_escalation() -> None:
    series = [0.0] * 30 + [8.0] * 10
    assert len(detect_shifts(series, DetectorSettings(cooldown_days=14))) == 1


def test_no_alert_without_enough_history() -> None:
    assert detect_shifts([0.0, 0.0, 9.0, 9.0, 9.0]) == []


def test_isolated_spike_does_not_move_the_baseline() -> None:
    level, spread = robust_level_and_spread([0.0] * 27 + [12.0], min_scale=0.5)
    assert level < 0.5 and spread < 1.0
