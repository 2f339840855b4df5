"""Command line of the core package: `python -m fiscal flags [--lake DIR] --format json|csv`."""

from __future__ import annotations

import argparse
import sys

from fiscal import flags


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the subcommand."""
    parser = argparse.ArgumentParser(prog="python -m fiscal", description="读取数据湖 / read the lake")
    sub = parser.add_subparsers(dest="command", required=True)
    flags.add_arguments(sub.add_parser("flags", help="异常标记 / anomaly flags under default thresholds"))
    args = parser.parse_args(argv)
    if args.command == "flags":
        return flags.run(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
