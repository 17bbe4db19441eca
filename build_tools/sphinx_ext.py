"""The Sphinx extension the pipeline loads into every build of the policy.

It adds what the policy's own conf.py deliberately leaves out: our nodes,
the label on reconstructed passages, and the revision and contact data the
templates show on every page.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from . import nodes as policy_nodes
from . import search_ja
from .writers.html import NODE_VISITORS



class LabelReconstructed(SphinxTransform):
    """Give every `.. container:: reconstructed` a visible label, in every
    edition, so that no reconstructed text can read as the city's wording."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        # The whole sentence once per section; a further passage of the same
        # section is marked 【再構成】 (the page's provenance box explains it).
        said = set()
        for container in self.document.findall(nodes.container):
            if policy_nodes.RECONSTRUCTED in container["classes"]:
                if container.children and policy_nodes.PROVENANCE_LABEL in container[0]["classes"]:
                    continue
                section = next((a for a in _ancestors(container) if isinstance(a, nodes.section)),
                               None)
                text = policy_nodes.RECONSTRUCTED_MARK if id(section) in said \
                    else policy_nodes.RECONSTRUCTED_LABEL
                said.add(id(section))
                label = nodes.paragraph(text, text, classes=[policy_nodes.PROVENANCE_LABEL])
                container.insert(0, label)


class ExplainOmittedFigure(SphinxTransform):
    """A figure the edition does not hold (`.. container:: figure-omitted`):
    said in a citizen's words, with a link to the city's page that has it,
    and marked as not the policy's text, so no 新旧対照表 shows the note as
    deleted or added."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        policy = self.config.policy_work or {}
        for container in self.document.findall(nodes.container):
            classes = container["classes"]
            if policy_nodes.FIGURE_OMITTED not in classes or policy_nodes.EDITORIAL_NOTE in classes:
                continue
            classes.append(policy_nodes.EDITORIAL_NOTE)
            # The source names the figure before its note: 「公民連携のイメージ図（…）」.
            container[FIGURE_NAME] = container.astext().split("（")[0].strip() or "図"
            container.children = []
            container += omitted_figure_note(container[FIGURE_NAME], policy)


FIGURE_NAME = "figure_name"   # kept on the container: a later reader can say it again


def omitted_figure_note(name: str, policy: dict) -> nodes.paragraph:
    """「…は、このページには掲載していません。」 and, where the policy has a
    page_url, a link to the city's page (the reader has no policy: the
    見え消し edition says the note again with it, diff/redline.py)."""
    para = nodes.paragraph()
    para += nodes.Text(f"{name}は、このページには掲載していません。")
    if policy.get("page_url"):
        link = f"{policy.get('city', '市')}ウェブサイトの「{policy.get('title', '')}」のページ"
        para += nodes.reference(link, link, refuri=policy["page_url"])
        para += nodes.Text("でご覧いただけます。")
    return para


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def _page_context(app, pagename, templatename, context, doctree):
    depth = pagename.count("/")
    context["edition_root"] = "../" * depth
    context["site_root"] = "../" * depth + (app.config.policy_site_root or "../")
    context["policy"] = app.config.policy_work
    context["revision"] = app.config.policy_revision
    context["editions"] = app.config.policy_editions


def _search_options(app, config):
    # Part of the config hash: a new splitter version re-indexes every page.
    config.html_search_options = {**(config.html_search_options or {}),
                                  "splitter": search_ja.SPLITTER_VERSION}


def setup(app):
    # The policy's data is read by transforms too (the omitted figure's link).
    app.add_config_value("policy_work", {}, "env", dict)
    app.add_config_value("policy_revision", {}, "html", dict)
    # Other formats of the same revision, linked from its pages: [(label, file)].
    app.add_config_value("policy_editions", [], "html", list)
    # Where the publication site is, seen from the edition's root (a preview
    # sits beside the site, not inside it).
    app.add_config_value("policy_site_root", None, "html", str)
    # A digest of our code and templates: when it changes, Sphinx reads and
    # rewrites every page even though no source changed (our transforms run
    # when a page is read, the translator when it is written).
    app.add_config_value("policy_tools_digest", "", "env", str)
    app.add_transform(LabelReconstructed)
    app.add_transform(ExplainOmittedFigure)
    # RST may not read or publish files outside source/ (figures, includes).
    app.setup_extension("build_tools.source_guard")
    # Japanese search: the index and the reader's query split the same way.
    app.add_search_language(search_ja.SearchJapaneseBigram)
    app.setup_extension("build_tools.sphinx_a11y")
    app.connect("config-inited", _search_options)
    for node in policy_nodes.ALL:
        app.add_node(node, html=NODE_VISITORS[node.__name__])
    app.connect("html-page-context", _page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
