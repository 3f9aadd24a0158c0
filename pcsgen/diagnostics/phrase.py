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
        from pcsgen.diagnostics.texts import text

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


# What libxml2 says of a file that is not well-formed XML (its error codes, xmlerror.h),
# as the catalogue says it; its own texts are English.
_XML_REASONS = {
    4: "xml_not_xml",  # document empty, start tag expected
    5: "xml_extra_content",
    9: "xml_bad_char",
    26: "xml_entity",
    27: "xml_entity",
    68: "xml_entity",
    38: "xml_bad_attribute",
    39: "xml_bad_attribute",
    40: "xml_bad_attribute",
    41: "xml_bad_attribute",
    42: "xml_bad_attribute",
    45: "xml_unterminated",
    63: "xml_unterminated",
    73: "xml_premature_end",
    76: "xml_tag_mismatch",
    77: "xml_premature_end",
    81: "xml_bad_encoding",
    108: "xml_bad_declaration",
    114: "xml_too_deep",  # resource limits: depth, a huge text or attribute
    201: "xml_undefined_prefix",
}


def xml_reason(exc: Exception) -> Phrase:
    """Why a file is not well-formed XML (an lxml XMLSyntaxError), with its line and
    column, in the reader's language."""
    own = getattr(exc, "phrase", None)
    if isinstance(own, Phrase):
        return own
    code = int(getattr(exc, "code", 0) or 0)
    line, column = getattr(exc, "position", None) or (0, 0)
    where = {"line": line, "column": column}
    key = _XML_REASONS.get(code)
    if key is None:
        return Phrase("xml_syntax", {"code": code, **where})
    return Phrase(key, where)
