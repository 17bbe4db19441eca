"""`make bench`: our time against what a user would otherwise run, in the same run.

Every figure is the median of several runs of a whole command (ours and the
baseline alike, each in its own process), so start-up costs count on both
sides. Peak memory is the largest resident size of that process tree's
biggest process. Results: a table on stdout and build/bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..revisions import Project
from . import longdoc

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
POLICY = str(VENV_BIN / "policy")
CORPUS = ROOT.parent / "shared" / "corpus" / "egov-laws"


@dataclass
class Result:
    name: str
    ours_s: float
    baseline: str
    baseline_s: float | None
    ratio: float | None
    peak_mib: float
    note: str = ""


def timed(cmd: list[str] | str, *, cwd: Path | None = None, prepare=None,
          runs: int = 3) -> tuple[float, float]:
    """Median wall time and peak memory (MiB) of `cmd` over `runs` runs.
    `prepare()` runs before each, untimed (e.g. to empty an output folder)."""
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, shell=isinstance(cmd, str),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{cmd} failed: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def compare(name, ours, baseline_name, baseline, **kw) -> Result:
    ours_s, peak = timed(ours, **kw)
    if baseline is None:
        return Result(name, ours_s, baseline_name, None, None, peak)
    base_s, _ = timed(baseline, **kw)
    return Result(name, ours_s, baseline_name, base_s, ours_s / base_s, peak)


class Bench:
    def __init__(self, work: Path, quick: bool):
        self.work = work
        self.quick = quick
        self.project = Project(ROOT)

    def sources(self) -> dict[str, Path]:
        """Every revision's text, exported once, for the baselines."""
        return {rev.id: self.project.export_source(rev.commit, self.work / "src" / rev.id)
                for rev in self.project.revisions()}

    def site_html(self) -> Result:
        out = self.work / "site-html"
        sphinx = [f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain/{rev}"
                  for rev, src in self.sources().items()]
        return compare(
            "HTML edition, every revision (full build)",
            [POLICY, "--repo", str(ROOT), "build", "--all", "--build-dir", str(out / "ours")],
            "sphinx-build -b html", " && ".join(sphinx),
            prepare=lambda: shutil.rmtree(out, ignore_errors=True))

    def noop(self) -> Result:
        out = self.work / "noop"
        ours = [POLICY, "--repo", str(ROOT), "build", "--all", "--build-dir", str(out / "ours")]
        sphinx = [f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain/{rev}"
                  for rev, src in self.sources().items()]
        subprocess.run(ours, check=True, capture_output=True)
        subprocess.run(" && ".join(sphinx), shell=True, check=True, capture_output=True)
        return compare("no-op rebuild (nothing changed)", ours,
                       "sphinx-build (incremental, nothing changed)", " && ".join(sphinx))

    def long_html(self) -> list[Result]:
        results = []
        for chapters in ((10, 25) if self.quick else (12, 25, 50)):
            model = longdoc.generate(chapters=chapters)
            src = longdoc.write(model, self.work / f"long-{chapters}" / "src")
            out = self.work / f"long-{chapters}" / "out"
            size = longdoc.size_of(src) / 1e6
            # Our HTML edition is Sphinx plus our extension and theme.
            ours = (f"{sys.executable} -c \"from pathlib import Path; "
                    f"from build_tools.sphinx_run import run_sphinx, sphinx_config; "
                    f"from build_tools.revisions import Project; p = Project(Path('{ROOT}')); "
                    f"r = p.current(); c = r.context(); c['is_current'] = True; c['editions'] = []; "
                    f"run_sphinx(Path('{src}'), Path('{out}/ours'), Path('{out}/ours-dt'), "
                    f"config=sphinx_config(policy=vars(p.policy()), revision=c, editions=[]))\"")
            base = f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain"
            result = compare(f"long plan HTML, {chapters * 20} sections ({size:.1f} MB)",
                             ours, "sphinx-build -b html", base, cwd=ROOT,
                             prepare=lambda: shutil.rmtree(out, ignore_errors=True),
                             runs=1 if chapters >= 50 or self.quick else 3)
            results.append(result)
        return results


def _table(results: list[Result]) -> str:
    rows = [("benchmark", "ours (s)", "baseline", "baseline (s)", "ratio", "peak MiB")]
    for r in results:
        rows.append((r.name, f"{r.ours_s:.3f}", r.baseline,
                     "-" if r.baseline_s is None else f"{r.baseline_s:.3f}",
                     "-" if r.ratio is None else f"{r.ratio:.2f}×", f"{r.peak_mib:.0f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--quick", action="store_true", help="fewer sizes and runs")
    parser.add_argument("--only", help="run only benchmarks whose method name contains this")
    args = parser.parse_args(argv)
    out_dir = ROOT / "build" / "bench"
    work = out_dir / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bench = Bench(work, args.quick)
    results: list[Result] = []
    for name in BENCHMARKS:
        if args.only and args.only not in name:
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        got = getattr(bench, name)()
        results.extend(got if isinstance(got, list) else [got])
    print(_table(results))
    (out_dir / "results.json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\n{os.cpu_count()} cores; results in {out_dir.relative_to(ROOT)}/results.json")
    return 0


BENCHMARKS = ["site_html", "noop", "long_html"]

if __name__ == "__main__":
    sys.exit(main())
