"""The PDF edition, read back with poppler (pdffonts, pdftotext, pdfinfo,
pdftoppm) and pikepdf: fonts embedded, the whole text in reading order,
tagged PDF/A-3b with its sources attached, byte-identical on a rebuild."""
from __future__ import annotations

import hashlib
import re
import socket
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docutils import nodes
from docutils.utils import new_document
from docutils.frontend import get_default_settings

from build_tools import nodes as policy_nodes
from build_tools import writers
from build_tools.editions import EditionBuilder
from build_tools.errors import PolicyError
from build_tools.revisions import Project
from build_tools.document import document_of
from build_tools.sphinx_run import run_sphinx, sphinx_config
from build_tools.writers import Attachment, FrontMatter, pdf
from build_tools.writers.html import render_fragment

ROOT = Path(__file__).resolve().parents[2]
REVISIONS = ("H24", "H29", "R5")
BAD_LINE_START = "、。」）"
BAD_LINE_END = "「（"
# The body area of an A4 page (print.css: 25 mm margins), in points: text
# outside it is the running header and the page number.
BODY_CROP = ["-x", "0", "-y", "72", "-W", "596", "-H", "698"]


def run(*argv) -> str:
    return subprocess.run([str(a) for a in argv], check=True, capture_output=True,
                          text=True).stdout


def pdftotext(path: Path, *args) -> str:
    return run("pdftotext", *args, path, "-")


def pages_text(path: Path, *args) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    return pdftotext(path, *args).split("\f")[:-1]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def bad_line_breaks(text: str) -> list[str]:
    """Lines that break the Japanese rule (禁則): none starts with 、。」） and
    none ends with 「（."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line for line in lines
            if line[0] in BAD_LINE_START or line[-1] in BAD_LINE_END]


# --- fixtures -------------------------------------------------------------------

@pytest.fixture(scope="module")
def project():
    return Project(ROOT)


@pytest.fixture(scope="module")
def editions(project, tmp_path_factory):
    """Every bundled revision: its assembled doctree, context, front matter
    (made by the edition builder, with the sources attached) and PDF."""
    work = tmp_path_factory.mktemp("pdf")
    policy = vars(project.policy())
    builder = EditionBuilder(project)
    made = {}
    for rev_id in REVISIONS:
        rev = project.revision(rev_id)
        src = project.export_source(rev.commit, work / "src" / rev_id, revision=rev)
        context = rev.context()
        context.update(is_current=rev_id == "R5", editions=[],
                       source_date_epoch=project.commit_of(rev.commit).committed_date)
        app = run_sphinx(src, work / "html" / rev_id, work / "doctrees" / rev_id,
                         config=sphinx_config(policy=policy, revision=context, editions=[]))
        doctree = document_of(app).doctree
        front = builder.front_matter(rev, context, src)
        path = pdf.write(doctree, front, work / f"policy-{rev_id}.pdf")
        made[rev_id] = {"doctree": doctree, "revision": context, "pdf": path, "src": src,
                        "commit": rev.commit, "front": front}
    made["policy"] = policy
    return made


def _comparison_table() -> tuple[nodes.table, nodes.tgroup]:
    """An empty 新旧対照表 table: two columns under the 改正後／改正前 header row."""
    table = nodes.table(classes=["comparison-table"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=50)
    group += nodes.colspec(colwidth=50)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph("", text))
                            for text in ("改正後", "改正前")))
    group += head
    return table, group


def comparison_doctree(rows: int = 70) -> nodes.document:
    """A 新旧対照表-like doctree long enough to run over several pages."""
    doc = new_document("<comparison>", get_default_settings())
    doc += nodes.paragraph("", "（傍線部分は改正部分）")
    table, group = _comparison_table()
    body = nodes.tbody()
    for number in range(1, rows + 1):
        new = nodes.paragraph("", f"第{number}項　市は、")
        new += policy_nodes.inserted("", "公民連携")
        new += nodes.Text("の推進に努めるものとする。")
        old = nodes.paragraph("", f"第{number}項　市は、")
        old += policy_nodes.deleted("", "民間活力の活用")
        old += nodes.Text("の推進に努めるものとする。")
        body += nodes.row("", nodes.entry("", new), nodes.entry("", old))
    # Narrow cells full of 「」、。（）: where 禁則 line breaking is put to work.
    long = "市は、「公民連携」の推進に当たり、「市民」、「民間団体」、（仮称）「協議会」と連携する。" * 3
    body += nodes.row("", nodes.entry("", nodes.paragraph("", long)),
                      nodes.entry("", nodes.paragraph("", long.replace("市は", "本市では"))))
    moved_new = nodes.paragraph("")
    moved_new += policy_nodes.inserted("", "第9項", classes=["moved"])
    moved_old = nodes.paragraph("")
    moved_old += policy_nodes.deleted("", "第8項", classes=["moved"])
    body += nodes.row("", nodes.entry("", moved_new), nodes.entry("", moved_old))
    group += body
    doc += table
    return doc


SAMPLE_NOTICE = "見本：テスト用の架空の対照表です（市の文書ではありません）"


def sample_front(policy: dict, title: str, **changes) -> FrontMatter:
    """The front matter of a sample table document (a title block, no cover)."""
    return FrontMatter(title=title, policy=policy, epoch=0, notice="見本", **changes)


@pytest.fixture(scope="module")
def comparison_pdf(editions, tmp_path_factory):
    work = tmp_path_factory.mktemp("comparison")
    attachment = work / "comments.csv"
    attachment.write_text("番号,意見\n1,見本の意見\n", encoding="utf-8")
    front = FrontMatter(
        title="新旧対照表（見本）", policy=editions["policy"], subtitle="テスト用",
        epoch=1700000000, landscape=True, notice=SAMPLE_NOTICE,
        attachments=(Attachment(attachment.name, attachment.read_bytes(), "添付資料"),))
    return pdf.write(comparison_doctree(), front, work / "comparison.pdf"), attachment


# --- the edition -------------------------------------------------------------------

PROVENANCE = "見本：架空の本文です（市の公表文ではありません）"


@pytest.mark.parametrize("provenance", [PROVENANCE, None])
def test_published_pdf_is_named_titled_and_says_what_its_text_is(tmp_path, editions,
                                                                  provenance):
    """Through the one publishing path: the file is named after the front
    matter's basename, its first page shows the title, and a reconstructed or
    sample text says so in the PDF's metadata (Info /Subject and XMP
    dc:description), not only on the page."""
    front = FrontMatter(title="新旧対照表（公開経路の見本）", policy=editions["policy"],
                        subtitle="テスト用", epoch=1700000000, notice=SAMPLE_NOTICE,
                        provenance=provenance, basename="comparison-sample")
    written = writers.publish(comparison_doctree(rows=5), front, ["pdf"], tmp_path / "out")
    path = tmp_path / "out" / "comparison-sample.pdf"
    assert written == [path] and path.read_bytes()[:5] == b"%PDF-"
    assert squash(front.title) in squash(pages_text(path)[0])
    with pikepdf.open(path) as doc:
        subject = str(doc.docinfo.get("/Subject", ""))
        description = str(doc.open_metadata().get("dc:description", ""))
    if provenance is None:
        assert "市の公表文ではありません" not in subject + description
    else:
        assert provenance in subject, subject
        assert provenance in description, description


@pytest.mark.parametrize("rev_id", REVISIONS)
def test_every_font_is_ipaex_and_embedded(editions, rev_id):
    rows = run("pdffonts", editions[rev_id]["pdf"]).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert re.fullmatch(r"[A-Z]{6}\+IPAex(Mincho|Gothic)", name), row
        assert emb == "yes", row
    names = " ".join(rows)
    assert "IPAexMincho" in names and "IPAexGothic" in names


def _blocks(doctree) -> list[str]:
    """The text blocks of the policy in reading order (titles, paragraphs,
    table cells, lines), each without its inner whitespace."""
    kinds = (nodes.title, nodes.paragraph, nodes.line)
    found = []
    for node in doctree.findall(lambda n: isinstance(n, kinds)):
        text = squash(node.astext())
        if text and not any(isinstance(a, kinds) for a in _ancestors(node)):
            found.append(text)
    return found


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


@pytest.mark.parametrize("rev_id", REVISIONS)
def test_the_whole_text_comes_out_in_reading_order(editions, rev_id):
    edition = editions[rev_id]
    policy = editions["policy"]
    text = squash(pdftotext(edition["pdf"], *BODY_CROP))
    revision = edition["revision"]
    expected = [squash(t) for t in (
        policy["title"], f"{revision['adopted_wareki']}{revision['kind']}",
        policy["city"], policy["department"], revision["provenance"]["note"], "目次")]
    blocks = _blocks(edition["doctree"])
    assert blocks[0] == squash(policy["title"])  # on the cover, not repeated in the body
    expected += blocks[1:]
    position = 0
    for block in expected:
        found = text.find(block, position)
        assert found >= 0, f"missing or out of order: {block[:40]}"
        position = found + len(block)


@pytest.mark.parametrize("rev_id", REVISIONS)
def test_no_line_starts_or_ends_with_a_forbidden_character(editions, rev_id):
    text = pdftotext(editions[rev_id]["pdf"])
    assert len(text.splitlines()) > 40
    assert bad_line_breaks(text) == []


def test_the_line_break_check_finds_a_bad_break():
    assert bad_line_breaks("市は、公民連携の\n。推進に努める\n") == ["。推進に努める"]
    assert bad_line_breaks("市は「\n公民連携」を\n") == ["市は「"]


def test_cover_shows_title_edition_author_and_provenance(editions):
    first = squash(pages_text(editions["R5"]["pdf"])[0])
    for expected in ("公民連携推進のための基本的な考え方", "令和5年4月改訂", "茅ヶ崎市",
                     "企画部行政改革推進室", "この版の本文は市の公表文ではありません"):
        assert expected in first
    h24 = squash(pages_text(editions["H24"]["pdf"])[0])
    assert "平成24年2月策定" in h24


def test_contents_page_numbers_point_at_the_headings(editions):
    pages = pages_text(editions["H29"]["pdf"], *BODY_CROP)
    contents = pages[1]
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)\s*$", contents, flags=re.M)
    assert len(entries) >= 11, contents
    for title, number in entries:
        page = squash(pages[int(number) - 1])
        assert squash(title) in page, f"{title} is not on page {number}"


def test_running_header_and_page_numbers(editions):
    pages = pages_text(editions["H29"]["pdf"], "-layout")
    assert len(pages) >= 4
    for number, page in enumerate(pages[1:], 2):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines[0].strip().startswith("公民連携推進のための基本的な考え方"), lines[0]
        assert re.fullmatch(rf"-\s*{number}\s*-", lines[-1].strip()), lines[-1]
    cover = [line for line in pages[0].splitlines() if line.strip()]
    assert not re.fullmatch(r"-\s*1\s*-", cover[-1].strip())


def test_reconstructed_passages_stay_labelled(editions):
    doctree = editions["R5"]["doctree"]
    containers = [c for c in doctree.findall(nodes.container)
                  if "reconstructed" in c["classes"]]
    text = pdftotext(editions["R5"]["pdf"])
    assert len(containers) > 5
    assert text.count("【再構成】") == len(containers)
    # The short notice sits on every page of a reconstructed edition.
    for page in pages_text(editions["R5"]["pdf"]):
        assert "本プロジェクトによる再構成を含みます" in squash(page)


def test_published_edition_carries_no_reconstruction_notice(editions):
    assert "再構成" not in pdftotext(editions["H24"]["pdf"])


def test_info_title_author_and_tagged(editions):
    info = run("pdfinfo", editions["R5"]["pdf"])
    assert re.search(r"^Title:\s+公民連携推進のための基本的な考え方（令和5年4月改訂）$", info, re.M)
    assert re.search(r"^Author:\s+茅ヶ崎市 企画部 行政改革推進室$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)


def test_xmp_declares_pdfa_3b_title_author_language_and_dates(editions):
    edition = editions["R5"]
    epoch = edition["revision"]["source_date_epoch"]
    import datetime as dt
    date = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    with pikepdf.open(edition["pdf"]) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "公民連携推進のための基本的な考え方（令和5年4月改訂）"
        assert meta["dc:creator"] == ["茅ヶ崎市 企画部 行政改革推進室"]
        assert "ja" in meta["dc:language"]
        assert meta["xmp:CreateDate"].startswith(date)
        assert meta["xmp:ModifyDate"].startswith(date)
        assert str(doc.Root.Lang) == "ja"
        assert doc.Root.OutputIntents[0].S == "/GTS_PDFA1"


def _structure_elements(doc) -> list:
    found, todo, seen = [], [doc.Root.StructTreeRoot], set()
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                todo.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                todo.append(kids)
    return found


def test_structure_tree_has_headings_lists_and_table_header_cells(editions):
    with pikepdf.open(editions["R5"]["pdf"]) as doc:
        elements = _structure_elements(doc)
        types = {str(e.S)[1:] for e in elements}
        data_cells = [e for e in elements if e.S == "/TD"]
        header_ids = {bytes(e.ID) for e in elements if e.S == "/TH"}
        # Every data cell names its column's header cell, for screen readers.
        assert data_cells and all(
            {bytes(h) for h in e.A.Headers} & header_ids for e in data_cells)
    assert {"H1", "H2", "H3", "P", "L", "LI", "Table", "TR", "TH", "TD", "Caption"} <= types


def test_sources_and_metadata_are_attached_and_extract_unchanged(editions, project):
    edition = editions["H29"]
    tree = project.commit_of(edition["commit"]).tree / "source"
    expected = {f"source/{Path(b.path).relative_to('source').as_posix()}": b.data_stream.read()
                for b in tree.traverse() if b.type == "blob"}
    expected["revisions/H29.toml"] = (ROOT / "revisions" / "H29.toml").read_bytes()
    expected["revisions/policy.toml"] = (ROOT / "revisions" / "policy.toml").read_bytes()
    with pikepdf.open(edition["pdf"]) as doc:
        got = {name: spec.get_file().read_bytes() for name, spec in doc.attachments.items()}
        relationships = {str(spec.obj.AFRelationship) for spec in doc.attachments.values()}
        media = {name: str(spec.obj.EF.F.Subtype) for name, spec in doc.attachments.items()}
        assert len(doc.Root.AF) == len(expected)  # each file once in the PDF/A-3 list
    assert got == expected
    assert relationships == {"/Source", "/Data"}
    assert media["source/index.rst"] == "/text/x-rst"
    assert media["revisions/H29.toml"] == "/application/toml"


def test_same_input_gives_the_same_bytes_and_no_local_paths(editions, tmp_path):
    edition = editions["R5"]
    again = pdf.write(edition["doctree"], edition["front"], tmp_path / "again.pdf")
    first, second = edition["pdf"].read_bytes(), again.read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    with pikepdf.open(again) as doc:
        streams = b"".join(o.read_bytes() for o in doc.objects
                           if isinstance(o, pikepdf.Stream))
    secrets = [str(ROOT), str(edition["src"]), str(tmp_path), socket.gethostname()]
    for secret in secrets:
        if len(secret) >= 4:  # a short host name turns up in any binary by chance
            assert secret.encode() not in first + streams, secret


# --- 新旧対照表 and other table documents -------------------------------------------

def test_table_document_title_block_sample_notice_and_landscape(comparison_pdf):
    path, _ = comparison_pdf
    pages = pages_text(path)
    assert len(pages) >= 3
    assert "新旧対照表（見本）" in pages[0]
    info = run("pdfinfo", path)
    assert re.search(r"^Page size:\s+841\.\d+ x 595\.\d+ pts", info, re.M)
    assert re.search(r"^Title:\s+新旧対照表（見本）$", info, re.M)
    for page in pages:
        assert squash(SAMPLE_NOTICE) in squash(page)


def test_comparison_table_repeats_its_header_row_on_every_page(comparison_pdf):
    path, _ = comparison_pdf
    pages = pages_text(path, "-layout")
    for number, page in enumerate(pages, 1):
        assert re.search(r"改正後\s+改正前", page), f"no header row on page {number}"
        assert re.search(rf"^\s*-\s*{number}\s*-\s*$", page, re.M), f"no number on page {number}"
    text = squash("".join(pages))
    assert text.count("第70項") == 2 and "民間活力の活用" in text
    assert bad_line_breaks(pdftotext(path)) == []


def test_table_document_attachments(comparison_pdf):
    path, attachment = comparison_pdf
    with pikepdf.open(path) as doc:
        assert doc.attachments["comments.csv"].get_file().read_bytes() == attachment.read_bytes()
        assert doc.open_metadata()["pdfaid:part"] == "3"


def _ink(path: Path, tmp_path: Path) -> int:
    """Dark pixels on the first page, rendered by poppler."""
    from PIL import Image
    run("pdftoppm", "-png", "-r", "150", "-gray", "-f", "1", "-l", "1", path, tmp_path / "p")
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    return sum(1 for value in image.get_flattened_data() if value < 128)


@pytest.mark.parametrize("marked", ["inserted", "deleted"])
def test_inserted_and_deleted_words_are_underlined_moved_twice(marked, tmp_path, editions):
    node_class = getattr(policy_nodes, marked)

    def one(classes, folder):
        doc = new_document("<t>", get_default_settings())
        para = nodes.paragraph("", "市は、")
        para += node_class("", "公民連携推進のための基本的な考え方", classes=classes) \
            if classes is not None else nodes.Text("公民連携推進のための基本的な考え方")
        para += nodes.Text("を定める。")
        doc += para
        folder.mkdir()
        out = pdf.write(doc, sample_front(editions["policy"], "下線の確認"), folder / "t.pdf")
        text = pdftotext(out)
        assert "<ins" not in text and "<del" not in text
        return _ink(out, folder)

    plain = one(None, tmp_path / "plain")
    single = one([], tmp_path / "single")
    double = one(["moved"], tmp_path / "double")
    assert single > plain
    assert double > single


# --- the HTML translator on Sphinx's leftovers ---------------------------------------

def test_translator_renders_sphinx_leftovers_and_rejects_unknown_nodes():
    from sphinx import addnodes

    doc = new_document("<t>", get_default_settings())
    para = nodes.paragraph("", "本文の")
    para += addnodes.index(entries=[("single", "索引語", "id", "", None)])
    para += addnodes.literal_strong("", "強調")
    doc += para
    wrapper = addnodes.start_of_file(docname="chapter")
    wrapper += nodes.paragraph("", "章の本文")
    doc += wrapper
    html = render_fragment(doc)
    assert "本文の" in html and "索引語" not in html
    assert "<strong" in html and "章の本文" in html

    class strange(nodes.Element):
        pass

    doc += strange()
    with pytest.raises(PolicyError, match="扱えない要素 <strange>"):
        render_fragment(doc)


def test_enumeration_keeps_its_parenthesised_numbers(editions):
    text = pdftotext(editions["R5"]["pdf"])
    assert re.search(r"^\(1\)\s*市民サービスの向上", text, re.M)


# --- end to end -------------------------------------------------------------------------

def test_build_command_writes_a_linked_pdf_for_every_revision(bundled_site, editions):
    for rev_id in REVISIONS:
        built = bundled_site / rev_id / f"policy-{rev_id}.pdf"
        assert built.read_bytes()[:5] == b"%PDF-"
        assert f'href="policy-{rev_id}.pdf"' in (bundled_site / rev_id / "index.html").read_text(
            encoding="utf-8")
    # The same commit gives the same bytes through the whole pipeline (the site
    # was built in a pool of processes, the fixture's PDF written directly).
    r5 = bundled_site / "R5" / "policy-R5.pdf"
    assert hashlib.sha256(r5.read_bytes()).digest() == \
        hashlib.sha256(editions["R5"]["pdf"].read_bytes()).digest()


# --- figures -------------------------------------------------------------------------------

def _figure_document(paragraphs: int) -> nodes.document:
    doc = new_document("<figures>", get_default_settings())
    for number in range(paragraphs):
        doc += nodes.paragraph("", f"第{number + 1}段落です。")
    figure = nodes.figure()
    figure += nodes.image(uri="figures/chart.png", alt="公民連携のイメージ図（見本）")
    figure += nodes.caption("", "図1　公民連携のイメージ（見本）")
    doc += figure
    doc += nodes.paragraph("", "図の後の段落です。")
    return doc


def test_figures_stay_on_the_page_of_their_caption(tmp_path, editions):
    from PIL import Image
    (tmp_path / "figures").mkdir()
    Image.new("RGB", (600, 300), "gray").save(tmp_path / "figures" / "chart.png")
    front = sample_front(editions["policy"], "図の確認（見本）", base_dir=tmp_path)
    pushed = 0
    # One-line paragraphs move the figure down a line at a time, so that some
    # case leaves room for the image but not for its caption.
    for paragraphs in range(14, 30):
        out = pdf.write(_figure_document(paragraphs), front, tmp_path / f"f{paragraphs}.pdf")
        listing = run("pdfimages", "-list", out).splitlines()[2:]
        image_pages = {int(row.split()[0]) for row in listing}
        caption_pages = [n for n, page in enumerate(pages_text(out), 1) if "図1" in page]
        assert len(image_pages) == 1 and caption_pages == sorted(image_pages), paragraphs
        pushed += image_pages != {1}
    assert pushed, "no case put the figure near a page break"


def test_a_missing_image_is_an_error_not_a_silent_gap(tmp_path, editions):
    front = sample_front(editions["policy"], "図の確認（見本）", base_dir=tmp_path)
    with pytest.raises(PolicyError, match="PDF を作成できませんでした"):
        pdf.write(_figure_document(1), front, tmp_path / "missing.pdf")
    assert not (tmp_path / "missing.pdf").exists()


def test_bench_measures_both_sides_on_the_same_html(editions):
    from build_tools.writers.pdf_bench import measure
    timing = measure("対照表", comparison_doctree(rows=10), sample_front(editions["policy"], "見本"),
                     runs=1)
    assert timing.pages == 1 and timing.ours_s > 0 and timing.weasyprint_s > 0
    assert timing.as_dict()["ratio"] == round(timing.ours_s / timing.weasyprint_s, 3)


def test_an_edition_built_outside_the_repository_still_carries_its_metadata(
        editions, project, tmp_path, monkeypatch):
    """The writer no longer looks for revisions/ itself (it used to fail when
    run outside the repository): the builder attaches the metadata from the
    project, wherever the sources were exported and the command is run."""
    edition = editions["H24"]
    assert not edition["src"].is_relative_to(ROOT)
    monkeypatch.chdir(tmp_path)
    rev = project.revision("H24")
    front = EditionBuilder(project).front_matter(rev, edition["revision"], edition["src"])
    path = pdf.write(edition["doctree"], front, tmp_path / "x.pdf")
    with pikepdf.open(path) as doc:
        got = {name: spec.get_file().read_bytes() for name, spec in doc.attachments.items()}
    assert got["revisions/H24.toml"] == (ROOT / "revisions" / "H24.toml").read_bytes()
    assert got["revisions/policy.toml"] == (ROOT / "revisions" / "policy.toml").read_bytes()


def _tall_comparison() -> nodes.document:
    """A 新旧対照表 with rows of every height up to about a page (as the articles
    of a law): some no longer fit a page below the header row."""
    doc = new_document("<tall>", get_default_settings())
    table, group = _comparison_table()
    body = nodes.tbody()
    for r, paragraphs in enumerate(range(14, 34)):
        row = nodes.row(ids=[f"cmp-{r}"])
        for side in ("comparison-new", "comparison-old"):
            entry = nodes.entry(classes=[side])
            for p in range(paragraphs):
                entry += nodes.paragraph("", f"第{r + 1}条第{p + 1}項　市は、公民連携の推進に当たり、"
                                             "民間事業者の意見を聴き、必要な措置を講ずるものとする。")
            row += entry
        body += row
    group += body
    doc += table
    return doc


def test_a_tall_row_continues_in_new_rows_at_paragraph_boundaries():
    """WeasyPrint loses the header row on a page a row fills (p5 電気事業法 had 20
    such pages; `policy diff --check` finds none now): rows are cut before that."""
    from build_tools.writers import pdf_html
    tree = _tall_comparison()
    before = [[[p.astext() for p in entry.findall(nodes.paragraph)] for entry in row.children]
              for row in tree.findall(nodes.row) if row.get("ids")]
    pdf_html._split_tall_rows(tree)
    rows = [row for row in tree.findall(nodes.row)][1:]   # the header row first
    assert len(rows) > len(before)
    for row in rows:
        first = bool(row.get("ids"))
        assert first != ("continued" in row["classes"])
        for entry in row.children:
            text = "".join(p.astext() for p in entry.findall(nodes.paragraph))
            limit = pdf_html.FIRST_ROW_CHARS if row is rows[0] else pdf_html.ROW_CHARS
            assert len(text) <= limit + 60, len(text)   # at most one paragraph over
    # Nothing lost or reordered: each column reads as before, row after row.
    after, current = [], None
    for row in rows:
        if row.get("ids"):
            current = [[] for _ in row.children]
            after.append(current)
        for cell, entry in zip(current, row.children):
            cell += [p.astext() for p in entry.findall(nodes.paragraph)]
    assert after == before
