"""Shared, expensive inputs of the comparison tests: each law and each
revision pair is read once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.diff import compare_refs
from build_tools.egov import CORPUS, to_rst
from build_tools.revisions import Project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def project():
    return Project(ROOT)


@pytest.fixture(scope="session")
def law_rst(tmp_path_factory):
    """law_rst('p4_tokkyo_single') -> (old.rst, new.rst), converted once."""
    folder = CORPUS
    if not folder.is_dir():
        # The corpus is committed with the project (tests/corpus/): its absence
        # is a broken checkout, not a reason to pass quietly.
        pytest.fail(f"e-Gov corpus not found at {CORPUS} (tests/corpus/egov-laws in the project)")
    out = tmp_path_factory.mktemp("egov")
    cache = {}

    def get(name):
        if name not in cache:
            files = sorted((folder / name).glob("*.xml"))
            paths = []
            for number, xml in enumerate(files):
                path = out / f"{name}-{number}.rst"
                path.write_text(to_rst(xml), encoding="utf-8")
                paths.append(path)
            cache[name] = tuple(paths)
        return cache[name]
    return get


@pytest.fixture(scope="session")
def law_comparison(law_rst, project):
    cache = {}

    def get(name):
        if name not in cache:
            old, new = law_rst(name)
            cache[name] = compare_refs(project, str(old), str(new))
        return cache[name]
    return get


@pytest.fixture(scope="session")
def revision_comparison(project):
    cache = {}

    def get(old, new):
        if (old, new) not in cache:
            cache[(old, new)] = compare_refs(project, old, new)
        return cache[(old, new)]
    return get
