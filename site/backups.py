"""Backups of the database and the media files in one checksummed archive.

An archive is a tar file (gzip-compressed unless its name ends in ``.tar``):

- ``database/db.sqlite3``: on SQLite, a consistent copy made with SQLite's
  online backup API (safe while the site runs, WAL content included);
  or ``database/db.pgdump``: on PostgreSQL, ``pg_dump --format=custom``;
- ``media/<name>``: every file of the default storage (local folder or S3),
  streamed one at a time, never all in memory;
- ``manifest.json`` (last): format version, creation time, app version,
  database vendor and server version, the applied migrations per app, and
  the size and SHA-256 of every other member.

`restore_backup` reads the whole archive and checks every member against
the manifest before it changes anything, so a corrupted or truncated
archive is refused and the site is left as it was. It then replaces the
database (SQLite: the backup API writes into the live database; PostgreSQL:
``pg_restore --clean --if-exists --single-transaction``), writes the media
files back, clears the caches and rebuilds the search index.

A ``<archive>.sha256`` file beside the archive (``sha256sum -c`` format)
lets an off-site copy be checked without this code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.utils import validate_file_name
from django.db import connections
from django.utils import timezone
from django.utils.functional import LazyObject, empty

FORMAT = "machikado-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
# Media files up to this size are checked in memory before they are written back.
SPOOL_BYTES = 8 * 1024 * 1024
EXAMPLES = 5

Log = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def _quiet(message: str) -> None:
    pass


# -- small streaming helpers ---------------------------------------------------


class _HashingWriter:
    """A write-only file that hashes and counts what goes through it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha256.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self):
        self.raw.flush()


class _HashingReader:
    """A read-only file that hashes and counts what is read from it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _copy_hashing(source, target) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return size, digest.hexdigest()


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return _copy_hashing(handle, None)[1]


# -- the media storage ---------------------------------------------------------


def media_storage():
    return default_storage


def iter_storage_files(storage, path: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first, in a stable order."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from iter_storage_files(storage, f"{path}/{directory}" if path else directory)


def _unwrap(storage):
    """The storage behind default_storage (a lazy object, maybe not set up yet)."""
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def _storage_label(storage) -> str:
    cls = type(_unwrap(storage))
    return f"{cls.__module__}.{cls.__qualname__}"


def _media_name(member_name: str) -> str:
    """The storage name of a media member, refused when it could escape the storage."""
    name = member_name[len(MEDIA_PREFIX) :]
    try:
        validate_file_name(name, allow_relative_path=True)
    except Exception as error:
        raise BackupError(f"The archive holds an unsafe media path: {member_name!r}.") from error
    if not name or name.startswith("/") or "\\" in name:
        raise BackupError(f"The archive holds an unsafe media path: {member_name!r}.")
    return name


# -- the database --------------------------------------------------------------


def _connection(using):
    """`using`: a database alias, or a connection (DatabaseWrapper) itself."""
    connection = connections[using] if isinstance(using, str) else using
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            f"Backups support SQLite and PostgreSQL, not {connection.vendor} ({connection.display_name})."
        )
    return connection


def applied_migrations(connection) -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def known_migrations() -> set[tuple[str, str]]:
    """The migrations this code has on disk (what an archive may have applied)."""
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def server_version(connection) -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    number = connection.pg_version
    return f"{number // 10000}.{number % 10000}"


# SQLite ------------------------------------------------------------------------


def _sqlite_check(path: Path) -> None:
    with sqlite3.connect(path) as check:
        result = check.execute("PRAGMA quick_check").fetchone()[0]
    check.close()
    if result != "ok":
        raise BackupError(f"The SQLite copy failed its integrity check: {result}.")


def dump_sqlite(connection, target: Path) -> None:
    """A consistent copy of the live database through SQLite's online backup API:
    one step, so the copy is a snapshot even while the site writes (in WAL mode
    readers never block writers), including what is still in the WAL file."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a transaction.")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        # A self-contained file: no -wal beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    _sqlite_check(target)


def restore_sqlite(connection, source: Path) -> None:
    """Write the copy into the live database through the backup API: other
    processes see the restored content at their next transaction, and the
    database keeps its journal (WAL) mode."""
    _sqlite_check(source)
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore the database: {error}.") from error
    finally:
        origin.close()


# PostgreSQL ----------------------------------------------------------------------


def _pg_command(connection) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for the PostgreSQL client tools."""
    from django.db.backends.postgresql.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    args = args[1:]  # without "psql"
    dbname = connection.settings_dict.get("NAME")
    if dbname and args and args[-1] == dbname:
        args = args[:-1]
    if dbname:
        args.append(f"--dbname={dbname}")
    return args, {**os.environ, **(env or {})}


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    if not match:
        raise BackupError(f"Cannot read a version from {version_text!r}.")
    return int(match.group(1))


def pg_tool(name: str, server_major: int) -> tuple[str, str]:
    """The path and version of a PostgreSQL client tool no older than the server.
    PG_BINDIR (e.g. /usr/lib/postgresql/16/bin) chooses among installed versions."""
    bindir = os.environ.get("PG_BINDIR")
    executable = shutil.which(name, path=bindir) if bindir else shutil.which(name)
    if not executable:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools, version "
            f"{server_major} or newer (Debian: apt-get install postgresql-client-{server_major}), "
            "or set PG_BINDIR to the folder that holds them."
        )
    output = subprocess.run(  # noqa: S603
        [executable, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    match = re.search(r"\)\s*(\d+(?:\.\d+)*)", output) or re.search(r"\d+(?:\.\d+)*", output)
    version = match.group(match.lastindex or 0) if match else "unknown"
    if _major(output or "0") < server_major:
        raise BackupError(
            f"{executable} is version {version}, older than the PostgreSQL {server_major} "
            f"server. Install postgresql-client-{server_major} (or newer) and set PG_BINDIR "
            f"to its bin folder (e.g. /usr/lib/postgresql/{server_major}/bin)."
        )
    return executable, version


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{what} failed (exit {result.returncode}): {detail}")


def dump_postgresql(connection, target: Path) -> str:
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    executable, version = pg_tool("pg_dump", server_major)
    args, env = _pg_command(connection)
    _run(
        [executable, "--format=custom", f"--file={target}", *args],
        env,
        "pg_dump",
    )
    return version


def restore_postgresql(connection, source: Path, dumped_by: str | None) -> None:
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    needed = max(server_major, _major(dumped_by) if dumped_by else 0)
    executable, _version = pg_tool("pg_restore", needed)
    args, env = _pg_command(connection)
    # Our own connection must hold no lock on the tables pg_restore drops.
    connection.close()
    _run(
        [
            executable,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",  # all or nothing
            "--exit-on-error",
            *args,
            str(source),
        ],
        env,
        "pg_restore",
    )


# -- backup --------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    manifest: dict

    @property
    def media_files(self) -> int:
        return self.manifest["media"]["files"]

    @property
    def media_bytes(self) -> int:
        return self.manifest["media"]["bytes"]

    @property
    def database_bytes(self) -> int:
        member = self.manifest["database"]["member"]
        return next(entry["size"] for entry in self.manifest["files"] if entry["name"] == member)


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("machikado")
    except PackageNotFoundError:
        return "unknown"


def archive_name(now: dt.datetime | None = None) -> str:
    now = timezone.localtime(now or timezone.now())
    return f"machikado-backup-{now:%Y%m%d-%H%M%S}.tar.gz"


def default_backup_dir() -> Path:
    """The BACKUP_DIR setting, else the BACKUP_DIR environment variable, else backups/."""
    configured = getattr(settings, "BACKUP_DIR", None) or os.environ.get("BACKUP_DIR")
    return Path(configured) if configured else Path(settings.BASE_DIR) / "backups"


def resolve_output(output: str | os.PathLike | None) -> Path:
    """A directory (existing, or named with a trailing slash) gets a
    timestamped name inside it; anything else is the archive's own name."""
    if output is None:
        path = default_backup_dir()
        path.mkdir(parents=True, exist_ok=True)
    else:
        path = Path(output)
        if str(output).endswith(("/", os.sep)):
            path.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        path = path / archive_name()
    if not path.name.endswith((".tar", ".tar.gz", ".tgz")):
        raise BackupError(f"The archive name must end in .tar.gz, .tgz or .tar: {path}.")
    if path.exists():
        raise BackupError(f"{path} already exists; choose another name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def _check_not_in_media(path: Path, storage) -> None:
    inner = _unwrap(storage)
    if isinstance(inner, FileSystemStorage):
        media_root = Path(inner.location).resolve()
        if path == media_root or media_root in path.parents:
            raise BackupError(
                f"The archive would be written inside the media folder ({media_root}) "
                "and so into the next backup; write it somewhere else."
            )


def _add_path(tar: tarfile.TarFile, name: str, path: Path, mtime: float) -> dict:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = mtime
    info.mode = 0o600
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"name": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def create_backup(
    output: str | os.PathLike | None = None,
    *,
    include_media: bool = True,
    using="default",
    storage=None,
    log: Log = _quiet,
) -> BackupResult:
    connection = _connection(using)
    storage = storage if storage is not None else media_storage()
    path = resolve_output(output)
    _check_not_in_media(path, storage)
    compressed = not path.name.endswith(".tar")
    vendor = connection.vendor
    created = timezone.now()
    mtime = created.timestamp()
    partial = path.with_name(path.name + ".partial")
    database_member = DATABASE_MEMBERS[vendor]
    entries: list[dict] = []
    media_files = media_bytes = 0
    dumped_by = None

    try:
        with tempfile.TemporaryDirectory(prefix=".machikado-backup-", dir=path.parent) as tmp:
            dump = Path(tmp) / "database"
            log(f"Copying the {vendor} database…")
            if vendor == "sqlite":
                dump_sqlite(connection, dump)
            else:
                dumped_by = dump_postgresql(connection, dump)
            migrations = applied_migrations(connection)
            with open(partial, "wb") as raw:
                writer = _HashingWriter(raw)
                mode = "w|gz" if compressed else "w|"
                with tarfile.open(fileobj=writer, mode=mode, format=tarfile.PAX_FORMAT) as tar:
                    entries.append(_add_path(tar, database_member, dump, mtime))
                    dump.unlink()
                    if include_media:
                        log(f"Copying media files from {_storage_label(storage)}…")
                        for name in iter_storage_files(storage):
                            entry = _add_media(tar, storage, name, mtime, log)
                            if entry:
                                entries.append(entry)
                                media_files += 1
                                media_bytes += entry["size"]
                    manifest = {
                        "format": FORMAT,
                        "format_version": FORMAT_VERSION,
                        "created_at": created.isoformat(),
                        "app_version": app_version(),
                        "database": {
                            "vendor": vendor,
                            "member": database_member,
                            "server_version": server_version(connection),
                            "dumped_by": dumped_by,
                            "migrations": migrations,
                        },
                        "media": {
                            "included": include_media,
                            "storage": _storage_label(storage),
                            "files": media_files,
                            "bytes": media_bytes,
                        },
                        "files": entries,
                    }
                    data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size = len(data)
                    info.mtime = mtime
                    info.mode = 0o600
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    digest = writer.sha256.hexdigest()
    Path(f"{path}.sha256").write_text(f"{digest}  {path.name}\n")
    return BackupResult(path=path, size=writer.size, sha256=digest, manifest=manifest)


def _add_media(tar, storage, name: str, mtime: float, log: Log) -> dict | None:
    member = MEDIA_PREFIX + name
    try:
        size = storage.size(name)
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        log(f"Skipped {name}: deleted while the backup ran.")
        return None
    info = tarfile.TarInfo(member)
    info.size = size
    info.mtime = mtime
    info.mode = 0o600
    with handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"name": member, "size": size, "sha256": reader.sha256.hexdigest()}


# -- verify --------------------------------------------------------------------


@dataclass
class Verified:
    path: Path
    manifest: dict
    members: int = 0
    bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]


def _open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r|*")
    except FileNotFoundError as error:
        raise BackupError(f"{path} does not exist.") from error
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"{path} is not a backup archive (or is damaged): {error}.") from error


def _unreadable(path: Path, error: Exception) -> BackupError:
    return BackupError(
        f"{path} is damaged or truncated and was not used ({type(error).__name__}: {error}). "
        "Nothing was changed."
    )


def verify_archive(path: str | os.PathLike) -> Verified:
    """Read the whole archive and check every member against the manifest.
    Raises BackupError (nothing changed) on any difference."""
    path = Path(path)
    actual: dict[str, tuple[int, str]] = {}
    manifest_data = None
    try:
        with _open_archive(path) as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupError(
                        f"{path} holds {member.name!r}, which is not a regular file; refused."
                    )
                if member.name in actual or (member.name == MANIFEST and manifest_data):
                    raise BackupError(f"{path} holds {member.name!r} twice; refused.")
                handle = tar.extractfile(member)
                if member.name == MANIFEST:
                    if member.size > MAX_MANIFEST_BYTES:
                        raise BackupError(f"{path}: the manifest is implausibly large; refused.")
                    manifest_data = handle.read()
                else:
                    actual[member.name] = _copy_hashing(handle, None)
    except BackupError:
        raise
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise _unreadable(path, error) from error

    if manifest_data is None:
        raise BackupError(
            f"{path} has no manifest: it is truncated or not a Machikado backup. Nothing was changed."
        )
    try:
        manifest = json.loads(manifest_data)
    except ValueError as error:
        raise BackupError(f"{path}: the manifest is not valid JSON ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Machikado backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is a backup of format {manifest.get('format_version')}; "
            f"this version reads format {FORMAT_VERSION}."
        )

    expected = {entry["name"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    problems = []
    for name in sorted(set(expected) - set(actual)):
        problems.append(f"missing: {name}")
    for name in sorted(set(actual) - set(expected)):
        problems.append(f"not in the manifest: {name}")
    for name in sorted(set(expected) & set(actual)):
        (size, digest), (got_size, got_digest) = expected[name], actual[name]
        if size != got_size:
            problems.append(f"size differs: {name} ({got_size} bytes, {size} expected)")
        elif digest != got_digest:
            problems.append(f"checksum differs: {name}")
    if problems:
        shown = "; ".join(problems[:EXAMPLES])
        more = f" and {len(problems) - EXAMPLES} more" if len(problems) > EXAMPLES else ""
        raise BackupError(
            f"{path} failed verification ({len(problems)} problem(s): {shown}{more}). "
            "The archive is damaged; nothing was changed. Use another copy."
        )
    database = manifest["database"]
    if database.get("vendor") not in DATABASE_MEMBERS or database.get("member") != (
        DATABASE_MEMBERS.get(database.get("vendor"))
    ):
        raise BackupError(f"{path}: the manifest names an unknown database format; refused.")
    if database["member"] not in actual:
        raise BackupError(f"{path} holds no database dump; refused.")
    for name in actual:
        if name.startswith(MEDIA_PREFIX):
            _media_name(name)
        elif name != database["member"]:
            raise BackupError(f"{path} holds an unexpected member {name!r}; refused.")
    return Verified(
        path=path,
        manifest=manifest,
        members=len(actual),
        bytes=sum(size for size, _digest in actual.values()),
    )


def check_compatible(verified: Verified, using="default") -> None:
    """Refuse an archive this site cannot take: another database vendor, or
    migrations this code does not know (made by a newer version)."""
    connection = _connection(using)
    if verified.vendor != connection.vendor:
        raise BackupError(
            f"This backup holds a {verified.vendor} database, but this site runs on "
            f"{connection.vendor}. Restore it on a {verified.vendor} site, then move the data "
            "with dumpdata/loaddata if you are switching databases. Nothing was changed."
        )
    known = known_migrations()
    unknown = sorted(
        f"{app}.{name}"
        for app, names in verified.manifest["database"]["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        shown = ", ".join(unknown[:EXAMPLES])
        raise BackupError(
            f"This backup was made by a newer version of Machikado: it has migrations this "
            f"code does not know ({len(unknown)}: {shown}). Upgrade the code first. "
            "Nothing was changed."
        )


# -- restore -------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict
    media_written: int = 0
    media_unchanged: int = 0
    media_extra: int = 0
    pending_migrations: list[str] = field(default_factory=list)


def _file_matches(storage, name: str, size: int, digest: str) -> bool:
    try:
        if not storage.exists(name) or storage.size(name) != size:
            return False
        with storage.open(name, "rb") as handle:
            return _copy_hashing(handle, None)[1] == digest
    except FileNotFoundError:
        return False


def restore_backup(
    path: str | os.PathLike,
    *,
    verified: Verified | None = None,
    using="default",
    storage=None,
    include_database: bool = True,
    log: Log = _quiet,
) -> RestoreResult:
    """Verify (unless already done), check compatibility, then replace the
    database and write the media files back (only the media files with
    include_database=False, e.g. after a point-in-time recovery). The search
    index and caches are the caller's (see `after_restore`)."""
    path = Path(path)
    verified = verified or verify_archive(path)
    if include_database:
        check_compatible(verified, using)
    connection = _connection(using)
    storage = storage if storage is not None else media_storage()
    manifest = verified.manifest
    expected = {entry["name"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    database = manifest["database"]
    result = RestoreResult(manifest=manifest)
    restored_database = False

    # The second pass checks every member again as it goes (the file could
    # have changed since it was verified): a member that differs stops the
    # restore before it is used.
    try:
        with (
            tempfile.TemporaryDirectory(prefix="machikado-restore-") as tmp,
            _open_archive(path) as tar,
        ):
            for member in tar:
                if member.name == MANIFEST:
                    continue
                size, digest = expected[member.name]
                handle = tar.extractfile(member)
                if member.name == database["member"]:
                    if not include_database:
                        continue
                    dump = Path(tmp) / "database"
                    with open(dump, "wb") as out:
                        got = _copy_hashing(handle, out)
                    _same(member.name, got, (size, digest))
                    log(f"Restoring the {database['vendor']} database…")
                    if database["vendor"] == "sqlite":
                        restore_sqlite(connection, dump)
                    else:
                        restore_postgresql(connection, dump, database.get("dumped_by"))
                    restored_database = True
                    dump.unlink()
                    log("Restoring media files…")
                else:
                    name = _media_name(member.name)
                    with tempfile.SpooledTemporaryFile(SPOOL_BYTES, dir=tmp) as spool:
                        got = _copy_hashing(handle, spool)
                        _same(member.name, got, (size, digest))
                        if _file_matches(storage, name, size, digest):
                            result.media_unchanged += 1
                            continue
                        spool.seek(0)
                        if storage.exists(name):
                            storage.delete(name)
                        saved = storage.save(name, File(spool, name=name))
                    if saved != name:
                        raise BackupError(
                            f"The storage saved {name} as {saved}; restore the media into an "
                            "empty storage or allow overwriting."
                        )
                    result.media_written += 1
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        where = "after the database was restored" if restored_database else "before any change"
        raise BackupError(
            f"Reading {path} failed {where}: {type(error).__name__}: {error}."
        ) from error

    in_archive = {name[len(MEDIA_PREFIX) :] for name in expected if name.startswith(MEDIA_PREFIX)}
    if manifest["media"].get("included", True):
        result.media_extra = sum(
            1 for name in iter_storage_files(storage) if name not in in_archive
        )
    connection.close()
    if not include_database:
        return result
    known = known_migrations()
    applied = {(app, name) for app, names in database["migrations"].items() for name in names}
    result.pending_migrations = sorted(f"{app}.{name}" for app, name in known - applied)
    return result


def _same(name: str, got: tuple[int, str], expected: tuple[int, str]) -> None:
    if got != expected:
        raise BackupError(
            f"{name} changed since the archive was verified (size or checksum differs); "
            "the restore stopped. Check the archive with `manage.py restore --check`."
        )


def after_restore() -> None:
    """Forget everything cached about the old content."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    ContentType.objects.clear_cache()
