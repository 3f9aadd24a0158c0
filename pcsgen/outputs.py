"""Writing outputs atomically: a temporary file beside the target, renamed only when
every output is ready, so a failed run leaves existing files untouched."""

from __future__ import annotations

import os
import tempfile
from typing import List, NamedTuple, Optional, Sequence

from pcsgen.diagnostics import PcsgenError
from pcsgen.location import Location, Source


class Output(NamedTuple):
    path: str
    data: bytes
    mode: int


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_paths(outputs: Sequence[Output], inputs: Sequence[str]) -> None:
    for index, output in enumerate(outputs):
        for source in inputs:
            if _same_file(output.path, source):
                raise PcsgenError("PG502", Location(Source(output.path)), path=output.path,
                                  other=source)
        for other in outputs[index + 1:]:
            if _same_file(output.path, other.path):
                raise PcsgenError("PG502", Location(Source(output.path)), path=output.path,
                                  other=other.path)


def write_all(outputs: Sequence[Output], inputs: Sequence[str] = ()) -> None:
    """All or nothing: every file is staged first, then each is renamed into place."""
    check_paths(outputs, inputs)
    staged: List[str] = []
    try:
        for output in outputs:
            directory = os.path.dirname(os.path.abspath(output.path))
            try:
                handle, temporary = tempfile.mkstemp(prefix=".pcsgen-", suffix=".tmp",
                                                     dir=directory)
            except OSError as exc:
                raise PcsgenError("PG501", Location(Source(output.path)), path=output.path,
                                  reason=exc.strerror or str(exc)) from None
            staged.append(temporary)
            with os.fdopen(handle, "wb") as stream:
                stream.write(output.data)
            os.chmod(temporary, output.mode)
        for output, temporary in zip(outputs, staged):
            os.replace(temporary, output.path)
        staged = []
    except OSError as exc:
        raise PcsgenError("PG501", Location(Source(outputs[0].path)), path=outputs[0].path,
                          reason=exc.strerror or str(exc)) from None
    finally:
        for temporary in staged:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def default_output(stem: str, suffix: str, override: Optional[str]) -> str:
    if override:
        return override
    safe = "".join("_" if c in '/\\:*?"<>|\x00' else c for c in stem) or "cluster"
    return safe + suffix
