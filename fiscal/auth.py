"""Who may do what: roles, permission checks and salted password hashes (no streamlit here).

Roles (each includes the one before it):

- ``viewer``  — leadership: every dashboard page;
- ``analyst`` — + CSV/XLSX downloads;
- ``admin``   — + the upload page that ingests PDFs from the browser.

Passwords of the built-in login (small deployments without an identity provider) are
stored in ``.streamlit/secrets.toml`` as ``[users.<name>] role, salt, hash``; the hash is
scrypt over a per-user random salt, written with its parameters
(``scrypt$<n>$<r>$<p>$<hex>``) so they can be raised later without breaking old entries.
Create an entry with ``python -m fiscal hash-password <name> --role analyst``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
ACTIONS: tuple[str, ...] = ("view", "download", "upload")
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"view"}),
    "analyst": frozenset({"view", "download"}),
    "admin": frozenset({"view", "download", "upload"}),
}
# scrypt cost: n=2**14, r=8 → 16 MiB and ~50 ms per check; enough against offline guessing of
# a stolen secrets.toml for a small deployment, cheap enough for a login form.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
MIN_PASSWORD = 8


class PermissionDenied(PermissionError):
    """The session's role does not allow the action."""


def can(role: str | None, action: str) -> bool:
    """Whether `role` may perform `action` (unknown roles and actions may do nothing)."""
    return role is not None and action in PERMISSIONS.get(role, frozenset())


def check(role: str | None, action: str) -> None:
    """Raise PermissionDenied unless `role` may perform `action`."""
    if not can(role, action):
        raise PermissionDenied(f"role {role!r} may not {action}")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_password(password: str, salt: str | None = None) -> tuple[str, str]:
    """(salt_hex, hash) of a password; a fresh random salt unless one is given."""
    salt = salt or secrets.token_hex(SALT_BYTES)
    digest = _scrypt(password, bytes.fromhex(salt), SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return salt, f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${digest.hex()}"


def verify_password(password: str, salt: str, stored: str) -> bool:
    """Whether `password` matches the stored salt and hash (constant-time compare; False on a malformed entry)."""
    try:
        scheme, n, r, p, hex_digest = stored.split("$")
        if scheme != "scrypt":
            return False
        n_i, r_i, p_i = int(n), int(r), int(p)
        if not (2**10 <= n_i <= 2**20 and 1 <= r_i <= 32 and 1 <= p_i <= 16):
            return False
        expected = bytes.fromhex(hex_digest)
        actual = _scrypt(password, bytes.fromhex(salt), n_i, r_i, p_i)
    except (ValueError, TypeError, AttributeError):
        return False
    return hmac.compare_digest(actual, expected)


# A well-formed entry to check unknown user names against, so that the answer takes as
# long as for a known user (no user-name enumeration by timing).
_DUMMY_SALT, _DUMMY_HASH = "00" * SALT_BYTES, ""


def _dummy() -> tuple[str, str]:
    global _DUMMY_HASH
    if not _DUMMY_HASH:
        _DUMMY_HASH = hash_password(secrets.token_hex(8), _DUMMY_SALT)[1]
    return _DUMMY_SALT, _DUMMY_HASH


def user_role(users: Mapping[str, Any], name: str | None) -> str | None:
    """The role of a configured user; None for an unknown user or an invalid role."""
    if not name:
        return None
    entry = users.get(name)
    if not isinstance(entry, Mapping):
        return None
    role = entry.get("role")
    return role if role in ROLES else None


def authenticate(users: Mapping[str, Any], name: str, password: str) -> str | None:
    """The user's role when name and password match an entry of `users`, else None."""
    entry = users.get(name) if name else None
    if not isinstance(entry, Mapping) or not entry.get("salt") or not entry.get("hash"):
        salt, stored = _dummy()
        verify_password(password, salt, stored)
        return None
    if not verify_password(password, str(entry["salt"]), str(entry["hash"])):
        return None
    return user_role(users, name)


def role_for_email(roles: Mapping[str, Any], email: str | None) -> str | None:
    """The role an identity-provider user gets from the ``[roles]`` table of secrets.toml.

    Keys are e-mail addresses (case-insensitive) or ``@domain`` for everyone of a domain;
    an exact address wins over its domain. Unknown addresses get no role (no access).
    """
    if not email or "@" not in email:
        return None
    table = {str(k).strip().lower(): v for k, v in roles.items()}
    email = email.strip().lower()
    role = table.get(email) or table.get("@" + email.rsplit("@", 1)[1])
    return role if role in ROLES else None


def secrets_entry(name: str, password: str, role: str) -> str:
    """A ``[users.<name>]`` block for secrets.toml."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if not name or not all(ch.isalnum() or ch in "-_." for ch in name):
        raise ValueError("user name: letters, digits, - _ . only")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password: at least {MIN_PASSWORD} characters")
    salt, hashed = hash_password(password)
    return f'[users.{name}]\nrole = "{role}"\nsalt = "{salt}"\nhash = "{hashed}"\n'


def add_arguments(parser: Any) -> None:
    """Arguments of `python -m fiscal hash-password`."""
    parser.add_argument("name", help="user name / 用户名")
    parser.add_argument("--role", choices=ROLES, default="viewer", help="viewer | analyst | admin")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin instead of prompting")


def run(args: Any) -> int:
    """Print a secrets.toml entry for a user (the password is prompted twice, or read from stdin)."""
    import getpass
    import sys

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password / 密码: ")
        if getpass.getpass("Again / 再输一次: ") != password:
            print("passwords differ / 两次输入不一致", file=sys.stderr)
            return 1
    try:
        entry = secrets_entry(args.name, password, args.role)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("# add to .streamlit/secrets.toml\n" + entry, end="")
    return 0
