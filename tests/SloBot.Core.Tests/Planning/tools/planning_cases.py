#!/usr/bin/env python3
"""Expected proposals and roadmaps from the document's own QuarterlySLOPlanning (seed004_planning.py), one TSV row per case.

Usage: planning_cases.py SEED. One row per case:
  proposal  current actual | proposed rationale
  roadmap   services (name:current:actual;...) work (service:name:impact:effort;...) | ordered names, total_effort,
            projected_improvement
Floats are written with repr(), so they read back bit for bit.

Gaps the document leaves, filled here: _calculate_budget_impact is called but never defined (SloBot's definition,
minutes of budget per window, is checked in PlanningArithmeticTests, not here; stubbed). _identify_reliability_work is
called but never defined: SloBot's initiatives come from open action items and the proposals' gaps, rated by the team,
so the stub returns the case's own list of rated work for the service (with equal priorities on purpose, to check the
stable order). The review is built directly ({'slo_performance': ...}) instead of _review_previous_quarter, whose
helpers read data SloBot reads from its SLI source.

Sums: CPython 3.12 made sum() of floats compensated, SloBot sums left to right (as 3.11 and before). Lists of three or
more initiatives therefore use values whose partial sums are exact (multiples of 1/64) unless this Python sums plainly.
"""
import random
import sys

from seed004_planning import QuarterlySLOPlanning

PLAIN_SUM = sys.version_info < (3, 12)
TARGETS = [95.0, 98.5, 99.0, 99.05, 99.1, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 90.0]


class Planning(QuarterlySLOPlanning):
    def __init__(self, work):
        super().__init__(historical_data=None, business_goals=None)
        self.work = work

    def _calculate_budget_impact(self, current_slo, proposed):
        return None

    def _identify_reliability_work(self, service, gap):
        return self.work.get(service, [])


def target(rng):
    if rng.random() < 0.6:
        return rng.choice(TARGETS)
    return round(rng.uniform(95, 99.999), rng.choice([1, 2, 3, 4]))


def actual(rng, t):
    r = rng.random()
    if r < 0.5:
        delta = rng.choice([0.5, 0.0, -0.1, 0.1, 0.6, 0.4]) + rng.choice([0.0, 0.0, 1e-9, -1e-9, 1e-12, -1e-12, 0.001, -0.001])
        return min(100.0, t + delta)
    if r < 0.6:
        return t + 0.5  # exactly the document's own expression
    return min(100.0, round(rng.uniform(t - 2, t + 1.5), rng.choice([2, 3, 5, 10])))


def proposal_row(rng):
    t = target(rng)
    a = actual(rng, t)
    p = Planning({})._propose_slo_targets({'slo_performance': {'s': {'target': t, 'actual': a}}}, 'next')['s']
    return '\t'.join(['proposal', repr(t), repr(a), repr(p['proposed_target']), p['rationale']])


def number(rng, dyadic):
    if dyadic:
        return rng.randint(1, 64 * 8) / 64
    return rng.choice([0.5, 1.0, 2.0, 3.0, 4.0, round(rng.uniform(0.1, 10), rng.choice([1, 2, 3])), rng.uniform(0.001, 20)])


def roadmap_row(rng):
    n = rng.choice([1, 2, 3, 4, 6])
    services = {f'svc{i}': {'target': target(rng), 'actual': 0.0} for i in range(n)}
    for s in services.values():
        s['actual'] = actual(rng, s['target'])
    work = {}
    count = 0
    for name in services:
        items = []
        for j in range(rng.choice([0, 1, 1, 2, 3])):
            items.append({'service': name, 'name': f'{name}w{j}', 'impact': 0.0, 'effort': 1.0})
        work[name] = items
        count += len(items)
    dyadic = count > 2 and not PLAIN_SUM
    for items in work.values():
        for item in items:
            if rng.random() < 0.3:  # equal priorities: 1/2, 2/4, 0.25/0.5 ...
                k = rng.choice([0.25, 0.5, 1.0, 2.0, 4.0])
                item['impact'], item['effort'] = k, 2 * k
            else:
                item['impact'], item['effort'] = number(rng, dyadic), number(rng, dyadic)
    planning = Planning(work)
    targets = planning._propose_slo_targets({'slo_performance': services}, 'next')
    roadmap = planning._plan_reliability_roadmap(targets)
    return '\t'.join([
        'roadmap',
        ';'.join(f"{k}:{v['target']!r}:{v['actual']!r}" for k, v in services.items()),
        ';'.join(f"{i['service']}:{i['name']}:{i['impact']!r}:{i['effort']!r}" for items in work.values() for i in items),
        ','.join(i['name'] for i in roadmap['initiatives']),
        repr(float(roadmap['total_effort'])),
        repr(float(roadmap['projected_improvement'])),
    ])


def main():
    rng = random.Random(int(sys.argv[1]))
    for _ in range(3000):
        print(proposal_row(rng))
    for _ in range(1000):
        print(roadmap_row(rng))


if __name__ == '__main__':
    main()
