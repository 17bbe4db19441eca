"""Writers of the formats other than Sphinx's HTML: one per format.

Each renders a doctree (an edition, a 新旧対照表 or a public-comment table)
to one file. The registry names them for the builders, which import a writer
only when its format is asked for.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Writer:
    label: str       # shown in links: 「Word（.docx）」
    extension: str
    module: str      # module with write(doctree, path, *, policy, revision, source_dir)

    def write(self, doctree, path, **context):
        return importlib.import_module(self.module).write(doctree, path, **context)


EDITION_WRITERS: dict[str, Writer] = {}
EDITION_WRITERS["pdf"] = Writer("PDF", "pdf", "build_tools.writers.pdf")
EDITION_WRITERS["docx"] = Writer("Word（.docx）", "docx", "build_tools.writers.docx")


def parse_formats(text: str, allowed) -> list[str]:
    """The formats a user listed (`html,docx`), in the order of `allowed`;
    an unknown or empty list is a PolicyError that names what is allowed."""
    from ..errors import PolicyError

    wanted = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in allowed]
    if unknown or not wanted:
        raise PolicyError(f"形式 '{','.join(unknown) or text}' は作れません",
                          hint="使える形式: " + ", ".join(allowed))
    return [f for f in allowed if f in wanted]
