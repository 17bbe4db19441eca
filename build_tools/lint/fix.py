"""`policy lint --fix`: the safe rewrites, in place, keeping RST markup.

Only what a finding reports is rewritten, and only where its characters
are written in the file exactly as they read (on one line, no markup in
between). A heading that grows keeps a valid underline (and overline). The
files are read again by the one reader afterwards; if the RST no longer
builds, every file is put back as it was.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from ..errors import PolicyError

_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1+\s*$")


def width(text: str) -> int:
    """Columns as docutils counts them for a title's underline."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def apply_fixes(findings, reread) -> list[str]:
    """Rewrite the files; the lines saying what changed. `reread()` reads the
    fixed text again (raising PolicyError if it is no longer valid RST)."""
    by_file = defaultdict(list)
    for finding in findings:
        if finding.fix is not None and finding.block is not None and finding.block.path:
            by_file[finding.block.path].append(finding)
    originals, changed = {}, []
    for path, items in by_file.items():
        text = Path(path).read_text(encoding="utf-8")
        originals[path] = text
        lines = text.split("\n")
        titles = set()
        done = []   # (line, start, end) already rewritten
        for finding in sorted(items, key=lambda f: (f.fix.line, f.fix.column), reverse=True):
            fix = finding.fix
            row, start = fix.line - 1, fix.column - 1
            end = start + len(fix.old)
            if lines[row][start:end] != fix.old or any(
                    r == row and start < e and s < end or (r == row and start == end == s)
                    for r, s, e in done):
                continue
            lines[row] = lines[row][:start] + fix.new + lines[row][end:]
            done.append((row, start, end))
            if finding.block.kind == "title":
                titles.add(row)
            changed.append(f"{finding.file}:{fix.line}:{fix.column}: {finding.rule}: "
                           f"「{fix.old}」→「{fix.new}」")
        for row in titles:
            _adorn(lines, row)
        Path(path).write_text("\n".join(lines), encoding="utf-8")
    if changed:
        try:
            reread()
        except PolicyError as exc:
            for path, text in originals.items():
                Path(path).write_text(text, encoding="utf-8")
            raise PolicyError(f"直した原稿が RST として読めなくなるため、元に戻しました: {exc.message}",
                              file=exc.file, line=exc.line,
                              hint="この指摘は手で直してください") from None
    return sorted(changed)


def _adorn(lines: list[str], row: int) -> None:
    """Lengthen a title's underline and overline to the title's width."""
    need = width(lines[row].strip())
    for other in (row + 1, row - 1):
        if 0 <= other < len(lines):
            match = _ADORNMENT.match(lines[other])
            if match and width(lines[other].rstrip()) < need:
                lines[other] = match.group(1) * need
