"""Roles enforced server-side (AppTest): the login form, viewer / analyst / admin, OIDC roles, local mode."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from drive import APP, TIMEOUT
from streamlit.testing.v1 import AppTest

from fiscal import auth, paths, read, store

ROOT = Path(__file__).resolve().parents[2]
DATA_PAGES = ["pages/overview.py", "pages/composition.py", "pages/sangong.py", "pages/projects.py",
              "pages/flags.py", "pages/data.py", "pages/documents.py", "pages/upload.py"]
PASSWORDS = {"vera": ("viewer", "viewer-pass-1"), "anna": ("analyst", "analyst-pass-1"), "adam": ("admin", "admin-pass-1")}


def _users() -> dict[str, dict[str, str]]:
    out = {}
    for name, (role, password) in PASSWORDS.items():
        salt, hashed = auth.hash_password(password)
        out[name] = {"role": role, "salt": salt, "hash": hashed}
    return out


USERS = _users()


def _app(lake: Path, monkeypatch: pytest.MonkeyPatch, secrets: dict[str, Any] | None = None) -> AppTest:
    monkeypatch.setenv("LAKE_DIR", str(lake))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if secrets is not None:
        at.secrets.update(secrets)
    return at


def _login(at: AppTest, name: str, password: str | None = None) -> AppTest:
    at.run()
    at.text_input(key="login_user").input(name)
    at.text_input(key="login_password").input(password or PASSWORDS[name][1])
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _downloads(at: AppTest) -> list[Any]:
    return list(at.get("download_button"))


def _no_data_access(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every read of the lake fail loudly; returns the list of attempted reads."""
    calls: list[str] = []
    modules = [getattr(read, m) for m in ("lake", "counting", "documents", "spending", "sangong", "projects",
                                          "flags", "across")]
    for mod in (*modules, store):
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ != mod.__name__ or name.startswith("_"):
                continue

            def boom(*a: Any, _n: str = f"{mod.__name__}.{name}", **k: Any) -> Any:
                calls.append(_n)
                raise AssertionError(f"{_n} read the lake before sign-in")

            monkeypatch.setattr(mod, name, boom)
    return calls


def test_unauthenticated_session_gets_login_form_and_no_data(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tiny_lake, monkeypatch, {"users": USERS})
    calls = _no_data_access(monkeypatch)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "登录"
    assert at.text_input(key="login_user") and at.text_input(key="login_password")
    for page in DATA_PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert [t.value for t in at.title] == ["登录"], page
        assert not at.dataframe and not at.metric and not _downloads(at) and not at.selectbox, page
    assert calls == []


def test_wrong_password_stays_out(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "anna", "not-the-password")
    assert at.title[0].value == "登录"
    assert at.error and "不正确" in at.error[0].value
    assert not at.dataframe
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "mallory", "analyst-pass-1")
    assert at.title[0].value == "登录" and not at.dataframe


def test_viewer_sees_dashboards_but_cannot_download(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "vera")
    assert at.title[0].value == "总览"
    assert any("vera" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert at.title[0].value == "数据"
    assert at.dataframe, "the viewer sees the table"
    assert _downloads(at) == []
    assert any("分析员" in c.value for c in at.caption)
    # the upload page is not listed for a viewer …
    with pytest.raises(ValueError, match="upload.py"):
        at.switch_page("pages/upload.py")
    # … nor runnable when reached directly
    assert _bare(tiny_lake, "pages/upload.py", "vera") == "forbidden"


def _bare(lake: Path, page: str, user: str | None) -> str:
    """Run one page file on its own (as a deep link before navigation would) as `user`."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    at.secrets.update({"users": USERS})
    at.session_state["lake_dir"] = str(lake)
    if user:
        at.session_state["auth_user"] = user
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    titles = [t.value for t in at.title]
    if titles == ["登录"]:
        assert not at.dataframe and not at.get("file_uploader")
        return "login"
    if at.error and "无权" in at.error[0].value:
        assert not at.dataframe and not at.get("file_uploader")
        return "forbidden"
    return "shown"


@pytest.mark.parametrize("page", DATA_PAGES)
def test_every_page_guards_itself(tiny_lake: Path, page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAKE_DIR", str(tiny_lake))
    assert _bare(tiny_lake, page, None) == "login"
    if page.endswith("upload.py"):
        assert _bare(tiny_lake, page, "anna") == "forbidden"


DIRECT_DOWNLOAD = '''
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from fiscal.auth import PermissionDenied
from pages.data import export_files
try:
    csv_bytes, xlsx_bytes = export_files("summary")
except PermissionDenied:
    st.markdown("refused")
else:
    import io, zipfile  # the CSV download is a zip of data.csv and 数据字典.csv
    bom = zipfile.ZipFile(io.BytesIO(csv_bytes)).read("data.csv").startswith(bytes([0xEF, 0xBB, 0xBF]))
    st.markdown(f"bytes {{len(csv_bytes)}} {{bom}}")
'''


def _direct(lake: Path, user: str | None, secrets: dict[str, Any]) -> str:
    at = AppTest.from_string(DIRECT_DOWNLOAD.format(root=str(ROOT)), default_timeout=TIMEOUT)
    at.secrets.update(secrets)
    at.session_state["lake_dir"] = str(lake)
    if user:
        at.session_state["auth_user"] = user
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at.markdown[0].value


def test_direct_call_of_the_download_path_is_refused(tiny_lake: Path) -> None:
    secrets = {"users": USERS}
    assert _direct(tiny_lake, None, secrets) == "refused"
    assert _direct(tiny_lake, "vera", secrets) == "refused"
    assert _direct(tiny_lake, "ghost", secrets) == "refused"
    assert _direct(tiny_lake, "anna", secrets).startswith("bytes ")
    assert _direct(tiny_lake, "anna", secrets).endswith("True")


def test_analyst_can_download_but_not_upload(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "anna")
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert len(_downloads(at)) == 2
    with pytest.raises(ValueError, match="upload.py"):
        at.switch_page("pages/upload.py")
    assert _bare(tiny_lake, "pages/upload.py", "anna") == "forbidden"


def test_admin_sees_the_upload_page(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "adam")
    at.switch_page("pages/upload.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "上传 PDF"
    assert at.get("file_uploader")
    at.switch_page("pages/data.py").run()
    assert len(_downloads(at)) == 2


def test_signing_out(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "anna")
    at.button(key="logout_btn").click().run()
    assert at.title[0].value == "登录"
    assert not at.dataframe


def test_revoked_user_loses_access_on_next_run(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "anna")
    assert at.title[0].value == "总览"
    at.secrets["users"] = {k: v for k, v in USERS.items() if k != "anna"}
    at.run()
    assert at.title[0].value == "登录"


def test_no_auth_is_local_mode(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tiny_lake, monkeypatch)
    at.run()
    assert not at.exception
    assert at.title[0].value == "总览"
    assert any("单机模式" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/upload.py").run()
    assert at.title[0].value == "上传 PDF"


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "id", "client_secret": "secret",
                 "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
        "roles": {"anna@office.gov.cn": "analyst", "@office.gov.cn": "viewer"}}


def test_oidc_roles_from_secrets(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tiny_lake, monkeypatch, OIDC)
    at.user = {"is_logged_in": False}
    at.run()
    assert at.title[0].value == "登录" and not at.dataframe
    assert any("单位账号" in b.label for b in at.button)

    at = _app(tiny_lake, monkeypatch, OIDC)
    at.user = {"is_logged_in": True, "email": "anna@office.gov.cn"}
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception and len(_downloads(at)) == 2

    at = _app(tiny_lake, monkeypatch, OIDC)
    at.user = {"is_logged_in": True, "email": "boss@office.gov.cn"}
    at.run()
    at.switch_page("pages/data.py").run()
    assert at.title[0].value == "数据" and _downloads(at) == []

    at = _app(tiny_lake, monkeypatch, OIDC)
    at.user = {"is_logged_in": True, "email": "stranger@evil.example"}
    at.run()
    assert at.title[0].value == "登录" and not at.dataframe
    assert at.error and "stranger@evil.example" in at.error[0].value


# ------------------------------------------------------------------ UI polish that came with the guards

EVIDENCE_SCRIPT = '''
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from pages._evidence import evidence_text
st.session_state["lang"] = {lang!r}
st.markdown(evidence_text({evidence!r}))
'''


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "全年预算数 10.00 · 全年执行数 0.00 · 执行率 0.0% · 执行得分 10.00 · 分值 10.00 · 总分 100.00 · 缺少的表格 收入支出总表、x"),
    ("en", "Full-year budget 10.00 · Executed 0.00 · Execution rate 0.0% · Exec. score 10.00 · Exec. weight 10.00 · "
           "Total score 100.00 · Missing tables Income and expenditure summary, x"),
])
def test_flag_evidence_is_labelled(lang: str, expected: str) -> None:
    evidence = ('{"budget_full_year": 10.0, "executed": 0.0, "exec_rate": 0.0, "exec_score": 10.0, '
                '"exec_weight": 10.0, "total_score": 100.0, "missing": ["summary", "x"]}')
    at = AppTest.from_string(EVIDENCE_SCRIPT.format(root=str(ROOT), lang=lang, evidence=evidence), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.markdown[0].value == expected


def test_tables_show_a_dash_for_missing_values(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(sample_lake, monkeypatch)
    at.run()
    seen = 0
    for page in ("pages/projects.py", "pages/flags.py", "pages/data.py", "pages/documents.py", "pages/sangong.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        for df in at.dataframe:
            assert df.proto.placeholder == "—", page
            seen += 1
    assert seen >= 6


def test_documents_page_follows_the_english_toggle(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tiny_lake, monkeypatch)
    at.run()
    at.toggle(key="lang_en").set_value(True).run()
    at.switch_page("pages/documents.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Documents"
    table = at.dataframe[0].value
    assert {"Source file", "Tables", "Kind", "Scope"} <= set(table.columns)
    assert set(table["Kind"]) == {"Final account"}
    assert "Quarantine" in [s.value for s in at.subheader]
    assert "Local mode" in " ".join(c.value for c in at.sidebar.caption)


# ------------------------------------------------------------------ upload checks (pages/upload.py helpers)

def _upload_module() -> Any:
    import importlib
    import sys

    sys.path.insert(0, str(ROOT))
    return importlib.import_module("pages.upload")


def test_upload_refuses_before_storing(tmp_path: Path) -> None:
    up = _upload_module()
    big = up.MAX_BYTES + 1
    reads: list[int] = []

    def never() -> bytes:
        reads.append(1)
        return b"%PDF-1.7"

    # size first: a too-large file is not even read
    assert up.accept(tmp_path, "big.pdf", big, never).refused == "too_big" and reads == []
    assert up.accept(tmp_path, "e.pdf", 0, lambda: b"").refused == "empty"
    for head in (b"MZ\x90\x00", b"PK\x03\x04", b"<html>%PDF-", b" %PDF-1.4", b"%PDF"):
        assert up.accept(tmp_path, "x.pdf", 100, lambda h=head: h + b"\0" * 96).refused == "not_pdf", head
    assert not paths.uploads(tmp_path).exists()  # nothing refused was written


def test_upload_is_stored_content_addressed(tmp_path: Path) -> None:
    import hashlib

    up = _upload_module()
    data = b"%PDF-1.4\n" + b"x" * 1000
    a = up.accept(tmp_path, "../../etc/郴州市医疗保障局2022年部门决算.pdf", len(data), lambda: data)
    b = up.accept(tmp_path, "copy.PDF", len(data), lambda: data)
    digest = hashlib.sha256(data).hexdigest()
    assert a.refused is None and a.sha256 == b.sha256 == digest
    assert a.stored == b.stored == tmp_path / "_uploads" / f"{digest}.pdf"
    assert a.stored.read_bytes() == data
    assert [p.name for p in (tmp_path / "_uploads").iterdir()] == [f"{digest}.pdf"]
    assert a.name == "郴州市医疗保障局2022年部门决算.pdf" and b.name == "copy.pdf"
    for raw, safe in (("..\\..\\evil.pdf", "evil.pdf"), ("a\x00b\n.pdf", "ab.pdf"), ("", "upload.pdf"),
                      (".hidden", "hidden.pdf"), ("x" * 300 + ".pdf", "x" * 120 + ".pdf")):
        assert up.safe_name(raw) == safe


def test_repeated_wrong_passwords_lock_the_name_out(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pages._auth as pa

    monkeypatch.setattr(pa, "_USER_FAILS", {})
    for _ in range(pa.MAX_FAILS):
        at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "adam", "guess-guess")  # a new session each time
        assert at.title[0].value == "登录"
    # now even the right password waits: the name is locked out across sessions
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "adam")
    assert at.title[0].value == "登录" and not at.dataframe
    assert at.error and "尝试次数过多" in at.error[0].value
    # another user is not affected
    at = _login(_app(tiny_lake, monkeypatch, {"users": USERS}), "anna")
    assert at.title[0].value == "总览"


def test_login_page_in_english_from_the_url(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tiny_lake, monkeypatch, {"users": USERS})
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Sign in"


def test_xsrf_protection_stays_on() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
