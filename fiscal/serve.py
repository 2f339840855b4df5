"""`python -m fiscal serve`: start the dashboard, bound to loopback unless sign-in is configured.

Without sign-in (no `[auth]` nor `[users]` in .streamlit/secrets.toml) the app runs in local
admin mode, so anyone who reaches it may upload PDFs: it then listens on 127.0.0.1 only.
Binding to the network needs sign-in, or `--allow-network` said on purpose.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOOPBACK = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"
# The headless browser that visits the dashboard in the browser tests and benchmarks.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


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


class ServerError(RuntimeError):
    """The dashboard subprocess exited or did not answer its health check in time."""


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise ServerError(f"streamlit not healthy after {timeout:.0f} s:\n{log.read_text(errors='replace')}")


@contextmanager
def background(lake: Path, log: Path, secrets: Path | None = None,
               timeout: float = 90) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The dashboard over `lake` on a free loopback port, as a subprocess logging to `log`.

    Yields (process, URL) once healthy; the server is always stopped on exit. `secrets`: a
    secrets.toml for this server only (tests and benchmarks leave .streamlit/ untouched).
    """
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", LOOPBACK, "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    if secrets is not None:
        cmd += ["--secrets.files", str(secrets)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "LAKE_DIR": str(lake)},
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://{LOOPBACK}:{port}"
            _wait_healthy(url, proc, log, timeout)
            yield proc, url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
