"""The docutils doctree of tests/fixtures/docx/all_nodes.rst, with roles for
our own nodes (:ins:, :del:, :moved:) and Sphinx's :ref: as a plain reference,
and the front matter of the sample table document it is written with."""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import roles

from build_tools import nodes as policy_nodes
from build_tools.writers import FrontMatter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "docx"
ALL_NODES = FIXTURES / "all_nodes.rst"
POLICY = {"title": "見本の方針", "city": "茅ヶ崎市", "department": "企画部 行政改革推進室"}
# A table document (no revision): a title block with a sample notice.
FRONT = FrontMatter(title="様式確認用の見本文書", policy=POLICY, subtitle="テスト用の見本",
                    epoch=1700000000, notice="これはテスト用の見本です。市の文書ではありません。",
                    base_dir=FIXTURES)


def _role(node_class, classes=()):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        return [node_class(rawtext, text, classes=list(classes))], []
    return role


def _ref(name, rawtext, text, lineno, inliner, options=None, content=None):
    title, _, target = text.partition(" <")
    return [nodes.reference(rawtext, title, refid=target.rstrip(">"))], []


def register_roles() -> None:
    roles.register_local_role("ins", _role(policy_nodes.inserted))
    roles.register_local_role("del", _role(policy_nodes.deleted))
    roles.register_local_role("moved", _role(policy_nodes.inserted, ["moved"]))
    roles.register_local_role("ref", _ref)


def doctree(text: str | None = None, source: Path = ALL_NODES) -> nodes.document:
    register_roles()
    return publish_doctree(
        text if text is not None else source.read_text(encoding="utf-8"),
        source_path=str(source),
        settings_overrides={"report_level": 5, "halt_level": 2, "doctitle_xform": False,
                            "_disable_config": True, "language_code": "ja"})
