"""A Sphinx extension that keeps a revision's build inside its `source/`.

The text of a revision comes from git, but RST can name files anywhere:
`.. figure:: ../../../etc/passwd` would copy that file into the published
site, and `.. include::` would publish its content. Every path a directive
reads (image, figure, include, literalinclude, raw/csv-table `:file:`) must
stay inside `source/`, and nothing may be fetched by `:url:`. A file that is
not UTF-8 is reported with its line instead of stopping Sphinx with a
traceback. Each problem is a Sphinx warning with the file and line, which
the pipeline turns into a PolicyError; the offending line is blanked out
first, so nothing is read from outside even while the build fails.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

# `.. image:: p`, `.. |sub| image:: p`, `.. figure:: p`, `.. include:: p`, …
_PATH_DIRECTIVE = re.compile(
    r"^(?P<indent>\s*)\.\.\s+(?:\|[^|]+\|\s+)?"
    r"(?P<name>image|figure|include|literalinclude)::\s*(?P<path>\S.*?)\s*$")
_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?:\|[^|]+\|\s+)?[\w:-]+::")
_OPTION = re.compile(r"^\s+:(?P<name>file|url):\s*(?P<value>.*?)\s*$")
_BLANKED = ".. (source_guard: この行は読み込みません)"


def outside(srcdir: Path, docdir: Path, written: str) -> bool:
    """Whether `written` (as an RST author wrote it) names a file outside
    `srcdir`. Like Sphinx, a leading '/' means the top of source/."""
    if written.startswith("<") and written.endswith(">"):
        return False  # a standard docutils include (<isonum.txt>), not a file path
    base = srcdir if written.startswith("/") else docdir
    target = (base / written.lstrip("/")).resolve()
    return not target.is_relative_to(srcdir.resolve())


def check_lines(lines: list[str], *, srcdir: Path, docdir: Path, location) -> list[str]:
    """`lines` with every line that would read outside source/ blanked out
    (same number of lines, so later line numbers stay right)."""
    result = list(lines)
    in_directive = False
    for number, line in enumerate(lines):
        match = _PATH_DIRECTIVE.match(line)
        if match and "://" not in match["path"] and not match["path"].startswith("data:"):
            if outside(srcdir, docdir, match["path"]):
                logger.warning("%s のパス '%s' が source/ の外を指しています。"
                               "図や取り込むファイルは source/ の中に置いてください",
                               match["name"], match["path"], location=location(number + 1))
                result[number] = match["indent"] + _BLANKED
                continue
        if _DIRECTIVE.match(line):
            in_directive = True
            continue
        option = _OPTION.match(line) if in_directive else None
        if option:
            value = option["value"]
            if option["name"] == "url":
                logger.warning(":url: で外部から取り込むことはできません（'%s'）。"
                               "内容を source/ の中のファイルにしてください", value,
                               location=location(number + 1))
                result[number] = ""
            elif outside(srcdir, docdir, value):
                logger.warning(":file: のパス '%s' が source/ の外を指しています。"
                               "取り込むファイルは source/ の中に置いてください", value,
                               location=location(number + 1))
                result[number] = ""
        elif line.strip() and not line[:1].isspace():
            in_directive = False
    return result


def _guard(app, docdir: Path, content: list, location) -> None:
    lines = content[0].split("\n")
    checked = check_lines(lines, srcdir=Path(app.srcdir), docdir=docdir, location=location)
    if checked != lines:
        content[0] = "\n".join(checked)


def _source_read(app, docname, content):
    path = Path(app.env.doc2path(docname))
    _guard(app, path.parent, content, lambda line: (docname, line))


def _include_read(app, relative_path, parent_docname, content):
    path = Path(app.srcdir) / relative_path
    _guard(app, path.parent, content, lambda line: (str(path), line))


def first_bad_line(data: bytes) -> int | None:
    """The line of the first byte that is not UTF-8, or None if all is UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[:exc.start].count(b"\n") + 1
    return None


def _check_encoding(app, env, docnames):
    for docname in docnames:
        path = Path(env.doc2path(docname))
        line = first_bad_line(path.read_bytes())
        if line is not None:
            logger.warning("UTF-8 で読めません（%d 行目に UTF-8 でない文字があります）。"
                           "UTF-8 で保存し直してコミットしてください", line,
                           location=(docname, line))
            env.settings["input_encoding"] = CODEC


# Sphinx stops with a UnicodeDecodeError on a file that is not UTF-8. When
# there is one, it reads with this codec instead (UTF-8, BOM allowed, bad bytes replaced), so that
# the warning above, with its line, is what the editor sees.
CODEC = "policy_utf_8_checked"


def _find_codec(name):
    if name != CODEC:
        return None
    base = codecs.lookup("utf-8-sig")

    def decode(data, errors="strict"):
        return base.decode(data, "replace")

    class IncrementalDecoder(base.incrementaldecoder):
        def __init__(self, errors="strict"):
            super().__init__("replace")

    return codecs.CodecInfo(base.encode, decode, name=CODEC,
                            incrementalencoder=base.incrementalencoder,
                            incrementaldecoder=IncrementalDecoder,
                            streamreader=base.streamreader, streamwriter=base.streamwriter)


codecs.register(_find_codec)


def setup(app):
    app.connect("env-before-read-docs", _check_encoding)
    app.connect("source-read", _source_read)
    app.connect("include-read", _include_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
