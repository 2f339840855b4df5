"""Roles, permissions and salted password hashes (fiscal/auth.py), and `python -m fiscal hash-password`."""

from __future__ import annotations

import io
import sys
import tomllib

import pytest

from fiscal import auth
from fiscal.__main__ import main as cli


def test_permissions_matrix() -> None:
    expected = {
        "viewer": {"view": True, "download": False, "upload": False},
        "analyst": {"view": True, "download": True, "upload": False},
        "admin": {"view": True, "download": True, "upload": True},
    }
    for role, actions in expected.items():
        for action, allowed in actions.items():
            assert auth.can(role, action) is allowed, (role, action)


@pytest.mark.parametrize("role", [None, "", "root", "Admin", "guest"])
def test_unknown_roles_may_do_nothing(role: str | None) -> None:
    assert not any(auth.can(role, a) for a in auth.ACTIONS)
    with pytest.raises(auth.PermissionDenied):
        auth.check(role, "view")


def test_unknown_action_is_refused() -> None:
    assert not auth.can("admin", "delete")
    auth.check("analyst", "download")  # no exception
    with pytest.raises(PermissionError):
        auth.check("viewer", "download")


def test_hash_and_verify() -> None:
    salt, hashed = auth.hash_password("correct horse battery")
    assert len(bytes.fromhex(salt)) == auth.SALT_BYTES
    assert hashed.startswith(f"scrypt${auth.SCRYPT_N}${auth.SCRYPT_R}${auth.SCRYPT_P}$")
    assert "correct horse" not in hashed
    assert auth.verify_password("correct horse battery", salt, hashed)
    assert not auth.verify_password("correct horse battery!", salt, hashed)
    assert not auth.verify_password("", salt, hashed)
    # the salt is part of the hash: another salt, another hash
    assert not auth.verify_password("correct horse battery", "00" * 16, hashed)


def test_salts_are_per_user_and_hash_is_deterministic_per_salt() -> None:
    (s1, h1), (s2, h2) = auth.hash_password("same password"), auth.hash_password("same password")
    assert s1 != s2 and h1 != h2
    assert auth.hash_password("same password", s1) == (s1, h1)


@pytest.mark.parametrize("stored", ["", "plain", "md5$1$2$3$abcd", "scrypt$16384$8$1$zz", "scrypt$2$8$1$00",
                                    "scrypt$16384$8$1", "scrypt$99999999$8$1$00"])
def test_malformed_hashes_never_verify(stored: str) -> None:
    assert not auth.verify_password("x", "00" * 16, stored)


def test_authenticate_users_mapping() -> None:
    salt, hashed = auth.hash_password("s3cret-pass")
    users = {"anna": {"role": "analyst", "salt": salt, "hash": hashed},
             "eve": {"role": "superuser", "salt": salt, "hash": hashed},
             "nohash": {"role": "admin"}}
    assert auth.authenticate(users, "anna", "s3cret-pass") == "analyst"
    assert auth.authenticate(users, "anna", "wrong") is None
    assert auth.authenticate(users, "bob", "s3cret-pass") is None
    assert auth.authenticate(users, "", "") is None
    assert auth.authenticate(users, "nohash", "") is None
    assert auth.authenticate(users, "eve", "s3cret-pass") is None  # invalid role: no access
    assert auth.user_role(users, "anna") == "analyst"
    assert auth.user_role(users, "bob") is None


def test_role_for_email() -> None:
    roles = {"Boss@Office.gov.cn": "viewer", "anna@office.gov.cn": "analyst", "@office.gov.cn": "viewer",
             "root@elsewhere.cn": "god"}
    assert auth.role_for_email(roles, "anna@office.gov.cn") == "analyst"
    assert auth.role_for_email(roles, "boss@office.gov.cn") == "viewer"
    assert auth.role_for_email(roles, "someone@office.gov.cn") == "viewer"
    assert auth.role_for_email(roles, "someone@evil.cn") is None
    assert auth.role_for_email(roles, "root@elsewhere.cn") is None
    assert auth.role_for_email(roles, None) is None
    assert auth.role_for_email(roles, "not-an-email") is None


def test_secrets_entry_round_trips_through_toml() -> None:
    entry = auth.secrets_entry("anna", "long enough pw", "analyst")
    users = tomllib.loads(entry)["users"]
    assert users["anna"]["role"] == "analyst"
    assert auth.authenticate(users, "anna", "long enough pw") == "analyst"
    with pytest.raises(ValueError):
        auth.secrets_entry("anna", "short", "analyst")
    with pytest.raises(ValueError):
        auth.secrets_entry("anna", "long enough pw", "root")
    with pytest.raises(ValueError):
        auth.secrets_entry('an"na]', "long enough pw", "viewer")


def test_cli_hash_password(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a good password\n"))
    assert cli(["hash-password", "adam", "--role", "admin", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    users = tomllib.loads(out)["users"]
    assert auth.authenticate(users, "adam", "a good password") == "admin"
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert cli(["hash-password", "adam", "--password-stdin"]) == 1
