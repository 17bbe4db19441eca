"""`policy preview --serve` in headless Chromium: a save shows up in the open
page within a few seconds, every page shows its 公用文 findings, the
新旧対照表 page follows the working tree, and stopping the server leaves no
process behind. One server start and one browser start."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from conftest import HERE, REPO
from policy_repo import chapter, make_repo

SAVE_SHOWS_WITHIN_MS = 5000


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(node_modules, tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("preview") / "repo")["root"]
    first = root / "source" / "first.rst"
    # The working tree differs from the current revision, with a 公用文 defect.
    first.write_text(chapter("purpose", "1　目的", "作業中の目的の文です。資料を提出して下さい。"),
                     encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "build_tools.cli", "--repo", str(root), "preview", "--serve",
         "--port", str(port)], cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
        text=True)
    said, started = [], time.time()
    deadline = time.time() + 90
    while time.time() < deadline:
        line = server.stderr.readline()
        said.append(line)
        if "で表示しています" in line or not line:
            break
    assert any(f"http://127.0.0.1:{port}/" in line for line in said), "".join(said)
    print(f"server ready after {time.time() - started:.1f} s")
    job = {"page": f"http://127.0.0.1:{port}/first.html", "diff": f"http://127.0.0.1:{port}/diff/index.html",
           "file": str(first), "expect": "保存した新しい文",
           "text": chapter("purpose", "1　目的", "保存した新しい文です。"), "timeout_ms": 20000}
    job_file = tmp_path_factory.mktemp("preview-job") / "job.json"
    job_file.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(HERE / "preview.js"), str(job_file)], cwd=HERE,
                          capture_output=True, text=True, timeout=120)
    print(f"browser done after {time.time() - started:.1f} s")
    children = _children(server.pid)
    server.send_signal(signal.SIGINT)
    try:
        code = server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        code = "did not stop"
    assert done.returncode == 0, done.stderr[-2000:]
    yield {"said": "".join(said), "result": json.loads(done.stdout), "code": code,
           "pid": server.pid, "children": children, "port": port}


def test_it_listens_on_loopback_and_says_where(served):
    assert f"http://127.0.0.1:{served['port']}/" in served["said"]
    assert "公用文チェック: 指摘 1 件（エラー 1）" in served["said"]


def test_a_save_shows_in_the_open_page_within_seconds(served):
    result = served["result"]
    assert "error" not in result, result.get("error")
    assert "作業中の目的の文です" in result["before"]
    assert "保存した新しい文です" in result["after"] and "作業中の目的" not in result["after"]
    assert result["ms"] < SAVE_SHOWS_WITHIN_MS, result["ms"]
    print(f"a save showed in the page after {result['ms']} ms "
          f"(browser: launched {result['launch_ms']} ms, page {result['loaded_ms']} ms, "
          f"done {result['done_ms']} ms)")


def test_the_page_shows_its_findings_in_place(served):
    summary, box = served["result"]["findings"]
    assert "指摘 1 件" in summary and "新旧対照表" in summary
    assert "KY-HOJO-DOSHI" in box and "「下さい」" in box and "source/first.rst:" in box


def test_the_comparison_page_follows_the_working_tree(served):
    diff = served["result"]["diff"]
    assert "改正案" in diff and "保存した新しい文です" in diff


def test_stopping_it_leaves_no_process_behind(served):
    assert served["code"] == 0
    alive = [pid for pid in {served["pid"], *served["children"]} if os.path.exists(f"/proc/{pid}")
             and "Z" not in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]]
    assert alive == []
