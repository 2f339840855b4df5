"""Sign-in and the per-page guard (the Streamlit side of fiscal/auth.py).

Three modes, chosen from `.streamlit/secrets.toml`:

- ``oidc``     — an ``[auth]`` section (identity provider, `st.login`); roles from ``[roles]``
  (``"name@office.gov.cn" = "analyst"``, ``"@office.gov.cn" = "viewer"``);
- ``password`` — a ``[users.<name>]`` table (role, salt, hash; `python -m fiscal hash-password`);
- ``local``    — neither: one user on their own machine, with the admin role (said in the sidebar).

Every page calls `require(action)` before it reads anything; app.py calls `gate()`
before the sidebar filters touch the lake. The role is looked up again on every run,
so a change of secrets.toml (a revoked user) takes effect at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from fiscal import auth
from pages._i18n import STRINGS

SESSION_USER = "auth_user"  # the name signed in with the built-in form
_FAILS = "auth_fails"
MAX_FAILS, LOCKOUT_S = 5, 30.0
# failed sign-ins per user name across all sessions of this server (a new tab does not reset them)
_USER_FAILS: dict[str, tuple[int, float]] = {}
_USER_FAILS_LOCK = threading.Lock()


def _locked_out(fails: int, since: float) -> float:
    """Seconds left of a lockout (0 when none)."""
    return max(0.0, LOCKOUT_S - (time.monotonic() - since)) if fails >= MAX_FAILS else 0.0


def _user_fails(name: str) -> tuple[int, float]:
    with _USER_FAILS_LOCK:
        return _USER_FAILS.get(name.lower(), (0, 0.0))


def _count_fail(name: str) -> None:
    with _USER_FAILS_LOCK:
        fails, since = _USER_FAILS.get(name.lower(), (0, 0.0))
        if fails >= MAX_FAILS and not _locked_out(fails, since):
            fails = 0  # the lockout is over: a fresh count
        _USER_FAILS[name.lower()] = (fails + 1, time.monotonic())
        if len(_USER_FAILS) > 10_000:  # bounded: forget the oldest
            for key in sorted(_USER_FAILS, key=lambda k: _USER_FAILS[k][1])[:5_000]:
                _USER_FAILS.pop(key, None)



def _t(key: str, **kw: Any) -> str:
    # the login page is drawn before the sidebar's language toggle: take ?lang=en from the URL too
    lang = st.session_state.get("lang") or ("en" if st.query_params.get("lang") == "en" else "zh")
    text = STRINGS.get(lang, STRINGS["zh"]).get(f"au_{key}") or STRINGS["zh"][f"au_{key}"]
    return text.format(**kw) if kw else text


class SecretsError(RuntimeError):
    """secrets.toml exists but cannot be read: fail closed."""


def _section(name: str) -> Mapping[str, Any] | None:
    """A table of st.secrets, None when there is none (or no secrets file at all)."""
    secrets = st.secrets  # looked up at call time: AppTest swaps st.secrets
    try:
        if name not in secrets:
            return None
        value = secrets[name]
    except Exception as exc:  # a broken secrets.toml must not open the app in local (admin) mode
        if isinstance(exc, FileNotFoundError) and str(exc).startswith("No secrets found"):
            return None
        raise SecretsError(str(exc)) from exc
    return value if isinstance(value, Mapping) else None


def mode() -> str:
    """"oidc", "password" or "local"."""
    if _section("auth") is not None:
        return "oidc"
    if _section("users") is not None:
        return "password"
    return "local"


def _oidc_identity() -> tuple[str | None, str | None]:
    """(e-mail, role) of the identity-provider user, (None, None) when not signed in."""
    try:
        if not st.user.is_logged_in:
            return None, None
    except (AttributeError, KeyError):
        return None, None
    email = st.user.get("email")
    return str(email) if email else None, auth.role_for_email(_section("roles") or {}, str(email) if email else None)


def current() -> tuple[str | None, str | None]:
    """(user, role) of this session; role None means not signed in (or no access)."""
    m = mode()
    if m == "local":
        return "local", "admin"
    if m == "oidc":
        email, role = _oidc_identity()
        if email:
            return email, role
    users = _section("users") or {}
    name = st.session_state.get(SESSION_USER)
    role = auth.user_role(users, name)
    return (name, role) if role else (None, None)


def current_role() -> str | None:
    """The session's role, None when not signed in."""
    return current()[1]


def _submit_login() -> None:
    """Form callback (runs before the script, so a rerun at the top of app.py cannot lose the click)."""
    fails, since = st.session_state.get(_FAILS, (0, 0.0))
    name = str(st.session_state.get("login_user") or "").strip()
    password = str(st.session_state.get("login_password") or "")
    st.session_state["login_password"] = ""
    if _locked_out(fails, since) or _locked_out(*_user_fails(name)):
        st.session_state["auth_error"] = "locked"
        return
    role = auth.authenticate(_section("users") or {}, name, password)
    if role is None:
        st.session_state[_FAILS] = (fails % MAX_FAILS + 1, time.monotonic())
        _count_fail(name)
        st.session_state["auth_error"] = "bad"
        return
    st.session_state.pop(_FAILS, None)
    with _USER_FAILS_LOCK:
        _USER_FAILS.pop(name.lower(), None)
    st.session_state[SESSION_USER] = name


def _login_form() -> None:
    """The built-in user name / password form (at most MAX_FAILS tries per LOCKOUT_S per session)."""
    wait = _locked_out(*st.session_state.get(_FAILS, (0, 0.0)))
    if wait:
        st.error(_t("locked", s=int(wait) + 1))
        return
    with st.form("login", width=420):
        st.text_input(_t("user"), key="login_user", autocomplete="username")
        st.text_input(_t("password"), type="password", key="login_password", autocomplete="current-password")
        st.form_submit_button(_t("submit"), type="primary", on_click=_submit_login)
    error = st.session_state.pop("auth_error", None)
    if error == "locked":
        st.error(_t("locked", s=int(LOCKOUT_S)))
    elif error:
        st.error(_t("bad"))


def _login_page() -> None:
    """What an anonymous session sees: a login form / button, nothing else."""
    st.title(_t("login_title"))
    m = mode()
    if m == "oidc":
        email, _ = _oidc_identity()
        if email:  # signed in at the identity provider but not in [roles]
            st.error(_t("no_role", email=email))
            st.button(_t("logout"), on_click=st.logout)
            return
        st.caption(_t("login_intro"))
        st.button(_t("sso"), type="primary", on_click=st.login, icon=":material/login:")
        if _section("users") is None:
            return
    else:
        st.caption(_t("login_intro"))
    _login_form()


def gate() -> str:
    """The session's role; without one, draw the login page and stop the run (no data read)."""
    try:
        role = current_role()
    except SecretsError:
        st.error(_t("secrets_error"))
        st.stop()
    if role is None:
        _login_page()
        st.stop()
    return role


def require(action: str) -> str:
    """The guard at the top of every page: sign-in, then the permission; stops the run otherwise."""
    role = gate()
    if not auth.can(role, action):
        st.error(_t("forbidden", role=_t(f"role_{role}")), icon=":material/block:")
        st.stop()
    return role


def allowed(action: str) -> bool:
    """Whether this session may perform `action` (never raises; False when not signed in)."""
    try:
        return auth.can(current_role(), action)
    except SecretsError:
        return False


def check(action: str) -> None:
    """Raise auth.PermissionDenied unless this session may perform `action` (call before producing bytes)."""
    auth.check(current_role() if not _secrets_broken() else None, action)


def _secrets_broken() -> bool:
    try:
        mode()
    except SecretsError:
        return True
    return False


def _logout() -> None:
    st.session_state.pop(SESSION_USER, None)


def sidebar_user() -> None:
    """Who is signed in (or the local-mode notice) and the sign-out button, at the bottom of the sidebar."""
    user, role = current()
    with st.sidebar:
        st.divider()
        m = mode()
        if m == "local":
            st.caption(_t("local"), help=None)
            return
        st.caption(_t("signed_in", user=user, role=_t(f"role_{role}")))
        if m == "oidc" and user and "@" in str(user) and st.session_state.get(SESSION_USER) is None:
            st.button(_t("logout"), on_click=st.logout, icon=":material/logout:", key="logout_btn")
        else:
            st.button(_t("logout"), on_click=_logout, icon=":material/logout:", key="logout_btn")
