"""The sections an opinion can concern: the RST labels of a revision's text
(`.. _purpose:`), in document order, with the page and title they have in
the revision's web edition.

Read from the revision's doctree (Sphinx, dummy builder: no HTML is
written), so a label is known exactly when the edition has that anchor.
Cached per commit: a commit's text never changes.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from docutils import nodes

from ..revisions import Project, Revision

# Labels Sphinx defines itself, not sections of the policy.
_SPHINX_LABELS = {"genindex", "modindex", "py-modindex", "search"}
CACHE_VERSION = 1


@dataclass(frozen=True)
class Section:
    label: str
    docname: str     # page of the web edition: <docname>.html
    title: str       # the section's heading, e.g. 「1.公民連携とは」
    order: int       # position in the document

    @property
    def href(self) -> str:
        """Link from a page one folder below the edition (…/<ID>/comments/)."""
        return f"../{self.docname}.html#{self.label}"


def sections_of(project: Project, rev: Revision, cache_dir: Path | None = None,
                *, ref: str | None = None) -> dict[str, Section]:
    """label -> Section for the text of `rev` (or of another commit `ref`,
    e.g. a draft), in document order."""
    commit = project.commit_of(ref or rev.commit, revision=None if ref else rev).hexsha
    cache_dir = Path(cache_dir or project.root / "build" / ".cache" / "comments")
    cached = cache_dir / f"sections-{commit}.json"
    if cached.is_file():
        data = json.loads(cached.read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION:
            return {s["label"]: Section(**s) for s in data["sections"]}
    found = _read_sections(project, rev, commit, cache_dir / commit[:12])
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": CACHE_VERSION,
                               "sections": [asdict(s) for s in found]},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(cached)
    return {s.label: s for s in found}


def _read_sections(project: Project, rev: Revision, commit: str, work: Path) -> list[Section]:
    from ..sphinx_run import assemble_doctree, run_sphinx, sphinx_config
    src = project.export_source(commit, work / "src")
    config = sphinx_config(policy=vars(project.policy()), revision=rev.context(), editions=[])
    app = run_sphinx(src, work / "out", work / "doctrees", config=config, builder="dummy",
                     shown_as=f"source（コミット {commit[:7]}）")
    std = app.env.domains.standard_domain
    labels = {name: docname for name, (docname, _id) in std.anonlabels.items()
              if name not in _SPHINX_LABELS}
    titles = {name: str(entry[2]) for name, entry in std.labels.items() if entry[2]}
    tree = assemble_doctree(app)
    found: list[Section] = []
    for element in tree.findall(nodes.Element):
        for ident in element.get("ids", []):
            if ident in labels and all(s.label != ident for s in found):
                title = titles.get(ident) or _enclosing_title(element)
                found.append(Section(ident, labels[ident], title, len(found)))
    return found


def _enclosing_title(element: nodes.Element) -> str:
    parent = element.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children and \
                isinstance(parent[0], nodes.title):
            return parent[0].astext()
        parent = parent.parent
    return ""
