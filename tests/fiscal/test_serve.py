"""`python -m fiscal serve` binds to loopback unless sign-in is configured."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from fiscal.serve import LOOPBACK, bind_address, sign_in_configured

ROOT = Path(__file__).resolve().parents[2]


def test_without_sign_in_the_network_address_is_refused() -> None:
    address, said = bind_address("0.0.0.0", signed_in=False, allow_network=False)
    assert address == LOOPBACK and "未配置登录" in said


def test_sign_in_or_an_explicit_flag_opens_the_network() -> None:
    assert bind_address("0.0.0.0", signed_in=True, allow_network=False)[0] == "0.0.0.0"
    assert bind_address("0.0.0.0", signed_in=False, allow_network=True)[0] == "0.0.0.0"
    assert bind_address(None, signed_in=True, allow_network=False)[0] == "0.0.0.0"


def test_sign_in_is_read_from_secrets(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    assert not sign_in_configured(secrets)
    secrets.write_text('[users.chen]\nrole = "analyst"\nsalt = "00"\nhash = "x"\n', encoding="utf-8")
    assert sign_in_configured(secrets)
    secrets.write_text("[users\n", encoding="utf-8")
    assert not sign_in_configured(secrets)


def _listening(port: int) -> set[str]:
    """Local addresses with a socket listening on `port` (from /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.add(socket.inet_ntoa(bytes.fromhex(addr)[::-1]) if len(addr) == 8 else addr)
    return found


def test_make_run_without_sign_in_listens_on_loopback_only(tmp_path: Path) -> None:
    if (ROOT / ".streamlit" / "secrets.toml").exists():
        import pytest

        pytest.skip("this checkout configures sign-in")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HOST": "0.0.0.0", "LAKE_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "fiscal", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _listening(port):
            time.sleep(0.3)
        assert _listening(port) == {"127.0.0.1"}
    finally:
        proc.terminate()
        out = proc.communicate(timeout=20)[0]
    assert "未配置登录" in out
