"""Realistic Chinese budget-disclosure PDFs rendered from the text seeds in samples/seeds/.

`python -m samplegen` writes samples/{chenzhou_2022_final,dazhou_2023_budget}_{a,b}.pdf:
style a is A4 portrait with merged header cells, style b A4 landscape without them
(see styles.py). bad_inputs.write_bad_inputs() writes broken files for quarantine tests.
"""
