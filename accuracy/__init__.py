"""Accuracy harness: `python -m accuracy` measures what the ingest reads and the rules flag
against hand-written truth files (accuracy/truth/, format in TRUTH_FORMAT.md) and planted
defects (planted.py). Modules: truth (load/validate), planted (defect copies), compare
(figures, tables), flags (precision/recall), report (printing), __main__ (the run).
"""
