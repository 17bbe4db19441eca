"""Run Sphinx on one revision's text, with our extension, theme and context.

Sphinx's warnings become one PolicyError whose locations point at the file
the editor knows (`source/…` at the revision's commit), not at our cache.
"""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from .errors import PolicyError
from .templates import PARTIALS_DIR, THEME_DIR

# Sphinx's builder of the web edition (and the tags its `.. only::` sees).
WEB_BUILDER = "html"


_WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+)?:? ?(?:\(?\w+/\d\)?\s*)?"
                      r"(?P<level>WARNING|ERROR|SEVERE|CRITICAL): (?P<msg>.*)$")


def sphinx_config(*, policy: dict, revision: dict, editions: list) -> dict:
    """What the pipeline adds to (and overrides in) the policy's conf.py."""
    return {
        "extensions": ["build_tools.sphinx_ext"],
        "html_theme": "policy",
        "html_theme_path": [str(THEME_DIR)],
        "templates_path": [str(PARTIALS_DIR)],
        "html_title": policy["title"],
        "html_short_title": policy["title"],
        "html_show_sourcelink": False,
        "html_copy_source": False,
        "html_show_sphinx": False,
        "html_show_copyright": False,
        "html_permalinks_icon": "§",
        "html_last_updated_fmt": None,
        "html_search_language": "ja",
        "language": "ja",
        "policy_work": policy,
        "policy_revision": revision,
        "policy_editions": editions,
    }


def reader_config(*, root_doc: str = "index", include: list[str] | None = None) -> dict:
    """What the reader adds to a text's own conf.py: our extension (its
    nodes and transforms), and for a draft the files to read."""
    config = {"extensions": ["build_tools.sphinx_ext"], "language": "ja", "root_doc": root_doc}
    if include is not None:
        config["include_patterns"] = include
    return config


def run_sphinx(srcdir: Path, outdir: Path, doctreedir: Path, *, config: dict,
               builder: str = WEB_BUILDER, shown_as: str = "source", origin: str = "",
               confdir: Path | None | str = "srcdir", intro: str = "", hint: str | None = None):
    """Build `srcdir` with Sphinx; return the application (for its environment).

    Any warning fails the build: an official edition is published clean.
    `shown_as` is how `srcdir` is named in messages, `origin` says where
    that text comes from (a revision's commit)."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    try:
        with patch_docutils(srcdir), docutils_namespace():
            conf = str(srcdir) if confdir == "srcdir" else (str(confdir) if confdir else None)
            app = Sphinx(str(srcdir), conf, str(outdir), str(doctreedir), builder,
                         confoverrides=config, status=None, warning=warnings,
                         freshenv=False, keep_going=True)
            app.build()
    except SphinxError as exc:
        shutil.rmtree(doctreedir, ignore_errors=True)
        raise PolicyError(f"Sphinx がビルドできませんでした: {exc}", file=shown_as) from None
    problems = _problems(warnings.getvalue(), srcdir, shown_as)
    if problems:
        # Sphinx does not re-read an unchanged file, so forget the cached
        # environment: the next build must report the same problem again.
        shutil.rmtree(doctreedir, ignore_errors=True)
        first = problems[0]
        more = "".join(f"\n  {p}" for p in problems[1:10])
        if len(problems) > 10:
            more += f"\n  …ほか {len(problems) - 10} 件"
        raise PolicyError(intro + first + more, hint=hint or (
            f"{origin}RST の書き方を直してコミットし、もう一度ビルドしてください"))
    return app


def _problems(text: str, srcdir: Path, shown_as: str) -> list[str]:
    problems = []
    prefix = str(srcdir.resolve()) + "/"
    for raw in text.splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", raw).strip()
        if not line or line.startswith("WARNING: html_static_path"):
            continue
        line = line.replace(prefix, shown_as.rstrip("/") + "/").replace(str(srcdir), shown_as)
        line = re.sub(r"\.rst:(\d+): (?:\(\w+/\d\) )?(?:WARNING|ERROR|SEVERE|CRITICAL): ",
                      r".rst:\1: ", line)
        line = re.sub(r"^(WARNING|ERROR|SEVERE|CRITICAL): ", "", line)
        problems.append(line)
    return problems
