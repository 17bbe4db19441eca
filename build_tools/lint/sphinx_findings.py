"""The preview's pages show their 公用文 findings in place (a Sphinx extension,
used by `policy preview` only: the published site never carries them).

After Sphinx has read the working tree, the whole document is checked once
(some rules look across chapters: one 読点, one 文体, heading numbers); every
page is then written again, each with a box after every block that has a
finding. The Document and the findings stay on the application for the
preview builder (its count line, its 新旧対照表).
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes

from ..nodes import LINT_FINDINGS
from .blocks import TEXT_NODES, SourceFiles, located
from .rules import LEVEL_NAMES

# Where a box may stand: a block of the body directly inside one of these.
_BODY_PARENTS = (nodes.section, nodes.list_item, nodes.entry, nodes.container, nodes.document,
                 nodes.block_quote, nodes.Admonition, nodes.definition, nodes.field_body,
                 nodes.compound, nodes.topic)
_STYLE = (f"<style>.{LINT_FINDINGS}{{border-left:4px solid #b3261e;background:#fff4f2;"
          f"margin:.3em 0 .8em;padding:.2em .6em;font-size:.9em;color:#3b0a07}}"
          f".{LINT_FINDINGS} p{{margin:.2em 0}}</style>")


def setup(app):
    app.add_config_value("policy_lint_root", "", "env", str)
    app.connect("env-updated", _lint)
    app.connect("doctree-resolved", _show)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _lint(app, env):
    from ..document import Source, document_of
    from . import lint_doctree, load_settings
    root = Path(app.config.policy_lint_root) if app.config.policy_lint_root else None
    folder = Path(app.srcdir)
    app.policy_document = document_of(app, Source("source", "作業中の原稿", "作業中の原稿（source/）",
                                                  is_draft=True))
    files = SourceFiles(folder, {p.relative_to(folder).as_posix():
                                 f"source/{p.relative_to(folder).as_posix()}"
                                 for p in folder.rglob("*.rst")})
    findings, _ = lint_doctree(app.policy_document.doctree, files, load_settings(root))
    app.policy_findings = findings
    app.policy_lint_files = files
    by_place = {}
    for finding in findings:
        block = finding.block
        by_place.setdefault((block.rel, block.node_line, block.text), []).append(finding)
    app.policy_findings_at = by_place
    # A finding can come from another page's text (one 読点 for the document):
    # every page is written again.
    return sorted(env.found_docs)


def _show(app, doctree, docname):
    by_place = getattr(app, "policy_findings_at", None)
    if by_place is None:
        return
    _link_comparison(doctree, docname, len(app.policy_findings))
    from .blocks import block_text
    files = app.policy_lint_files
    boxes = []
    for node in doctree.findall(lambda n: isinstance(n, TEXT_NODES)):
        source, line = located(node)
        rel = files.find(source)
        found = by_place.get((rel, line, block_text(node))) if rel else None
        if found:
            boxes.append((node, found))
    for node, found in boxes:
        target = node
        while target.parent is not None and not isinstance(target.parent, _BODY_PARENTS):
            target = target.parent
        if target.parent is None:
            continue
        box = nodes.container("", classes=[LINT_FINDINGS])
        for finding in found:
            box += nodes.paragraph("", f"【公用文チェック・{LEVEL_NAMES[finding.level]}】"
                                       f"{finding.rule}: 「{finding.text}」 {finding.message}"
                                       f" → {finding.suggestion}"
                                       f"（{finding.file}:{finding.line}:{finding.column}）")
        target.parent.insert(target.parent.index(target) + 1, box)
    from ..sphinx_run import WEB_BUILDER
    doctree.insert(0, nodes.raw("", _STYLE, format=WEB_BUILDER))


def _link_comparison(doctree, docname: str, count: int) -> None:
    """At the top of every page: the findings count and the 新旧対照表 page."""
    up = "../" * docname.count("/")
    note = nodes.paragraph("", f"作業中の原稿全体の公用文チェック: 指摘 {count} 件。")
    note += nodes.reference("", "新旧対照表（作業中の原稿と現行の版）", refuri=f"{up}diff/index.html")
    box = nodes.container("", note, classes=[LINT_FINDINGS])
    first_section = next(iter(doctree.findall(nodes.section)), None)
    parent = first_section if first_section is not None else doctree
    title = next((i + 1 for i, child in enumerate(parent.children)
                  if isinstance(child, nodes.title)), 0)
    parent.insert(title, box)
