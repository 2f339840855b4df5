"""`python -m fiscal serve`: start the dashboard, bound to loopback unless sign-in is configured.

Without sign-in (no `[auth]` nor `[users]` in .streamlit/secrets.toml) the app runs in local
admin mode, so anyone who reaches it may upload PDFs: it then listens on 127.0.0.1 only.
Binding to the network needs sign-in, or `--allow-network` said on purpose.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

LOOPBACK = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"


def sign_in_configured(secrets: Path = SECRETS) -> bool:
    """True when secrets.toml configures an identity provider or built-in users."""
    try:
        data = tomllib.loads(secrets.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False  # unreadable secrets: the app fails closed, the server stays local
    return bool(data.get("auth") or data.get("users"))


def bind_address(requested: str | None, signed_in: bool, allow_network: bool) -> tuple[str, str]:
    """(address to bind, a sentence for the operator) from what was asked and what is configured."""
    wanted = requested or (os.environ.get("HOST") or "")
    if not wanted:
        wanted = "0.0.0.0" if signed_in else LOOPBACK
    if wanted in (LOOPBACK, "localhost", "::1"):
        return wanted, f"仅本机可访问 / listening on {wanted} only"
    if signed_in or allow_network:
        why = "已配置登录 / sign-in configured" if signed_in else "--allow-network"
        return wanted, f"对网络开放 / listening on {wanted} ({why})"
    return LOOPBACK, (f"未配置登录，本机管理员模式：只监听 {LOOPBACK}，未绑定 {wanted} / no sign-in configured "
                      f"(local admin mode): listening on {LOOPBACK} only, not {wanted}; configure sign-in "
                      "(README, Security) or pass --allow-network")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to bind (default: 0.0.0.0 with sign-in, else 127.0.0.1; $HOST)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8501")), help="port ($PORT, 8501)")
    parser.add_argument("--lake", help="lake directory (default: $LAKE_DIR or lake/)")
    parser.add_argument("--allow-network", action="store_true",
                        help="bind to the network even without sign-in (anyone reaching it is admin)")


def run(args: argparse.Namespace) -> int:
    """Replace this process by `streamlit run app.py` on the chosen address."""
    address, said = bind_address(args.host, sign_in_configured(), args.allow_network)
    print(f"serve: {said}; http://{'localhost' if address in (LOOPBACK, '0.0.0.0') else address}:{args.port}",
          flush=True)
    argv = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", address,
            "--server.port", str(args.port)]
    if args.lake:
        argv += ["--", "--lake", args.lake]
    os.chdir(ROOT)
    os.execv(sys.executable, argv)
    return 0  # not reached
