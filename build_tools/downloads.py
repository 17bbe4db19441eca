"""Format and size on every download link (「PDF（245KB）」), as city sites
show them so that a reader on a phone knows what a link costs.

Pages are written before the files they link to (the web edition before its
PDF), so templates leave an empty <span class="file-size" data-file="…">
after the link text (`templates/html/partials/file_size.html`) and
`fill_sizes` writes the sizes into it once the whole site is there. A page
whose span stays empty (a table written alone with `policy diff -o`) still
reads correctly: 「PDF」.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .site import fresh

_SPAN = re.compile(r'(<span class="file-size" data-file="([^"]+)"( data-join="、")?>)[^<]*(</span>)')


def size_text(size: int) -> str:
    """245KB, 1.2MB: as city sites write them (1KB = 1,024 bytes)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


def fill_sizes(site: Path) -> None:
    """Write each linked file's size into the pages of `site` (a staging
    folder: a page is replaced, never written through a hard link)."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="file-size"' not in text:
            continue

        def sized(match, folder=page.parent):
            target = folder / html.unescape(match[2])
            if not target.is_file():
                return match[1] + match[4]
            size = size_text(target.stat().st_size)
            return match[1] + (f"、{size}" if match[3] else f"（{size}）") + match[4]

        filled = _SPAN.sub(sized, text)
        if filled != text:
            fresh(page).write_text(filled, encoding="utf-8")
