"""The text writer: a document for a terminal (`policy diff -f text`).

The title, the paragraphs before the first table, then each table row with
its cells under their column headers (a 新旧対照表: new text first, then old
text). Changes are underlined on a terminal, or bracketed 【＋…】/【－…】 when
piped, and a moved heading number is shown 《…》.
"""
from __future__ import annotations

from docutils import nodes

from ..nodes import MOVED, deleted, inserted

UNDER, DOUBLE, RESET = "\x1b[4m", "\x1b[21m", "\x1b[0m"


def _inline(par: nodes.Element, color: bool) -> str:
    out = []
    for child in par.children:
        text = child.astext()
        if isinstance(child, (inserted, deleted)):
            moved = MOVED in child["classes"]
            if color:
                out.append(f"{DOUBLE if moved else UNDER}{text}{RESET}")
            elif moved:
                out.append(f"《{text}》")
            else:
                out.append(f"【{'＋' if isinstance(child, inserted) else '－'}{text}】")
        else:
            out.append(text)
    return "".join(out)


def write(doctree: nodes.document, front, path):
    path.write_text(render(doctree, front), encoding="utf-8")
    return path


def render(doctree: nodes.document, front=None, *, color: bool = False) -> str:
    lines = []
    section = next(iter(doctree.findall(nodes.section)))
    lines.append(f"■ {section[0].astext()}")
    for child in section.children[1:]:
        if isinstance(child, nodes.paragraph):
            lines.append(child.astext())
    table = next(iter(section.findall(nodes.table)), None)
    if table is None:
        return "\n".join(lines) + "\n"
    head = [e.astext() for e in next(iter(table.findall(nodes.thead))).findall(nodes.entry)]
    for row in next(iter(table.findall(nodes.tbody))).children:
        lines.append("")
        lines.append("─" * 40)
        for name, entry in zip(head, row.children):
            lines.append(f"［{name}］")
            for child in entry.children:
                if isinstance(child, nodes.table):   # a table inside: a line a row
                    for inner in child.findall(nodes.row):
                        lines.append("  ｜" + "｜".join(
                            "".join(_inline(p, color) for p in cell.findall(nodes.paragraph))
                            for cell in inner.children) + "｜")
                else:
                    for par in child.findall(nodes.paragraph, include_self=True):
                        lines.append("  " + _inline(par, color))
    return "\n".join(lines) + "\n"
