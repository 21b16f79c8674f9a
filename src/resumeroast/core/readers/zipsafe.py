"""Checks a ZIP container (DOCX) must pass before any XML parser sees it.

A 40 KB upload can declare gigabytes of content (a zip bomb), and an XML part can carry a
DOCTYPE whose entities expand a few bytes into gigabytes (billion laughs). Word never
writes a DOCTYPE, so any declaration is refused; sizes are checked from the archive's
directory, and Python's zipfile never inflates a member past its declared size (it stops
and fails the CRC check), so the declared sizes bound the memory a parser can use.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass

from resumeroast.errors import DocumentTooComplex, UnreadableDocument

_CHUNK_BYTES = 64 * 1024
_DECLARATIONS = ("<!DOCTYPE", "<!ENTITY")


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_entries: int = 1000
    max_total_bytes: int = 50 * 1024 * 1024  #: all members, uncompressed
    max_ratio: float = 100.0  #: uncompressed / compressed, per member and overall
    ratio_floor_bytes: int = 1024 * 1024  #: smaller members may compress as well as they like


def open_checked_zip(data: bytes, limits: ZipLimits | None = None) -> zipfile.ZipFile:
    """Open the archive and check sizes, ratios and XML declarations; the caller closes it."""
    limits = limits or ZipLimits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocument(f"not a readable ZIP archive: {exc}") from exc
    try:
        check_sizes(archive.infolist(), len(data), limits)
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                _check_xml_member(archive, info)
    except BaseException:
        archive.close()
        raise
    return archive


def check_sizes(infos: list[zipfile.ZipInfo], archive_bytes: int, limits: ZipLimits) -> None:
    if len(infos) > limits.max_entries:
        raise DocumentTooComplex(f"the archive has {len(infos)} members")
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise DocumentTooComplex(f"the archive expands to {total} bytes")
    if total > limits.ratio_floor_bytes and total > limits.max_ratio * max(archive_bytes, 1):
        raise DocumentTooComplex("the archive expands more than a document can")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise DocumentTooComplex(f"{info.filename} is compressed {ratio:.0f} to 1")


def _check_xml_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    try:
        with archive.open(info) as member:
            head = member.read(4)
            decoder = codecs.getincrementaldecoder(_xml_encoding(head))(errors="replace")
            tail = ""
            chunk = head
            while chunk:
                text = tail + decoder.decode(chunk)
                if any(marker in text for marker in _DECLARATIONS):
                    raise DocumentTooComplex(f"{info.filename} declares a DOCTYPE or entities")
                tail = text[-len(_DECLARATIONS[0]) :]
                chunk = member.read(_CHUNK_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableDocument(f"{info.filename} cannot be decompressed: {exc}") from exc


def _xml_encoding(head: bytes) -> str:
    """UTF-16 parts must start with a byte order mark or a NUL-padded '<'."""
    if head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        return "utf-16-le"
    if head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        return "utf-16-be"
    return "utf-8"
