import pytest

from tests.consultation.helpers import Repo, make_consultation_repo


@pytest.fixture
def repo(tmp_path) -> Repo:
    """A fresh repository whose revision B has valid consultation records."""
    r = make_consultation_repo(tmp_path / "repo")
    r.write()
    return r
