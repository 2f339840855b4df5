"""python -m bench (make bench): run the benchmarks and write bench/results/latest.md."""

from bench.ingest_speed import main

if __name__ == "__main__":
    raise SystemExit(main())
