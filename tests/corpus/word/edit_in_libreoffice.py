"""Make draft-R5-libreoffice.docx: our R5 Word edition edited in
LibreOffice Writer, as a department would edit it, and saved as Word.

Three edits, made through LibreOffice's own UNO API (Writer does the
editing and writes the file; nothing here touches the XML):
  1. a word changed: in 「(2)　目的」 「提供主体の最適化を図り」 → 「提供主体の適正化を図り」;
  2. a paragraph added: after the last paragraph of 「1　策定の趣旨」, the
     sample paragraph ADDED (marked 【見本】);
  3. a section deleted: 「(3)　公民連携によるまちづくりの必要性」 with its text.

Run with Debian's Python (it has LibreOffice's uno module), from the root
of the repository after `make`:

    /usr/bin/python3 tests/corpus/word/edit_in_libreoffice.py \
        build/site/R5/policy-R5.docx tests/corpus/word/draft-R5-libreoffice.docx

LibreOffice listens on a named pipe (no network) and is stopped at the end.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

CHANGED = ("提供主体の最適化を図り", "提供主体の適正化を図り")
ADDED_AFTER = "1　策定の趣旨"
ADDED = "【見本】この段落は、Word 文書の取り込みを試すために LibreOffice で加えたもので、市の文書ではありません。"
DELETED = "(3)　公民連携によるまちづくりの必要性"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not start")


def paragraphs(doc):
    found = []
    enum = doc.Text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            found.append(element)
    return found


def is_heading(para):
    return para.OutlineLevel > 0


def edit(doc):
    replace = doc.createReplaceDescriptor()
    replace.SearchString, replace.ReplaceString = CHANGED
    assert doc.replaceAll(replace) == 1

    paras = paragraphs(doc)
    text = doc.Text
    start = next(i for i, p in enumerate(paras) if p.getString() == ADDED_AFTER and is_heading(p))
    end = next(i for i in range(start + 1, len(paras)) if is_heading(paras[i]))
    cursor = text.createTextCursorByRange(paras[end - 1].End)
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    text.insertString(cursor, ADDED, False)

    paras = paragraphs(doc)
    first = next(i for i, p in enumerate(paras) if p.getString() == DELETED and is_heading(p))
    last = next(i for i in range(first + 1, len(paras)) if is_heading(paras[i])) - 1
    # From the end of the paragraph before the heading to the end of its last
    # paragraph: what remains keeps the style of the paragraph before.
    cursor = text.createTextCursorByRange(paras[first - 1].End)
    cursor.gotoRange(paras[last].End, True)
    cursor.setString("")


def main(src, out):
    pipe = f"policy-import-{os.getpid()}"
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                               f"-env:UserInstallation=file://{profile}",
                               f"--accept=pipe,name={pipe};urp;"])
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(Path(src).resolve())),
                                           "_blank", 0, (prop("Hidden", True),))
        edit(doc)
        doc.storeToURL(uno.systemPathToFileUrl(str(Path(out).resolve())),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass   # the bridge closes as LibreOffice quits
    finally:
        try:
            office.wait(20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
