"""Checks a ZIP container (DOCX) must pass before any XML parser sees it.

A 40 KB upload can declare gigabytes of content (a zip bomb), and an XML part can carry a
DOCTYPE whose entities expand a few bytes into gigabytes (billion laughs). Every member is
checked whatever its name (a part is XML by its content type, not its name) and whatever its
encoding: lxml itself reads each member up to its first element (entities are declared only
in a DOCTYPE, which comes before it), so UTF-16, UTF-32 or a declared encoding are decoded
exactly as by the parser that reads the document later. A member that declares an entity is
refused; so is any DOCTYPE in an .xml or .rels member, where Word never writes one. An HTML
part imported whole (altChunk) may carry a bare `<!DOCTYPE html>`, which declares nothing.
Sizes are checked from the archive's directory, and Python's zipfile never inflates a member
past its declared size (it stops and fails the CRC check), so the declared sizes bound the
memory a parser can use.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from lxml import etree

from resumeroast.errors import DocumentTooComplex, UnreadableDocument


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
            if not info.is_dir():
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
            if _has_declarations(member, xml_part=info.filename.endswith((".xml", ".rels"))):
                raise DocumentTooComplex(f"{info.filename} declares a DOCTYPE or entities")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableDocument(f"{info.filename} cannot be decompressed: {exc}") from exc


def _has_declarations(member: IO[bytes], *, xml_part: bool) -> bool:
    """Parse up to the first element (nothing is expanded or fetched). A member lxml cannot
    read as XML is not one any XML parser here will read either."""
    events = etree.iterparse(
        member,
        events=("start",),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        for _event, element in events:
            info = element.getroottree().docinfo
            dtd = info.internalDTD
            if xml_part:
                return bool(info.doctype) or dtd is not None
            return dtd is not None and any(True for _ in dtd.entities())
    except etree.XMLSyntaxError:
        return False
    return False
