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
        for container in self.document.findall(nodes.container):
            if policy_nodes.RECONSTRUCTED in container["classes"]:
                if container.children and policy_nodes.PROVENANCE_LABEL in container[0]["classes"]:
                    continue
                text = policy_nodes.RECONSTRUCTED_LABEL
                label = nodes.paragraph(text, text, classes=[policy_nodes.PROVENANCE_LABEL])
                container.insert(0, label)


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
    app.add_config_value("policy_work", {}, "html", dict)
    app.add_config_value("policy_revision", {}, "html", dict)
    # Other formats of the same revision, linked from its pages: [(label, file)].
    app.add_config_value("policy_editions", [], "html", list)
    # Where the publication site is, seen from the edition's root (a preview
    # sits beside the site, not inside it).
    app.add_config_value("policy_site_root", None, "html", str)
    # A digest of our code and templates: when it changes, Sphinx rewrites
    # every page even though no source changed (a translator fix, say).
    app.add_config_value("policy_tools_digest", "", "html", str)
    app.add_transform(LabelReconstructed)
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
