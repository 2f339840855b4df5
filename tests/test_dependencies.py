"""pip-audit over the installed, pinned dependencies (part of `make test`).

Audits exactly the versions installed in the environment (`pip freeze`, the project
itself excluded) against the PyPI vulnerability data. Fails on any known vulnerability
that is not listed in IGNORED with a reason (see "Security" in README.md), and on any
dependency that could not be checked while others could. Skipped, saying why, only when
the vulnerability service cannot be reached at all (an offline machine or a mirror
without the JSON API): then nothing was checked, and the test cannot tell.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Vulnerability id → why it is accepted for now (keep README.md "Security" in step).
IGNORED: dict[str, str] = {}

UNREACHABLE = ("Dependency not found on PyPI", "ConnectionError", "Max retries exceeded", "Failed to resolve",
               "Temporary failure in name resolution", "timed out", "Network is unreachable")


def _pip_audit() -> list[str]:
    try:
        import pip_audit  # noqa: F401 - imported only to see whether it is installed
    except ImportError:
        pytest.skip("pip-audit is not installed: pip install -e '.[test]' (make setup does)")
    return [sys.executable, "-m", "pip_audit"]


def test_no_known_vulnerabilities(tmp_path: Path) -> None:
    audit = _pip_audit()
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True,
                            text=True, check=True, timeout=120)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join(line for line in freeze.stdout.splitlines()
                                      if line and not line.startswith(("-e ", "#")) and " @ " not in line) + "\n")
    out = tmp_path / "audit.json"
    cmd = [*audit, "--progress-spinner", "off", "--no-deps", "--disable-pip", "-r", str(requirements),
           "--format", "json", "--output", str(out), "--cache-dir", str(tmp_path / "cache")]
    for vuln in IGNORED:
        cmd += ["--ignore-vuln", vuln]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    if not out.exists():
        if any(marker in proc.stderr for marker in UNREACHABLE):
            pytest.skip(f"vulnerability service unreachable, nothing audited: {proc.stderr.strip()[-300:]}")
        pytest.fail(f"pip-audit failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    report = json.loads(out.read_text())
    deps = report["dependencies"]
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = [d for d in deps if not d.get("skip_reason")]
    if deps and not audited and all(any(m in d["skip_reason"] for m in UNREACHABLE) for d in skipped):
        pytest.skip(f"vulnerability service unreachable: none of {len(deps)} dependencies could be looked up "
                    f"(e.g. {skipped[0]['skip_reason']}); run where pypi.org's JSON API is reachable")
    vulns = [(d["name"], d["version"], v["id"], v.get("fix_versions")) for d in audited for v in d.get("vulns", [])
             if v["id"] not in IGNORED and not set(v.get("aliases", [])) & set(IGNORED)]
    assert not vulns, "known vulnerabilities (bump the pin to a fixed version, or justify in IGNORED + README): " + \
        "; ".join(f"{n} {ver}: {vid} fixed in {fix or 'no release yet'}" for n, ver, vid, fix in vulns)
    assert not skipped, "dependencies pip-audit could not check: " + \
        "; ".join(f"{d['name']}: {d['skip_reason']}" for d in skipped)
