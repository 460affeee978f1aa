#!/usr/bin/env python3
"""Expected toil budgets and automation priorities from the document's own ToilBudgetManager (seed004_toil.py).

Usage: toil_cases.py SEED. One TSV row per case:
  budget  team_size max_toil_percent actuals | toil_percentage toil_hours_per_week automation_hours_per_week
  rank    tasks (name:frequency:duration:error_prone:complexity:effort;…) | ranked (name:score:roi;…)
Floats are written with repr(), so they read back bit for bit; "-" is None.

Gaps the document leaves, filled here: _generate_toil_recommendation is called but never defined (SloBot words it
itself; stubbed); _calculate_roi is called but never defined: SloBot's definition (docs/toil.md) is written below,
so the ROI column checks SloBot's arithmetic, not the document's. max_toil_percent is set per case (the document's 50
most of the time) to exercise the 20-60 % clamp, which the document's four adjustments alone never pass.
Averages: see balance_cases.py (three or more SLOs use values whose partial sums are exact unless sum() is plain).
"""
import random
import sys

from seed004_toil import ToilBudgetManager

PLAIN_SUM = sys.version_info < (3, 12)


class Manager(ToilBudgetManager):
    def _generate_toil_recommendation(self, toil_budget):
        return None

    def _calculate_roi(self, task):
        effort = task.get('automation_effort_hours')
        if effort is None:
            effort = task['automation_complexity'] * 8
        monthly = task['frequency_per_week'] * task['duration_hours'] * 52 / 12
        return effort / monthly if monthly > 0 else None


def f(x):
    return '-' if x is None else repr(float(x))


def actuals(rng):
    n = rng.choice([1, 1, 2, 2, 3, 5, 8])
    if n <= 2 and rng.random() < 0.5:
        edge = rng.choice([99.95, 99.9, 99.5])
        values = [rng.choice([edge, edge + 0.001, edge - 0.001, edge + 1e-9, edge - 1e-9, edge + 1e-12]) for _ in range(n)]
    elif n <= 2 or PLAIN_SUM:
        values = [round(rng.uniform(98, 100), rng.choice([1, 2, 3, 5])) for _ in range(n)]
    else:
        values = [rng.randint(98 * 64, 100 * 64) / 64 for _ in range(n)]
    return values


def budget_row(rng):
    values = actuals(rng)
    manager = Manager(rng.choice([1, 2, 3, 5, 8, rng.randint(1, 200)]), {f's{i}': {'actual': v, 'target': 99.9} for i, v in enumerate(values)})
    manager.max_toil_percent = rng.choice([50, 50, 50, rng.randint(-10, 110)])
    r = manager.calculate_toil_budget()
    return '\t'.join(['budget', str(manager.team_size), str(manager.max_toil_percent), ','.join(repr(v) for v in values),
                      str(r['toil_percentage']), f(r['toil_hours_per_week']), f(r['automation_hours_per_week'])])


def task(rng, i):
    t = {
        'name': f't{i}',
        'frequency_per_week': rng.choice([0, 1, 2, 5, 0.5, round(rng.uniform(0, 40), 2), rng.randint(0, 100)]),
        'duration_hours': rng.choice([0, 0.25, 1.5, 2, round(rng.uniform(0, 8), 3)]),
        'error_prone': rng.random() < 0.4,
        'automation_complexity': rng.randint(1, 5),
    }
    if rng.random() < 0.3:
        t['automation_effort_hours'] = rng.choice([1, 4, 40, round(rng.uniform(0.5, 400), 1)])
    return t


def rank_row(rng):
    tasks = [task(rng, i) for i in range(rng.randint(0, 12))]
    for i in range(rng.choice([0, 0, 2])):  # equal scores: the order they were given in must be kept
        tasks.append({**rng.choice(tasks), 'name': f'dup{i}'} if tasks else task(rng, 99))
    ranked = Manager(1, {'s': {'actual': 99.9, 'target': 99.9}}).prioritize_automation(tasks)
    given = ';'.join(':'.join([t['name'], f(t['frequency_per_week']), f(t['duration_hours']), str(t['error_prone']).lower(),
                               str(t['automation_complexity']), f(t.get('automation_effort_hours'))]) for t in tasks)
    result = ';'.join(':'.join([t['name'], f(t['automation_score']), f(t['roi_months'])]) for t in ranked)
    return '\t'.join(['rank', given, result])


def main():
    rng = random.Random(int(sys.argv[1]))
    out = sys.stdout
    for _ in range(3000):
        out.write(budget_row(rng) + '\n')
    for _ in range(1000):
        out.write(rank_row(rng) + '\n')


if __name__ == '__main__':
    main()
