"""LibreOffice as a Word user's stand-in, driven through UNO (run by Debian's
/usr/bin/python3, which has python3-uno; the tests' virtualenv has not).

    /usr/bin/python3 uno_client.py JOBS.json RESULTS.json

One soffice process, listening on the loopback interface only, does every
job of the file:
  {"text": PATH, "action": "accept" | "reject" | null}
      -> the body's paragraphs (list labels included), after Accept All /
         Reject All tracked changes, and how many changes there were;
  {"pdf": PATH, "out": PDF}  -> the document as PDF (LibreOffice's layout).
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def _props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _paragraphs(text):
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                out += _paragraphs(element.getCellByName(name).getText())
        elif element.supportsService("com.sun.star.text.Paragraph"):
            label = element.getPropertyValue("ListLabelString") or ""
            out.append((label + " " if label else "") + element.getString())
    return out


def main(jobs_path, results_path):
    jobs = json.load(open(jobs_path, encoding="utf-8"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    profile = tempfile.mkdtemp(prefix="lo-uno-")
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"-env:UserInstallation=file://{profile}",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                ctx = resolver.resolve(
                    f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("soffice did not answer")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        results = []
        for job in jobs:
            path = job.get("text") or job.get("pdf")
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                                               "_blank", 0, _props(Hidden=True, ReadOnly=False))
            try:
                if "pdf" in job:
                    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(job["out"])),
                                   _props(FilterName="writer_pdf_Export"))
                    results.append({"pdf": job["out"]})
                    continue
                changes = doc.getRedlines().getCount()
                action = job.get("action")
                if action:
                    frame = doc.getCurrentController().getFrame()
                    command = {"accept": ".uno:AcceptAllTrackedChanges",
                               "reject": ".uno:RejectAllTrackedChanges"}[action]
                    dispatcher.executeDispatch(frame, command, "", 0, ())
                results.append({"paragraphs": _paragraphs(doc.getText()), "changes": changes,
                                "left": doc.getRedlines().getCount()})
            finally:
                doc.close(True)
        json.dump(results, open(results_path, "w", encoding="utf-8"), ensure_ascii=False)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
