"""Benchmark of `policy amend` on the largest real pair (p5, 電気事業法, two
versions): the 改め文 generated and verified (applied back to the old text and
compared with the new, provision by provision), and the text rendered —
the two texts read once beforehand, as `policy diff`'s benchmark does.
A baseline in the same process: applying the generated operations alone
(the verification's share). Medians of `repeat` runs, wall and CPU seconds.

    python -m build_tools.amend.p5_bench [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from ..egov import CORPUS

CASE = "p5_denki_jigyo_multi"


def bench(repeat: int = 3) -> dict:
    from ..egov import to_rst
    from ..read import read_path
    from .amendment import amendment
    from .apply import apply
    from .render import render

    files = sorted((CORPUS / CASE).glob("*.xml"))
    with tempfile.TemporaryDirectory() as tmp:
        docs = []
        for number, xml in enumerate(files):
            path = Path(tmp) / f"{CASE}-{number}.rst"
            path.write_text(to_rst(xml), encoding="utf-8")
            docs.append(read_path(path))
    walls, cpus, applies = [], [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = amendment(*docs)
        text = [render(s.operations, result.style) for s in result.sentences]
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        started = time.perf_counter()
        apply(result.sentences, result.old)
        applies.append(time.perf_counter() - started)
    return {"sentences": len(text), "operations": len(result.operations),
            "wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "apply": statistics.median(applies)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    print(json.dumps(bench(parser.parse_args().repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
