#!/usr/bin/env python3
"""Expected culture readiness from the document's own SLOCulture (seed004_culture.py), one TSV row per case.

Columns: the five criteria values (executive_sponsorship engineering_buy_in product_alignment data_infrastructure
incident_process) | readiness_score (repr) readiness_level.

Gaps the document leaves, filled the way SloBot fills them:
- _has_exec_support … _has_incident_mgmt: the organisation is the answers themselves (yes 1, partly 0.5, no 0, as
  /slo readiness asks them); the random rows use any value in [0, 1] and values that land on the thresholds.
- _generate_recommendations: not compared (SloBot words them itself); stubbed.
"""
import itertools
import random

from seed004_culture import SLOCulture


class Culture(SLOCulture):
    def _has_exec_support(self, o): return o[0]
    def _has_eng_support(self, o): return o[1]
    def _has_product_alignment(self, o): return o[2]
    def _has_observability(self, o): return o[3]
    def _has_incident_mgmt(self, o): return o[4]
    def _generate_recommendations(self, criteria): return []


def rows():
    for combo in itertools.product([0, 0.5, 1], repeat=5):  # every questionnaire outcome, 243 rows
        yield list(combo)
    rng = random.Random(15)
    for _ in range(2000):
        yield [rng.random() for _ in range(5)]
    for _ in range(500):  # tenths and quarters: sums that land on or next to 0.4, 0.6, 0.8
        yield [rng.choice([0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1]) for _ in range(5)]


culture = Culture()
for values in rows():
    result = culture.assess_cultural_readiness(values)
    print('\t'.join([repr(float(v)) for v in values] + [repr(result['readiness_score']), result['readiness_level']]))
