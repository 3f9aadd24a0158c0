"""pcsgen's cache on disk: agent metadata and compiled template code that later runs
load. Only a directory the user owns, that no one else may write to and that is no
symbolic link is used; anything else means no cache, never an error.

Entries are written so that nothing planted in the directory is written through: the
directory is opened without following a link and checked on the open descriptor, the
data goes to a new file created there exclusively (O_EXCL, O_NOFOLLOW), which is then
renamed over the entry. Entries are read without following a link either, and only
when the user (or root) wrote them.
"""

from __future__ import annotations

import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path
from typing import Optional

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def cache_root() -> Optional[Path]:
    """pcsgen's cache directory ($PCSGEN_CACHE_DIR, else $XDG_CACHE_HOME/pcsgen, else
    ~/.cache/pcsgen); PCSGEN_CACHE_DIR=off disables caching."""
    explicit = os.environ.get("PCSGEN_CACHE_DIR")
    if explicit == "off":
        return None
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pcsgen"


def private_cache_dir(part: str) -> Optional[Path]:
    """A directory of pcsgen's cache that only this user can write to, created when
    missing; None when caching is off or cannot be private here.

    The cache holds compiled template code and agent metadata that later runs load: a
    directory others may write to (a shared PCSGEN_CACHE_DIR, /tmp), or a link to one,
    would let them plant code that runs here or make pcsgen write where they choose."""
    if not _supported():
        return None
    root = cache_root()
    if root is None:
        return None
    return _private_dir(str(root / part))


def _supported() -> bool:
    """Whether this system can open, create and rename relative to a checked directory
    without following links (not on Windows: no cache there)."""
    return (
        bool(_NOFOLLOW and _DIRECTORY)
        and os.open in os.supports_dir_fd
        and os.rename in os.supports_dir_fd
    )


@lru_cache(maxsize=None)
def _private_dir(path: str) -> Optional[Path]:
    directory = Path(path)
    try:
        for item in (directory.parent, directory):
            item.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _private(item.lstat()):
                return None
    except OSError:
        return None
    return directory


def _private(status: os.stat_result) -> bool:
    """A real directory of this user's that no one else may write to."""
    uid = getattr(os, "geteuid", lambda: None)()
    return (
        stat.S_ISDIR(status.st_mode)
        and (uid is None or status.st_uid == uid)
        and not status.st_mode & 0o022
    )


def _owned(status: os.stat_result) -> bool:
    """Ours (or root's): nobody else could have written it."""
    uid = getattr(os, "geteuid", lambda: None)()
    return uid is None or status.st_uid in (uid, 0)


def owned_file(status: os.stat_result) -> bool:
    """A cached file only this user (or root) could have written."""
    return stat.S_ISREG(status.st_mode) and _owned(status) and not status.st_mode & 0o022


def _open_directory(directory: Path) -> Optional[int]:
    """The directory, opened without following a link, when it is still private."""
    try:
        handle = os.open(directory, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        if _private(os.fstat(handle)):
            return handle
    except OSError:
        pass
    os.close(handle)
    return None


def read_entry(directory: Path, name: str) -> Optional[bytes]:
    """The entry NAME of a private cache directory; None when missing or not to be
    trusted (a link, someone else's file)."""
    handle = _open_directory(directory)
    if handle is None:
        return None
    try:
        entry = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC, dir_fd=handle)
    except OSError:
        return None
    finally:
        os.close(handle)
    with os.fdopen(entry, "rb") as stream:
        if not owned_file(os.fstat(stream.fileno())):
            return None
        return stream.read()


def write_entry(directory: Path, name: str, data: bytes) -> bool:
    """Store DATA as the entry NAME of a private cache directory; False when it cannot
    be stored safely (which only costs the next run the work again)."""
    handle = _open_directory(directory)
    if handle is None:
        return False
    temporary = f".{name}.{secrets.token_hex(8)}.tmp"
    try:
        entry = os.open(
            temporary,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
            0o600,
            dir_fd=handle,
        )
    except OSError:
        os.close(handle)
        return False
    try:
        with os.fdopen(entry, "wb") as stream:
            stream.write(data)
        os.rename(temporary, name, src_dir_fd=handle, dst_dir_fd=handle)
        return True
    except OSError:
        try:
            os.unlink(temporary, dir_fd=handle)
        except OSError:
            pass
        return False
    finally:
        os.close(handle)
