"""The docutils doctree of tests/fixtures/docx/all_nodes.rst, with roles for
our own nodes (:ins:, :del:, :moved:) and Sphinx's :ref: as a plain reference."""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import roles

from build_tools import nodes as policy_nodes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "docx"
ALL_NODES = FIXTURES / "all_nodes.rst"


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
