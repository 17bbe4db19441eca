"""Golden files of the 新旧対照表 H24 → H29: the comparison doctree (its rows
and the inserted/deleted marks, before any writer) and the print HTML the PDF
is typeset from. A change in either shows up here as a readable diff.

Accept new goldens after reading them: UPDATE_GOLDEN=1 pytest tests/writers/test_goldens.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.diff import compare_refs
from build_tools.diff.publish import front_matter
from build_tools.revisions import Project
from build_tools.writers.pdf_html import print_html

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "tests" / "expected"


def check_golden(actual: str, golden: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"golden missing: run with UPDATE_GOLDEN=1 after reading {golden.name}"
    assert actual == golden.read_text(encoding="utf-8"), \
        f"{golden.name} changed: read the difference, then accept with UPDATE_GOLDEN=1"


@pytest.fixture(scope="module")
def project():
    return Project(ROOT)


@pytest.fixture(scope="module")
def comparison(project):
    return compare_refs(project, "H24", "H29")


def test_comparison_doctree_h24_h29(comparison):
    actual = comparison.doctree().pformat()
    # Not an empty table: both sides' rows and the marks are there.
    assert "<inserted" in actual and "<deleted" in actual
    check_golden(actual, EXPECTED / "diff" / "H24-H29.pseudoxml")


def test_comparison_print_html_h24_h29(comparison, project):
    front = front_matter(comparison, policy=vars(project.policy()))
    actual = print_html(comparison.doctree(), front)
    assert "<ins" in actual and "<del" in actual
    check_golden(actual, EXPECTED / "print" / "comparison-H24-H29.html")
