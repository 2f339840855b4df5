"""Every path inside a lake, in one place: nothing else joins a sub-path of the lake root.

    <lake>/<dataset>/            one Delta table per dataset (fiscal.schema.DATASETS)
    <lake>/_sources/<doc_id>.pdf the source PDF, content-addressed (every figure traces to its page)
    <lake>/_quarantine/          files that could not be ingested, with a JSON reason
    <lake>/_quarantine/rows/     rows refused by validation before a commit
    <lake>/_cache/               derived read caches (deletable at any time)
    <lake>/_uploads/             PDFs uploaded from the browser, before ingest
    <lake>/_lock                 the writers' file lock
    <lake>/links.csv             the lake's own agency/project link overrides

A lake root may also be on object storage: `s3://bucket/prefix` (also gs://, az://, abfss://).
The code carries every lake root as a `Path`, and `Path('s3://bucket/prefix')` keeps the URI
recoverable: it reads `s3:/bucket/prefix`, and still does after `.resolve()` (which puts the
working directory in front). `uri()` turns any such path back into the URI, so the dozens of
`Path(lake)` the read side and the pages do need no change; the places that open a table or a
file ask this module (`uri`, `storage_options`, `table_exists`, `filesystem`) instead of the
local disk. Endpoint and credentials come from the standard environment variables
(AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ALLOW_HTTP),
which delta-rs, polars and pyarrow all read.

On a remote lake the derived read cache (_cache) and the browser uploads (_uploads) stay on the
reader's local disk (`local_dir`), as do the source PDFs pdfium renders (fiscal.store.local_source);
there is no `_lock` file (see fiscal.store.lock). links.csv and the quarantines are read from the lake.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Any

# Schemes delta-rs (object_store) and pyarrow.fs open; the Path spelling keeps them as `<scheme>:`.
REMOTE_SCHEMES = ("s3", "s3a", "gs", "gcs", "az", "abfs", "abfss")
# What a remote lake reads from the environment (and passes on explicitly as storage options).
STORAGE_ENV = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
               "AWS_REGION", "AWS_ALLOW_HTTP")


def table(lake: Path, dataset: str) -> Path:
    return Path(lake) / dataset


def sources(lake: Path) -> Path:
    return Path(lake) / "_sources"


def source_name(doc_id: str) -> str:
    """The file name a document's PDF is kept under in `sources(lake)`."""
    return f"{doc_id}.pdf"


def source_pdf(lake: Path, doc_id: str) -> Path:
    """Where the PDF a figure came from is kept."""
    return sources(lake) / source_name(doc_id)


def quarantine(lake: Path) -> Path:
    return Path(lake) / "_quarantine"


def quarantine_rows(lake: Path) -> Path:
    return quarantine(lake) / "rows"


def cache(lake: Path) -> Path:
    """Derived read caches: in the lake on disk, on the reader's own disk for a remote lake."""
    return local_dir(lake) / "_cache" if is_remote(lake) else Path(lake) / "_cache"


def appended(lake: Path) -> Path:
    """The writer's commit digests (fiscal.snapdigest): the rows and reductions of the files each commit added."""
    return cache(lake) / "appended"


def uploads(lake: Path) -> Path:
    """Uploaded PDFs before ingest: in the lake on disk, on the server's own disk for a remote lake."""
    return local_dir(lake) / "_uploads" if is_remote(lake) else Path(lake) / "_uploads"


def lock_file(lake: Path) -> Path:
    return Path(lake) / "_lock"


def links_file(lake: Path) -> Path:
    return Path(lake) / "links.csv"


# ------------------------------------------------------------------ remote lakes


def _remote_parts(path: str | os.PathLike[str]) -> tuple[str, list[str]] | None:
    """(scheme, [bucket, key parts…]) of a path on object storage, None for a local path."""
    text = os.fspath(path)
    head, sep, rest = text.partition("://")
    if sep and head in REMOTE_SCHEMES:
        return head, [p for p in rest.split("/") if p]
    parts = Path(text).parts
    for i, part in enumerate(parts):  # `Path('s3://b/x')` → s3:/b/x, resolved: /cwd/s3:/b/x
        if part.endswith(":") and part[:-1] in REMOTE_SCHEMES and i + 1 < len(parts):
            return part[:-1], list(parts[i + 1:])
    return None


def is_remote(path: str | os.PathLike[str]) -> bool:
    """Whether a lake (or a path in it) is on object storage."""
    return _remote_parts(path) is not None


def uri(path: str | os.PathLike[str]) -> str:
    """What delta-rs, polars and pyarrow open: `s3://bucket/key` for a remote path, else the local path."""
    remote = _remote_parts(path)
    if remote is None:
        return os.fspath(path)
    scheme, parts = remote
    return f"{scheme}://" + "/".join(parts)


def root(value: str | os.PathLike[str]) -> Path:
    """A lake root given on a command line or in $LAKE_DIR, as the code carries it (see the module docstring)."""
    return Path(uri(value)) if is_remote(value) else Path(value)


def storage_options(path: str | os.PathLike[str]) -> dict[str, str] | None:
    """Options for DeltaTable / write_deltalake / pl.scan_* : None for a local path, the S3 settings of
    the environment for a remote one (the libraries would read them too; passing them makes it explicit)."""
    if not is_remote(path):
        return None
    return {k: os.environ[k] for k in STORAGE_ENV if os.environ.get(k)}


def local_dir(lake: str | os.PathLike[str]) -> Path:
    """This machine's own folder for a remote lake's derived files (read caches, uploads)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path(tempfile.gettempdir()))
    remote = _remote_parts(lake)
    assert remote is not None, "local_dir is for remote lakes"
    return base / "fiscal-lake" / remote[0] / Path(*remote[1])


_filesystems: dict[str, Any] = {}
_fs_guard = threading.Lock()
_known_tables: set[str] = set()


def filesystem(path: str | os.PathLike[str]) -> tuple[Any, str]:
    """(pyarrow FileSystem, path inside it) for a local or remote path: the one way to its files."""
    from pyarrow import fs  # lazily: most callers only need the paths

    remote = _remote_parts(path)
    if remote is None:
        return fs.LocalFileSystem(), os.fspath(Path(path).absolute())
    scheme, parts = remote
    with _fs_guard:  # one client per scheme and bucket: S3FileSystem is thread-safe and costly to create
        key = f"{scheme}://{parts[0]}"
        filesys = _filesystems.get(key)
        if filesys is None:
            filesys = _filesystems[key] = fs.FileSystem.from_uri(key)[0]
    return filesys, "/".join(parts)


def exists(path: str | os.PathLike[str]) -> bool:
    """Whether a file or folder exists (a folder on object storage: any key under the prefix)."""
    if not is_remote(path):
        return Path(path).exists()
    from pyarrow import fs

    filesys, inner = filesystem(path)
    info = filesys.get_file_info(inner)
    return bool(info.type != fs.FileType.NotFound)


def stamp(path: str | os.PathLike[str]) -> int:
    """A number that changes when the file does, 0 while there is none: its modification time in ns (on
    object storage the object's last-modified time, whole seconds, plus its size in the digits below)."""
    if not is_remote(path):
        local = Path(path)
        return local.stat().st_mtime_ns if local.is_file() else 0
    from pyarrow import fs

    filesys, inner = filesystem(path)
    info = filesys.get_file_info(inner)
    if info.type != fs.FileType.File:
        return 0
    return (info.mtime_ns or 0) + (info.size or 0) % 1_000_000_000 or 1


def entries(folder: str | os.PathLike[str], suffix: str) -> tuple[tuple[str, int], ...]:
    """(name, modification time in ns) of the files directly under a folder whose names end with `suffix`,
    by name; one listing request on object storage, nothing read."""
    if not is_remote(folder):
        local = Path(folder)
        if not local.is_dir():
            return ()
        return tuple(sorted((f.name, f.stat().st_mtime_ns) for f in local.iterdir() if f.name.endswith(suffix)))
    from pyarrow import fs

    filesys, inner = filesystem(folder)
    infos = filesys.get_file_info(fs.FileSelector(inner, allow_not_found=True))
    return tuple(sorted((i.base_name, i.mtime_ns or 0) for i in infos
                        if i.type == fs.FileType.File and i.base_name.endswith(suffix)))


def table_exists(table_path: str | os.PathLike[str]) -> bool:
    """Whether a Delta table is there (its `_delta_log` folder). Tables are never removed, so a remote
    table once seen is remembered: readers call this on every access, and on S3 it is a request."""
    if not is_remote(table_path):
        return (Path(table_path) / "_delta_log").is_dir()
    key = uri(table_path)
    if key in _known_tables:
        return True
    found = exists(Path(table_path) / "_delta_log")
    if found:
        _known_tables.add(key)
    return found


def file_uris(table_path: str | os.PathLike[str], relative: list[str]) -> list[str]:
    """Openable paths of a table's data files given relative to the table (Delta add actions)."""
    base = uri(table_path).rstrip("/")
    return [f"{base}/{p}" for p in relative]
