"""`policy diff --format text`: the comparison doctree for a terminal.

Each changed section is printed new text first, then old text; changes are
underlined on a terminal, or bracketed 【＋…】/【－…】 when piped, and a
moved heading number is shown 《…》.
"""
from __future__ import annotations

from docutils import nodes

from ..nodes import deleted, inserted

UNDER, DOUBLE, RESET = "\x1b[4m", "\x1b[21m", "\x1b[0m"


def _inline(par: nodes.Element, color: bool) -> str:
    out = []
    for child in par.children:
        text = child.astext()
        if isinstance(child, (inserted, deleted)):
            moved = "moved" in child["classes"]
            if color:
                out.append(f"{DOUBLE if moved else UNDER}{text}{RESET}")
            elif moved:
                out.append(f"《{text}》")
            else:
                out.append(f"【{'＋' if isinstance(child, inserted) else '－'}{text}】")
        else:
            out.append(text)
    return "".join(out)


def render_text(doctree: nodes.document, color: bool = False) -> str:
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
            for par in entry.findall(nodes.paragraph):
                lines.append("  " + _inline(par, color))
    return "\n".join(lines) + "\n"
