"""pcsgen's own documents: a mark that says which kind of document pcsgen wrote, and a
fingerprint of what it wrote, so that a later run may replace the document it wrote,
unchanged, and nothing else.

A filled-in template, an edited import or a test plan with its Result column filled
must not be replaced by a run that happens to name the same path: once a byte of the
document has changed (Excel saving it again counts), the fingerprint no longer holds
and pcsgen asks for --force.

- xlsx: the mark is the document's identifier (docProps/core.xml, `dc:identifier`),
  `pcsgen:KIND:SHA256`, the digest taken over every other member of the archive.
- csv: the mark is a first row `# pcsgen:KIND:SHA256`, the digest over the rest of the
  file. The definition format and pcsgen's test plans read a row whose first cell
  starts with `#` as a comment.
Documents in other formats carry no mark and are never replaced without --force."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import Optional

from lxml import etree

_CORE = "docProps/core.xml"
_APP = "docProps/app.xml"
_DC = "http://purl.org/dc/elements/1.1/"
_MARK = re.compile(r"pcsgen:([a-z-]+):([0-9a-f]{64})\Z")
_CSV_MARK = re.compile(rb"# pcsgen:([a-z-]+):([0-9a-f]{64})\r?\n")
# An existing document larger than this is not read to be recognised: pcsgen never
# writes one, and a planted archive must not cost the run its memory.
_BOM = b"\xef\xbb\xbf"
_LARGEST = 64 * 1024 * 1024


def mark(kind: str, suffix: str, data: bytes) -> bytes:
    """DATA as pcsgen's own document of KIND (suffix .xlsx or .csv; others as they are)."""
    if suffix == ".xlsx":
        return _mark_xlsx(kind, data)
    if suffix == ".csv":
        bom = _BOM if data.startswith(_BOM) else b""
        body = data[len(bom) :]
        return bom + f"# pcsgen:{kind}:{hashlib.sha256(body).hexdigest()}\r\n".encode() + body
    return data


def is_own(path: str, kind: str) -> bool:
    """PATH is a document of KIND that pcsgen wrote and nobody changed since."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(_LARGEST + 1)
    except OSError:
        return False
    if len(data) > _LARGEST:
        return False
    if data.startswith(b"PK"):
        return _xlsx_mark(data) == kind
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    found = _CSV_MARK.match(data)
    if found is None or found.group(1).decode() != kind:
        return False
    return hashlib.sha256(data[found.end() :]).hexdigest() == found.group(2).decode()


def _digest(archive: zipfile.ZipFile) -> Optional[str]:
    digest = hashlib.sha256()
    total = 0
    for info in sorted(archive.infolist(), key=lambda item: item.filename):
        if info.filename in (_CORE, _APP):
            continue
        total += info.file_size
        if total > _LARGEST:
            return None
        digest.update(info.filename.encode("utf-8", "replace") + b"\0")
        digest.update(archive.read(info))
    return digest.hexdigest()


def _mark_xlsx(kind: str, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        digest = _digest(archive)
        core = etree.fromstring(archive.read(_CORE))
        identifier = core.find(f"{{{_DC}}}identifier")
        if identifier is None:
            identifier = etree.SubElement(core, f"{{{_DC}}}identifier")
        identifier.text = f"pcsgen:{kind}:{digest}"
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as marked:
            for info in archive.infolist():
                body = archive.read(info)
                if info.filename == _CORE:
                    body = etree.tostring(
                        core, xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                marked.writestr(info, body)
    return out.getvalue()


def _xlsx_mark(data: bytes) -> Optional[str]:
    """The kind an unchanged pcsgen workbook declares; None for anything else."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(_CORE)
            if info.file_size > 1024 * 1024:
                return None
            parser = etree.XMLParser(
                resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
            )
            core = etree.fromstring(archive.read(info), parser)
            identifier = core.findtext(f"{{{_DC}}}identifier") or ""
            found = _MARK.match(identifier)
            if found is None or _digest(archive) != found.group(2):
                return None
            return found.group(1)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        etree.XMLSyntaxError,
        RuntimeError,
    ):
        return None
