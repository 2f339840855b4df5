"""python -m bench (make bench): run the benchmarks and write bench/results/latest.md.

    python -m bench                      ingest speed vs naive Camelot, then the dashboard at scale
    python -m bench --only ingest        only the ingest benchmark (bench/ingest_speed.py)
    python -m bench --only dashboard     only the dashboard benchmark (bench/dashboard.py)
    python -m bench --only ocr           only OCR speed and the share proven by arithmetic (bench/ocr_speed.py)
    python -m bench scale --documents N  the dashboard on a national synthetic lake (bench/scale.py),
                                         or --curve 1000,10000,100000 (one lake grown size to size)

Options after --only's value go to the chosen benchmark, e.g.
`python -m bench --only dashboard --sizes 1000 --repeats 2`, or
`python -m bench --only ingest --files 江苏 putuo --quick` (some PDFs, per-file ratios only).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["scale"]:
        from bench import scale

        return scale.main(args[1:])
    only = None
    if "--only" in args:
        i = args.index("--only")
        if i + 1 >= len(args) or args[i + 1] not in ("ingest", "dashboard", "ocr"):
            print("python -m bench: --only takes ingest, dashboard or ocr", file=sys.stderr)
            return 2
        only = args[i + 1]
        del args[i : i + 2]
    from bench import dashboard, ingest_speed, ocr_speed

    if only == "ingest":
        return ingest_speed.main(args)
    if only == "dashboard":
        return dashboard.main(args)
    if only == "ocr":
        return ocr_speed.main(args)
    # all three: the ingest bench writes latest.md, the dashboard and OCR benches add their sections
    rc_ingest = ingest_speed.main(args)
    rc_dashboard = dashboard.main([])
    rc_ocr = ocr_speed.main([])
    return max(rc_ingest, rc_dashboard, rc_ocr)


if __name__ == "__main__":
    raise SystemExit(main())
