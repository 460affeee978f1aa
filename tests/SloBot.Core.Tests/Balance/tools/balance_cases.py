#!/usr/bin/env python3
"""Expected allocations from the document's own ReliabilityFeatureBalance (seed004_balance.py), one TSV row per case.

Usage: balance_cases.py SEED. Columns: kind capacity adjustment-or-"-" actuals targets | feature_pct reliability_pct
feature_capacity_hours reliability_capacity_hours. Floats are written with repr(), so they read back bit for bit.

Gaps the document leaves, filled here: _explain_allocation and _generate_recommendations are called but never
defined (SloBot words them itself; not compared), so they are stubbed. Kind "fixed" overrides _calculate_adjustment
with an adjustment outside the document's five to exercise the clamp, which the five alone never pass.

The averages are sum()/len(): CPython 3.12 made sum() of floats compensated, SloBot sums left to right (as 3.11 and
before). Lists of three or more SLOs therefore use values whose partial sums are exact (multiples of 1/64) unless
this Python sums plainly too; one or two SLOs sum identically either way.
"""
import random
import sys

from seed004_balance import ReliabilityFeatureBalance

PLAIN_SUM = sys.version_info < (3, 12)


class Balance(ReliabilityFeatureBalance):
    def __init__(self, team_capacity, current_slo_performance, adjustment=None):
        super().__init__(team_capacity, current_slo_performance)
        self.fixed = adjustment

    def _calculate_adjustment(self):
        return super()._calculate_adjustment() if self.fixed is None else self.fixed

    def _explain_allocation(self, feature_pct, reliability_pct):
        return None

    def _generate_recommendations(self, reliability_pct):
        return []


def decimal_percent(rng):
    return round(rng.uniform(95, 100), rng.choice([1, 2, 3, 4]))


def dyadic_percent(rng):
    return rng.randint(95 * 64, 100 * 64) / 64


def boundary_pair(rng):
    target = rng.choice([99.0, 99.5, 99.9, 99.95, 99.99, 98.5, 95.0])
    delta = rng.choice([0.5, 0.1, -0.1, -0.5, 0.0, 1.0, -1.0]) + rng.choice([0.0, 0.0, 0.001, -0.001, 1e-9, -1e-9])
    return round(target + delta, 10), target


def slos(rng):
    n = rng.choice([1, 1, 2, 2, 3, 4, 6, 9])
    if n <= 2 and rng.random() < 0.5:
        pairs = [boundary_pair(rng) for _ in range(n)]
    elif n <= 2 or PLAIN_SUM:
        pairs = [(decimal_percent(rng), decimal_percent(rng)) for _ in range(n)]
    else:
        pairs = [(dyadic_percent(rng), dyadic_percent(rng)) for _ in range(n)]
    return {f'slo{i}': {'actual': a, 'target': t} for i, (a, t) in enumerate(pairs)}


def capacity(rng):
    return rng.choice([0, 1, 40, 160, 400, rng.randint(1, 5000), round(rng.uniform(0, 2000), 2), rng.uniform(0, 1e6)])


def row(kind, cap, adjustment, perf, result):
    actuals = ','.join(repr(float(s['actual'])) for s in perf.values())
    targets = ','.join(repr(float(s['target'])) for s in perf.values())
    return '\t'.join([kind, repr(float(cap)), '-' if adjustment is None else str(adjustment), actuals, targets,
                      str(result['feature_percentage']), str(result['reliability_percentage']),
                      repr(float(result['feature_capacity_hours'])), repr(float(result['reliability_capacity_hours']))])


def main():
    rng = random.Random(int(sys.argv[1]))
    out = sys.stdout
    for _ in range(3000):
        perf, cap = slos(rng), capacity(rng)
        out.write(row('gap', cap, None, perf, Balance(cap, perf).calculate_allocation()) + '\n')
    for adjustment in range(-80, 61):
        cap = capacity(rng)
        perf = {'slo': {'actual': 99.9, 'target': 99.9}}
        out.write(row('fixed', cap, adjustment, perf, Balance(cap, perf, adjustment).calculate_allocation()) + '\n')


if __name__ == '__main__':
    main()
