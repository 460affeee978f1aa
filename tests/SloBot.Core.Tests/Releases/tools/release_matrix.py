#!/usr/bin/env python3
"""Expected release decisions from the document's own Python (seed004_release.py), one TSV row per case.

Columns: lines_changed touches_critical_path has_db_migration changes_external_apis test_coverage
remaining_percent | score level status action conditions. "-" marks an input left out (the document's default).

Gaps the document leaves, filled the way SloBot fills them:
- get_error_budget_status: 'exhausted' at or below 0 % remaining (the matrix's "No budget" row), otherwise
  WeeklySLOReview._determine_status.
- _explain_decision / _suggest_alternatives: not compared (SloBot words them itself); stubbed.
- make_decision reads decision['alternatives'] for every action, but _apply_decision_matrix sets it only for
  defer/block (a KeyError for approve/review as written): SloBot gives approve/review no alternatives, so an
  empty list is filled in.
- The score is not returned by the document; it is recomputed here with the same rules for the score column.
"""
import itertools
import sys

from seed004_release import ReleaseDecisionFramework, WeeklySLOReview

LINES = [None, 0, 1, 99, 100, 101, 999, 1000, 1001, 1200, 50000]
FLAGS = [None, False, True]
COVERAGE = [None, 0, 50, 79, 79.9, 80, 80.5, 100]
REMAINING = [100, 75, 50.001, 50, 49.999, 35, 20.001, 20, 19.999, 15, 10.001, 10, 9.999, 5, 0.001, 0, -0.001, -250]


class Framework(ReleaseDecisionFramework):
    def __init__(self, remaining):
        super().__init__(error_budget_policy=None)
        self.remaining = remaining

    def get_error_budget_status(self, service):
        status = 'exhausted' if self.remaining <= 0 else WeeklySLOReview._determine_status(None, self.remaining)
        return {'status': status, 'remaining': self.remaining}

    def _apply_decision_matrix(self, budget_status, release_risk):
        decision = super()._apply_decision_matrix(budget_status, release_risk)
        decision.setdefault('alternatives', [])
        return decision

    def _explain_decision(self, budget_status, release_risk, action):
        return None

    def _suggest_alternatives(self, budget_status):
        return []


def score(info):
    s = 0
    lines = info.get('lines_changed', 0)
    s += 2 if lines > 1000 else 1 if lines > 100 else 0
    s += 2 if info.get('touches_critical_path', False) else 0
    s += 2 if info.get('has_db_migration', False) else 0
    s += 1 if info.get('changes_external_apis', False) else 0
    s += 2 if info.get('test_coverage', 100) < 80 else 0
    return s


def cell(value):
    return '-' if value is None else str(value).lower()


def main():
    out = sys.stdout
    for lines, critical, db, ext, coverage in itertools.product(LINES, FLAGS, FLAGS, FLAGS, COVERAGE):
        info = {'version': 'v1'}
        for key, value in (('lines_changed', lines), ('touches_critical_path', critical), ('has_db_migration', db),
                           ('changes_external_apis', ext), ('test_coverage', coverage)):
            if value is not None:
                info[key] = value
        for remaining in REMAINING:
            d = Framework(remaining).make_decision('payment', info)
            out.write('\t'.join([cell(lines), cell(critical), cell(db), cell(ext), cell(coverage), repr(remaining),
                                 str(score(info)), d['release_risk'], d['budget_status']['status'], d['decision'],
                                 ','.join(d['conditions'])]) + '\n')


if __name__ == '__main__':
    main()
