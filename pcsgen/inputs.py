"""Reading the small input files (--vars, corosync.conf, CIB files) with a bound.

Without one, `--vars /dev/zero` reads until memory runs out. A FIFO is opened without
waiting for a writer (a FIFO nobody writes to reads as empty), then read normally."""

from __future__ import annotations

import os

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source

MAX_VARS_BYTES = 1024 * 1024
MAX_COROSYNC_BYTES = 1024 * 1024
MAX_CIB_BYTES = 128 * 1024 * 1024


def read_bounded(path: str, limit: int) -> bytes:
    """The file's bytes; PG021 when it holds more than `limit`. OSError passes through
    (each caller reports it in its own words)."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0))
    try:
        if nonblocking:
            os.set_blocking(descriptor, True)
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1024 * 1024, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise PcsgenError("PG021", Location(Source(path)), path=path, limit=limit)
    return b"".join(chunks)
