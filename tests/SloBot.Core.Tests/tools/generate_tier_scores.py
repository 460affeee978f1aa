#!/usr/bin/env python3
"""Expected tier scores for SloBot's differential tests, computed by the seed document's own Python.

Usage: python3 generate_tier_scores.py SEED_000_FILE OUT_DIR

It takes the `TierAnalyzer` class verbatim from the seed document (000_a0f1efb031102734.txt, section 9.1),
runs `_calculate_tier_scores` and `analyze_and_recommend` for every combination of answers and writes:

  tier-scores-document.tsv  every combination of the three criteria the document scores (80 rows), run on
                            the document's class exactly as written;
  tier-scores-slobot.tsv    every combination of all six criteria, run on the same class with SloBot's rows for
                            data_sensitivity, regulatory_requirements and user_base_size added to its
                            scoring_matrix (SLOBOT_ROWS below; they must equal src/SloBot.Core/Tiers/TierMatrix.cs).

Values are Python's repr of the floats (shortest round-trip form), so the C# test can compare exactly.
"""
import ast
import itertools
import os
import re
import sys

# SloBot's rows for the criteria the document weighs but never scores (docs/tiers-and-design.md).
SLOBOT_ROWS = {
    'data_sensitivity': {
        'high': {'critical': 10, 'essential': 5, 'standard': 2, 'best_effort': 0},
        'medium': {'critical': 5, 'essential': 10, 'standard': 7, 'best_effort': 3},
        'low': {'critical': 2, 'essential': 5, 'standard': 10, 'best_effort': 7},
        'none': {'critical': 0, 'essential': 2, 'standard': 5, 'best_effort': 10},
    },
    'regulatory_requirements': {
        'yes': {'critical': 10, 'essential': 5, 'standard': 2, 'best_effort': 0},
        'partial': {'critical': 5, 'essential': 10, 'standard': 7, 'best_effort': 3},
        'no': {'critical': 0, 'essential': 2, 'standard': 5, 'best_effort': 10},
    },
    'user_base_size': {
        'large': {'critical': 10, 'essential': 8, 'standard': 4, 'best_effort': 0},
        'medium': {'critical': 7, 'essential': 10, 'standard': 6, 'best_effort': 2},
        'small': {'critical': 3, 'essential': 6, 'standard': 10, 'best_effort': 5},
        'internal': {'critical': 0, 'essential': 2, 'standard': 5, 'best_effort': 10},
    },
}

TIERS = ['critical', 'essential', 'standard', 'best_effort']


def tier_analyzer_source(seed_text):
    """The ```python block of section 9.1 that defines class TierAnalyzer, as written."""
    for block in re.findall(r"```python\n(.*?)```", seed_text, re.S):
        if 'class TierAnalyzer' in block:
            return block
    raise SystemExit('no TierAnalyzer class in the seed document')


def load_class(source, extra_rows=None):
    tree = ast.parse(source)
    matrix = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'scoring_matrix' for t in node.targets):
            matrix = ast.literal_eval(node.value)
            if extra_rows:
                extended = dict(matrix)
                extended.update(extra_rows)
                node.value = ast.parse(repr(extended), mode='eval').body
    if matrix is None:
        raise SystemExit('no scoring_matrix in TierAnalyzer')
    namespace = {}
    exec(compile(ast.fix_missing_locations(tree), 'seed-000-section-9.1', 'exec'), namespace)
    return namespace['TierAnalyzer'], matrix


def write_table(path, analyzer_class, criteria_values):
    analyzer = analyzer_class()
    keys = list(analyzer.criteria_weights.keys())
    names = [name for name, _ in criteria_values]
    rows = 0
    with open(path, 'w', encoding='utf-8', newline='\n') as out:
        out.write('\t'.join(keys + ['recommended_tier'] + ['score_' + t for t in TIERS]) + '\n')
        for combo in itertools.product(*[values for _, values in criteria_values]):
            characteristics = dict(zip(names, combo))
            result = analyzer.analyze_and_recommend(characteristics)
            scores = result['tier_scores']
            cells = [characteristics.get(k, '') for k in keys]
            cells.append(result['recommended_tier'])
            cells += [repr(float(scores[t])) for t in TIERS]
            out.write('\t'.join(cells) + '\n')
            rows += 1
    print(f'{path}: {rows} rows')


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    seed, out_dir = sys.argv[1], sys.argv[2]
    with open(seed, encoding='utf-8') as f:
        source = tier_analyzer_source(f.read())

    document_class, matrix = load_class(source)
    scored = [(criterion, list(rows.keys())) for criterion, rows in matrix.items()]
    write_table(os.path.join(out_dir, 'tier-scores-document.tsv'), document_class, scored)

    slobot_class, _ = load_class(source, SLOBOT_ROWS)
    weights = document_class().criteria_weights
    full = scored + [(criterion, list(SLOBOT_ROWS[criterion].keys())) for criterion in weights if criterion in SLOBOT_ROWS]
    write_table(os.path.join(out_dir, 'tier-scores-slobot.tsv'), slobot_class, full)


if __name__ == '__main__':
    main()
