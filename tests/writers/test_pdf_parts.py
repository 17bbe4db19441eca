"""A long table's PDF, typeset in parts on every core and joined
(writers/pdf_parts.py), reads as one document: page numbers run on, every
page has its header, the structure tree covers every page, it is still a
PDF/A-3b with its attachment, and the same input gives the same bytes.

Parts are made small here (8-row tables, two a part) so that a 40-opinion
result has three parts."""
from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest

from build_tools import writers
from build_tools.consultation import bench, document
from build_tools.revisions import Project
from build_tools.writers import FrontMatter, pdf_html, pdf_parts
from tests.policy_repo import ROOT

COUNT = 40


def _publish(out):
    project = Project(ROOT)
    c, sections = bench.generated(project, COUNT)
    policy = project.policy()
    title, subtitle = document.titles(c, policy)
    running_title, running_notice = document.running(c, policy)
    front = FrontMatter(title=title, policy=vars(policy), subtitle=subtitle, notice=bench.NOTICE,
                        provenance=bench.NOTICE, basename="long", running_title=running_title,
                        running_notice=running_notice, epoch=1_600_000_000)
    tree = document.build(c, sections, policy=policy, links=document.Links(edition=None))
    writers.publish(tree, front, ["csv", "pdf"], out)
    return out / "long.pdf", running_title


@pytest.fixture(scope="module")
def joined(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setattr(pdf_html, "LONG_TABLE_ROWS", 8)
    patch.setattr(pdf_parts, "TABLES_PER_PART", 2)
    patch.setattr(pdf_parts, "NUMBER_PAGES", 4)   # the page numbers in several runs too
    try:
        first, running = _publish(tmp_path_factory.mktemp("first"))
        again, _ = _publish(tmp_path_factory.mktemp("again"))
    finally:
        patch.undo()
    return first, again, running


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_it_was_typeset_in_parts(monkeypatch):
    monkeypatch.setattr(pdf_html, "LONG_TABLE_ROWS", 8)
    project = Project(ROOT)
    c, sections = bench.generated(project, COUNT)
    tree = document.build(c, sections, policy=project.policy(), links=document.Links(edition=None))
    pages = pdf_html.print_parts(tree, FrontMatter(title="t", policy=vars(project.policy())), 2)
    assert len(pages) >= 3   # 36 listed rows: five tables of eight or fewer, two a part
    assert all('class="running-title"' in page for page in pages[1:])


def test_page_numbers_run_on_and_every_page_has_its_header(joined):
    path, _, running = joined
    pages = _pages(path)
    assert len(pages) == len(pikepdf.open(path).pages) > 5
    for number, page in enumerate(pages, 1):
        assert re.search(rf"-\s*{number}\s*-\s*$", page.rstrip()), f"page {number}"
        if number > 1:
            assert running in page.split("\n", 3)[0] + page.split("\n", 3)[1], f"page {number}"


def test_every_opinion_once_in_order(joined):
    path, _, _ = joined
    text = "".join(_pages(path)).replace(" ", "").replace("\n", "")
    found = [int(n) for n in re.findall(r"考え方(\d+)：", text)]
    c, _ = bench.generated(Project(ROOT), COUNT)
    listed = [op.number for op in c.opinions if not op.count_only]
    assert sorted(found) == listed and len(set(found)) == len(found)


def test_one_structure_tree_over_every_page(joined):
    path, _, _ = joined
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked
        tree = pdf.Root.StructTreeRoot
        document_element = tree.K[0]
        assert document_element.S == "/Document"
        assert all(child.P.objgen == document_element.objgen for child in document_element.K)
        keys = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(keys)) == len(keys)
        nums = tree.ParentTree.Nums
        entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        pages = {page.obj.objgen for page in pdf.pages}
        def kinds(element, depth=0):
            if depth > 6 or not isinstance(element, pikepdf.Dictionary):
                return []
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            return [str(element.get("/S"))] + [k for kid in kids for k in kinds(kid, depth + 1)]
        assert kinds(document_element).count("/Table") >= 5
        for page in pdf.pages:
            contents = b"".join(c.read_bytes() for c in page.obj.Contents) \
                if isinstance(page.obj.Contents, pikepdf.Array) else page.obj.Contents.read_bytes()
            assert b"/Artifact <</Type /Pagination>> BDC" in contents
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)


def test_still_pdf_a_with_its_attachment_and_reproducible(joined):
    path, again, _ = joined
    with pikepdf.open(path) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
        assert "/OutputIntents" in pdf.Root
        assert pdf.attachments["long.csv"].get_file().read_bytes() == \
            (path.parent / "long.csv").read_bytes()
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    assert path.read_bytes() == again.read_bytes()


def test_not_much_bigger_than_the_same_result_typeset_whole(joined, tmp_path):
    path, _, _ = joined
    whole, _ = _publish(tmp_path)   # 36 rows: one part
    # Each part and each run of page numbers brings its own font subsets;
    # the parts' structure elements are packed in object streams again
    # (written one object each, they made the file 3 times the whole's).
    assert path.stat().st_size < 2.2 * whole.stat().st_size
