"""A part of a message in the reader's language: the key of a catalogue text and its
fields. A diagnostic's argument may be one (a reason, a hint), so that no English
fragment stands inside a Japanese message; `pcsgen.diagnostics.messages` renders it. Kept apart
from the catalogue so that raising an error does not load every text."""

from __future__ import annotations

import errno
from typing import Any, Mapping, NamedTuple, Tuple


class Phrase(NamedTuple):
    key: str
    args: Mapping[str, Any] = {}

    def __str__(self) -> str:
        from pcsgen.diagnostics.messages import text

        return text(self.key, "en", **self.args)


class Joined(NamedTuple):
    """A list in a message whose items may be Phrases: joined in the reader's language
    (a list is rendered item by item, so a long one costs no nesting)."""

    parts: Tuple[Any, ...]

    def __str__(self) -> str:
        return ", ".join(str(part) for part in self.parts)


# What the system says of a file it cannot open, as the catalogue says it.
_OS_REASONS = {
    errno.ENOENT: "os_enoent",
    errno.EACCES: "os_eacces",
    errno.EPERM: "os_eacces",
    errno.EISDIR: "os_eisdir",
    errno.ENOTDIR: "os_enotdir",
    errno.ELOOP: "os_eloop",
    errno.ENAMETOOLONG: "os_enametoolong",
    errno.ENOSPC: "os_enospc",
    errno.EDQUOT: "os_enospc",
    errno.EROFS: "os_erofs",
    errno.EIO: "os_eio",
    errno.EEXIST: "os_eexist",
    errno.EXDEV: "os_exdev",
    errno.EBUSY: "os_ebusy",
    errno.ETXTBSY: "os_ebusy",
}


def os_reason(exc: OSError) -> Any:
    """Why a file could not be read or written, in the reader's language when the
    catalogue knows the reason, else as the system says it."""
    key = _OS_REASONS.get(exc.errno or 0)
    if key is not None:
        return Phrase(key)
    return exc.strerror or str(exc)
