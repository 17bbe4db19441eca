"""The package (the zip): reproducible bytes, parts the template must not
ship, and reading parts back for golden files and reviews."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree


ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def reproducible_zip(data: bytes, epoch: int) -> bytes:
    """The same package with fixed entry times and order, so the same input
    gives the same bytes ([Content_Types].xml first, as Office writes it)."""
    stamp = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), dt.timezone.utc)
    date_time = stamp.timetuple()[:6]
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, src.read(name))
    return out.getvalue()


def drop_package_parts(document, reltypes: tuple[str, ...]) -> None:
    """Template only: forget parts we do not want to ship (thumbnail,
    stylesWithEffects, customXml); unreferenced parts are not saved."""
    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in reltypes:
                owner.rels.pop(rid)
                owner.rels._target_parts_by_rId.pop(rid, None)


def pretty_xml(blob: bytes) -> str:
    """Indented XML for golden files and reviews."""
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(blob, parser), pretty_print=True,
                          encoding="unicode")


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)
