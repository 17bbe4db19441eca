"""`policy preview --serve` (`make preview`): the working tree on 127.0.0.1,
rebuilt on every save, the browser reloading by itself.

Each save rebuilds `build/preview/` with the preview builder
(EditionBuilder.preview: every page with its 公用文 findings in place, and
`diff/` with the 新旧対照表 of the working tree against the current
revision). python-livereload watches the files, serves the folder and tells
the open pages to reload. It listens on the loopback address only: the
preview is for the editor at this machine, never for the network. A build
that fails says why and keeps the last good pages.
"""
from __future__ import annotations

import errno
import logging
import socket
import sys
from pathlib import Path

from .errors import PolicyError

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Seconds between two reloads of the page; livereload's own default (3 s)
# would swallow a second save made soon after the first.
RELOAD_INTERVAL = 0.5


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _free(port: int) -> None:
    """Refuse a port another program holds, before building anything."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            reason = "使用中です" if exc.errno == errno.EADDRINUSE else f"使えません（{exc.strerror}）"
            raise PolicyError(f"ポート {port} は{reason}",
                              hint="--port で別の番号（1024〜65535）を指定してください") from None


def serve(project, build_dir: Path | None = None, port: int = DEFAULT_PORT) -> int:
    """Serve until interrupted (Ctrl+C); returns the exit code."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    from .editions import EditionBuilder

    if not 1024 <= port <= 65535:
        raise PolicyError(f"ポート {port} は使えません", hint="1024〜65535 の番号を指定してください")
    _free(port)
    builder = EditionBuilder(project, build_dir)
    out = builder.preview()   # a first build that fails stops here, with its message

    def rebuild():
        _say("変更を検知しました。作り直しています…")
        try:
            builder.preview()
        except PolicyError as exc:
            _say(f"エラー: {exc}\n  （前回の表示のままです。直して保存すると作り直します）")

    class QuietServer(Server):
        def _setup_logging(self):  # our own messages, in Japanese, are enough
            logging.getLogger("livereload").setLevel(logging.WARNING)
            logging.getLogger("tornado.access").setLevel(logging.WARNING)

    LiveReloadHandler.DEFAULT_RELOAD_TIME = RELOAD_INTERVAL
    server = QuietServer()
    for folder in ("source", "revisions"):
        server.watch(str(project.root / folder), rebuild)
    url = f"http://{HOST}:{port}/"
    _say(f"作業中の原稿を {url} で表示しています（このコンピューターからだけ見られます）。\n"
         f"  新旧対照表（作業中の原稿と現行の版）: {url}diff/index.html\n"
         "  source/ を保存すると作り直し、ブラウザーが読み込み直します。終了は Ctrl+C です。")
    try:
        server.serve(port=port, host=HOST, root=str(out), restart_delay=0)
    except KeyboardInterrupt:
        pass
    _say("表示を終了しました。")
    return 0
