"""Writing outputs all or nothing: every target is checked first, every file is written
beside its target under a temporary name, and only then are they renamed into place;
a rename that fails puts back what the earlier ones replaced. A failed run leaves the
existing files as they were.

A target that exists must be a regular file (or a link to one): renaming over a
device, a directory, a socket or a FIFO would replace a node of the file system (as
root, `--xml /dev/null` would turn the device into a file)."""

from __future__ import annotations

import os
import stat
import tempfile
from typing import List, NamedTuple, Optional, Sequence, Tuple

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason
from pcsgen.own_outputs import is_own, mark


class Output(NamedTuple):
    path: str
    data: bytes
    mode: int
    # pcsgen's own kind of document ("template", "import", "test-plan"): an existing file
    # is replaced only when it is such a document, unchanged (pcsgen.own_outputs), or
    # when the user forces it. None: the file is replaced (compile's NAME.xml, NAME.sh).
    kind: Optional[str] = None


def file_mode(secret: bool = False, executable: bool = False) -> int:
    """The mode of a new output under the process's umask, as any program's files get;
    a file holding a secret value is for its owner alone, whatever the umask."""
    owner_only = 0o700 if secret else 0o777
    return (0o777 if executable else 0o666) & owner_only & ~_umask()


def _umask() -> int:
    # Linux says it without changing it; os.umask can only read it by setting it.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _where(path: str) -> Location:
    return Location(Source(path))


def _kind(mode: int) -> Phrase:
    for test, key in (
        (stat.S_ISDIR, "kind_directory"),
        (stat.S_ISCHR, "kind_character_device"),
        (stat.S_ISBLK, "kind_block_device"),
        (stat.S_ISFIFO, "kind_fifo"),
        (stat.S_ISSOCK, "kind_socket"),
    ):
        if test(mode):
            return Phrase(key)
    return Phrase("kind_other")


def check_paths(outputs: Sequence[Output], inputs: Sequence[str], force: bool = False) -> None:
    """Refuse an output that is an input, another output, an existing non-file, or an
    existing file that is not pcsgen's own unchanged document of its kind (unless
    FORCE)."""
    for index, output in enumerate(outputs):
        for source in inputs:
            if _same_file(output.path, source):
                raise PcsgenError("PG502", _where(output.path), path=output.path, other=source)
        for other in outputs[index + 1 :]:
            if _same_file(output.path, other.path):
                raise PcsgenError("PG502", _where(output.path), path=output.path, other=other.path)
        try:
            mode = os.stat(output.path).st_mode  # through a link: what it points to
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise PcsgenError(
                "PG501", _where(output.path), path=output.path, reason=os_reason(exc)
            ) from None
        if not stat.S_ISREG(mode):
            raise PcsgenError("PG523", _where(output.path), path=output.path, kind=_kind(mode))
        if output.kind is not None and not force and not is_own(output.path, output.kind):
            raise PcsgenError("PG525", _where(output.path), path=output.path)


def _stage(output: Output) -> str:
    """Write the data beside the target under a temporary name; return that name."""
    directory = os.path.dirname(os.path.abspath(output.path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".pcsgen-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PcsgenError(
            "PG501", _where(output.path), path=output.path, reason=os_reason(exc)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(output.data)
        os.chmod(temporary, output.mode)
    except OSError as exc:
        _remove(temporary)
        raise PcsgenError(
            "PG501", _where(output.path), path=output.path, reason=os_reason(exc)
        ) from None
    return temporary


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _keep_old(path: str, temporary: str) -> Optional[str]:
    """A second name for the file about to be replaced, to put it back after a later
    failure; None when there is none (or the file system cannot link)."""
    if not os.path.lexists(path):
        return None
    backup = temporary + ".old"
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        return None
    return backup


def _put_back(replaced: List[Tuple[str, Optional[str], bool]]) -> None:
    for path, backup, existed in reversed(replaced):
        try:
            if backup is not None:
                os.replace(backup, path)
            elif not existed:
                os.unlink(path)
        except OSError:
            pass


def write_all(outputs: Sequence[Output], inputs: Sequence[str] = (), force: bool = False) -> None:
    """All or nothing: every target checked, every file staged, then each renamed.
    An output of a kind is written with pcsgen's mark of that kind."""
    check_paths(outputs, inputs, force)
    outputs = [
        output._replace(data=mark(output.kind, _suffix(output.path), output.data))
        if output.kind is not None
        else output
        for output in outputs
    ]
    staged: List[str] = []
    try:
        for output in outputs:
            staged.append(_stage(output))
        replaced: List[Tuple[str, Optional[str], bool]] = []
        for output, temporary in zip(outputs, staged):
            existed = os.path.lexists(output.path)
            backup = _keep_old(output.path, temporary)
            try:
                os.replace(temporary, output.path)
            except OSError as exc:
                if backup is not None:
                    _remove(backup)
                _put_back(replaced)
                raise PcsgenError(
                    "PG501", _where(output.path), path=output.path, reason=os_reason(exc)
                ) from None
            replaced.append((output.path, backup, existed))
        for _path, backup, _existed in replaced:
            if backup is not None:
                _remove(backup)
        staged = []
    finally:
        for temporary in staged:
            _remove(temporary)


def default_output(stem: str, suffix: str, override: Optional[str]) -> str:
    if override:
        return override
    safe = "".join("_" if c in '/\\:*?"<>|\x00' else c for c in stem) or "cluster"
    return safe + suffix
