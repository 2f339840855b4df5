"""Command line of the core package.

`python -m fiscal flags [--lake DIR] --format json|csv`
`python -m fiscal compact [--lake DIR] [--retention-hours H] [--dry-run]`
`python -m fiscal serve [--host H] [--port P] [--allow-network]` (the dashboard; loopback without sign-in)
"""

from __future__ import annotations

import argparse
import sys

from fiscal import auth, flags, serve


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the subcommand."""
    parser = argparse.ArgumentParser(prog="python -m fiscal", description="读取数据湖 / read the lake")
    sub = parser.add_subparsers(dest="command", required=True)
    flags.add_arguments(sub.add_parser("flags", help="异常标记 / anomaly flags under default thresholds"))
    compact = sub.add_parser("compact", help="压缩合并 / compact, checkpoint and vacuum every Delta table")
    compact.add_argument("--lake", help="lake directory or s3://bucket/prefix (default: $LAKE_DIR or lake/)")
    compact.add_argument("--retention-hours", type=int, default=None,
                         help="vacuum files unused for this long (default 168 h)")
    compact.add_argument("--dry-run", action="store_true", help="only print files, partitions and log entries")
    auth.add_arguments(sub.add_parser("hash-password", help="用户口令 / a secrets.toml entry for the built-in login"))
    serve.add_arguments(sub.add_parser("serve", help="启动看板 / start the dashboard (loopback unless sign-in)"))
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve.run(args)
    if args.command == "hash-password":
        return auth.run(args)
    if args.command == "flags":
        return flags.run(args)
    if args.command == "compact":
        from fiscal.config import lake_dir
        from fiscal.maintenance import DEFAULT_RETENTION_HOURS, main_compact

        hours = DEFAULT_RETENTION_HOURS if args.retention_hours is None else args.retention_hours
        return main_compact(lake_dir(args.lake), hours, args.dry_run)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
