"""Links of an archive: each one stays inside it, or leaves it for good.

The archive holds one revision, but the site pages copied into it (index.html,
history.html) link to every revision. After the build, every .html page of the
archive is rewritten by this rule:

- a relative href/src resolving to a file in the archive is kept;
- a fragment-only link and an absolute URL (http, https, mailto, tel …) are
  kept: they do not depend on what the archive holds;
- a relative <a href> to a page the archive does not hold points, when
  revisions/policy.toml has `site_url`, at that page on the published site
  (site_url + its path from the site root); without site_url the <a> becomes a
  <span class="archive-omitted"> with its text and 「（このアーカイブには収めていま
  せん）」: plain text, never a link that leads nowhere;
- any other relative reference to a missing file (a stylesheet, image or
  script: src, <link href>) stops the release: the page itself would be
  incomplete, and no URL can replace it for good.

`dangling_links` then checks the result, and the release fails on any link
that still dangles: in the .html pages, in the relationships of each .docx
and in the link actions of each .pdf.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import PolicyError

OMITTED_NOTE = "（このアーカイブには収めていません）"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_absolute(url: str) -> bool:
    """An URL with a scheme or a host: it does not point into the archive."""
    return bool(_SCHEME.match(url)) or url.startswith("//")


def site_url_of(value: str | None, file: str) -> str | None:
    """policy.toml's site_url, checked and ending in "/" (None: not set)."""
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PolicyError(f"site_url「{value}」は公開サイトの URL（https://…/）ではありません",
                          file=file, hint='site_url = "https://www.example.jp/policy/" のように'
                                          "サイトの index.html があるフォルダの URL を書いてください")
    return value if value.endswith("/") else value + "/"


def target_of(root: Path, page: Path, url: str) -> str | None:
    """The archive path ("R5/index.html") a relative `url` of `page` names,
    or None when it climbs out of the archive."""
    path = unquote(urlsplit(url).path)
    base = page.parent.relative_to(root).as_posix()
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined == ".." or joined.startswith("../"):
        return None
    if path.endswith("/") or joined == ".":
        joined = "index.html" if joined == "." else joined + "/index.html"
    return joined


def _exists(root: Path, rel: str | None) -> bool:
    return rel is not None and (root / rel).is_file()


class _Links(HTMLParser):
    """Every href/src of a page, with where its tag starts and (for <a>) ends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []      # (tag, attr, value, start, end of start tag)
        self.ends = {}       # start of an <a> -> (start, end) of its </a>
        self._open_a = None
        self._lines = None

    def parse(self, text: str):
        self._lines = [0]
        for line in text.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.feed(text)
        self.close()
        return self

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text())
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append((tag, name, value, start, end))
        if tag == "a":
            self._open_a = start

    def handle_endtag(self, tag):
        if tag == "a" and self._open_a is not None:
            self.ends[self._open_a] = self._offset()
            self._open_a = None


def page_links(text: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every href and src of an HTML page."""
    return [(tag, attr, value) for tag, attr, value, _, _ in _Links().parse(text).found]


def _rewrite_page(root: Path, page: Path, site_url: str | None) -> tuple[str, int] | None:
    """The page with its links to missing pages redirected or unlinked (None:
    nothing to change), and how many changed."""
    text = page.read_text(encoding="utf-8")
    parser = _Links().parse(text)
    edits = []   # (start, end, replacement)
    changed = 0
    for tag, attr, value, start, end in parser.found:
        if not urlsplit(value).path or is_absolute(value):
            continue
        rel = target_of(root, page, value)
        if _exists(root, rel):
            continue
        shown = page.relative_to(root).as_posix()
        changed += 1
        if not (tag == "a" and attr == "href"):
            raise PolicyError(f"<{tag} {attr}=\"{value}\"> の参照先がアーカイブにありません",
                              file=shown, hint="ページが使うファイルはアーカイブに収める必要があります")
        if site_url and rel is not None:
            parts = urlsplit(value)
            url = site_url + rel + (f"?{parts.query}" if parts.query else "") \
                + (f"#{parts.fragment}" if parts.fragment else "")
            tag_text = text[start:end]
            new = re.sub(r"""(\shref\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                         lambda m: f'{m[1]}"{html.escape(url)}"', tag_text, count=1)
            edits.append((start, end, new))
        else:
            close = parser.ends.get(start)
            if close is None:
                raise PolicyError(f"<a href=\"{value}\"> が閉じられていません", file=shown)
            close_end = text.index(">", close) + 1
            edits.append((start, end, '<span class="archive-omitted">'))
            edits.append((close, close_end, f'</span><small class="archive-note">{OMITTED_NOTE}</small>'))
    if not edits:
        return None
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, changed


def fix_links(root: Path, site_url: str | None) -> int:
    """Apply the rule above to every page of the archive `root`; return how
    many links were redirected or unlinked."""
    changed = 0
    for page in sorted(root.rglob("*.html")):
        result = _rewrite_page(root, page, site_url)
        if result:
            page.write_text(result[0], encoding="utf-8")
            changed += result[1]
    return changed


# --- the check ---------------------------------------------------------------

def _docx_targets(path: Path) -> list[str]:
    """Targets of a .docx's external relationships (hyperlinks, linked files)."""
    targets = []
    with zipfile.ZipFile(path) as docx:
        for name in docx.namelist():
            if name.endswith(".rels"):
                xml = docx.read(name).decode("utf-8", "replace")
                for rel in re.findall(r"<Relationship\b[^>]*>", xml):
                    if re.search(r'TargetMode="External"', rel):
                        target = re.search(r'Target="([^"]*)"', rel)
                        if target:
                            targets.append(html.unescape(target[1]))
    return targets


def _pdf_targets(path: Path) -> list[str]:
    """URIs and files the link actions of a .pdf open (/URI, /Launch, /GoToR)."""
    import pikepdf

    targets = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            kind = obj.get("/S")
            if kind == "/URI" and "/URI" in obj:
                targets.append(str(obj.URI))
            elif kind in ("/Launch", "/GoToR") and "/F" in obj:
                spec = obj.F
                if isinstance(spec, pikepdf.Dictionary):
                    spec = spec.get("/UF", spec.get("/F", ""))
                targets.append(str(spec))
    return targets


def links_of(root: Path) -> list[tuple[str, str]]:
    """(archive path of the file, link) for every link of the archive's
    .html, .docx and .pdf files (fragment-only links left out)."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            values = [v for _, _, v in page_links(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".docx":
            values = _docx_targets(path)
        elif path.suffix == ".pdf":
            values = _pdf_targets(path)
        else:
            continue
        found += [(rel, v) for v in values if urlsplit(v).path or is_absolute(v)]
    return found


def dangling_links(root: Path, links: list[tuple[str, str]] | None = None) -> list[str]:
    """Each relative link of the archive `root` whose file it does not hold."""
    problems = []
    for rel, value in links if links is not None else links_of(root):
        if value.lower().startswith("file:"):
            problems.append(f"{rel}: {value}（この環境のファイルへのリンクです）")
            continue
        if is_absolute(value):
            continue
        if not _exists(root, target_of(root, root / rel, value)):
            problems.append(f"{rel}: {value}")
    return problems
