"""Time of the PDF writer per page, beside WeasyPrint's own time on the same
print HTML and stylesheet in the same process: our overhead as a ratio.

    python -m build_tools.writers.pdf_bench [LAW.xml …]

Ours is the whole writer (print HTML from the doctree, PDF/A-3b, tags,
attachments, font check); the baseline is `weasyprint.HTML(...).write_pdf()`
with its defaults. Both are medians of `runs` runs after one warm-up run.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import pdf
from .pdf_html import print_html


@dataclass
class PdfTiming:
    name: str
    pages: int
    ours_s: float
    weasyprint_s: float

    @property
    def ratio(self) -> float:
        return self.ours_s / self.weasyprint_s

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": round(self.ratio, 3),
                "ours_ms_per_page": round(1000 * self.ours_s / self.pages, 1),
                "weasyprint_ms_per_page": round(1000 * self.weasyprint_s / self.pages, 1)}


def _median_time(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, doctree, front, *, runs: int = 3) -> PdfTiming:
    import pikepdf

    with tempfile.TemporaryDirectory() as tmp:
        ours_pdf, plain_pdf = Path(tmp) / "ours.pdf", Path(tmp) / "plain.pdf"

        def ours():
            pdf.write(doctree, front, ours_pdf)

        html = print_html(doctree, front)

        def plain():
            pdf.plain_weasyprint(html, plain_pdf, base_url=front.base_dir)

        ours(), plain()  # warm-up: fontconfig, imports
        ours_s, plain_s = _median_time(ours, runs), _median_time(plain, runs)
        with pikepdf.open(ours_pdf) as doc:
            pages = len(doc.pages)
    return PdfTiming(name, pages, ours_s, plain_s)


def bundled_policy(runs: int = 3) -> PdfTiming:
    """The current revision of the bundled policy, as `make` prints it."""
    from ..document import document_of
    from ..editions import EditionBuilder
    from ..revisions import Project
    from ..sphinx_run import run_sphinx, sphinx_config

    project = Project.find(Path(__file__).resolve().parent)
    policy, rev = vars(project.policy()), project.current()
    with tempfile.TemporaryDirectory() as tmp:
        src = project.export_source(rev.commit, Path(tmp) / "src", revision=rev)
        context = rev.context()
        context.update(is_current=True, editions=[],
                       source_date_epoch=project.commit_of(rev.commit).committed_date)
        app = run_sphinx(src, Path(tmp) / "html", Path(tmp) / "doctrees",
                         config=sphinx_config(policy=policy, revision=context, editions=[]))
        front = EditionBuilder(project).front_matter(rev, context, src)
        return measure(f"{policy['title']}（{rev.id}）", document_of(app).doctree, front,
                       runs=runs)


def law(xml_path: Path, runs: int = 3) -> PdfTiming:
    """A statute from e-Gov 法令XML, printed as a table document."""
    from docutils.core import publish_doctree

    from .. import egov
    from ..revisions import Project
    from . import FrontMatter

    policy = vars(Project.find(Path(__file__).resolve().parent).policy())
    doctree = publish_doctree(egov.to_rst(Path(xml_path)), settings_overrides={
        "report_level": 5, "halt_level": 5, "_disable_config": True})
    front = FrontMatter(title=f"性能測定用：{Path(xml_path).stem}", policy=policy,
                        notice="性能測定用（e-Gov 法令XML。市の文書ではありません）")
    return measure(Path(xml_path).parent.name, doctree, front, runs=runs)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    results = [bundled_policy()] + [law(Path(a)) for a in argv]
    print(f"{'文書':<40} {'頁':>4} {'本ツール':>10} {'WeasyPrint':>10} {'比':>6}")
    for r in results:
        d = r.as_dict()
        print(f"{r.name:<40} {r.pages:>4} {d['ours_ms_per_page']:>8.0f}ms "
              f"{d['weasyprint_ms_per_page']:>8.0f}ms {r.ratio:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
