"""The amending document (改め文) as a doctree, for the one publishing path.

The enacting sentence, each instruction sentence indented by two full-width
spaces (as published amending laws set it), each provision it adds or
rewrites after it in the document's own layout (「第六十一条　…」, 「２　…」,
「　一　…」), and a 附則 with the date it takes effect from the revision's
metadata. A 全部改正 says so and why, and gives the new text in full.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

from .. import writers
from ..diff.table import new_document, provenance_note
from ..era import wareki
from ..nodes import AMENDMENT_INSTRUCTION, AMENDMENT_PROVISION, COMPARISON_NOTE
from ..provisions import CONTAINER_KINDS, kanji_numeral
from ..writers import FrontMatter, Page
from .amendment import Amendment
from .blocks import block_of
from .operations import Add, Block, Rewrite
from .render import render

INDENT = "　　"


def named(source, fallback: str) -> str:
    rev = getattr(source, "revision", None)
    return f"{rev.adopted_wareki}{rev.kind}" if rev is not None else fallback


def subject(result: Amendment, old_doc) -> str:
    """「公民連携推進のための基本的な考え方（平成29年1月改訂）」, 「旅館業法（昭和二十三年法律第百三十八号）」."""
    title = old_doc.title or result.old.heading
    number = next((c.text[0] for c in result.old.children if c.kind == "前文" and c.text), "")
    if result.old.statute:
        return f"{title}（{number}）" if number else title
    return f"{title}（{named(old_doc.source, old_doc.source.name if old_doc.source else '')}）"


def lines(result: Amendment, old_doc, new_doc) -> list[tuple[str, str]]:
    """(class, line) of the document's body, in order."""
    name = subject(result, old_doc)
    out: list[tuple[str, str]] = []
    if result.whole:
        out.append(("", f"{name}の全部を次のように改正する。"))
        out.append((AMENDMENT_PROVISION, ""))
        for child in result.new.children:
            out += [(AMENDMENT_PROVISION, t) for t in provision_lines(block_of(child))]
    else:
        out.append(("", f"{name}の一部を次のように改正する。"))
        for sentence in result.sentences:
            out.append((AMENDMENT_INSTRUCTION, INDENT + render(sentence.operations, result.style)))
            for op in sentence.operations:
                if isinstance(op, (Add, Rewrite)):
                    for block in op.provisions:
                        out += [(AMENDMENT_PROVISION, t) for t in provision_lines(block)]
    effective = effective_sentence(result, new_doc)
    if effective:
        out.append(("", "　　　附　則"))
        out.append(("", effective))
    return [(c, t) for c, t in out if t or c]


def effective_sentence(result: Amendment, new_doc) -> str | None:
    """The 附則: from the revision's 施行日 (`effective`), else its date
    (「この改訂は、令和5年4月から施行する。」), or, for a law, the date the new
    version took effect (「この法律は、令和五年十二月十三日から施行する。」);
    None when neither is known (no sentence is made up)."""
    rev = getattr(new_doc.source, "revision", None)
    if rev is not None:
        return f"この改訂は、{wareki(rev.effective or rev.adopted)}から施行する。"
    found = re.search(r"（(.+?)施行）$", getattr(new_doc.source, "description", "") or "")
    if result.old.statute and found:
        when = re.sub(r"\d+", lambda m: kanji_numeral(int(m.group())), found.group(1))
        return f"この法律は、{when}から施行する。"
    if not result.old.statute:
        return "この改訂は、決定の日から施行する。"
    return None


def provision_lines(block: Block) -> list[str]:
    """A provision in the layout of the document: an article's 見出し above
    it, then 「第N条　」 before its first 項, 「２　」, 「　一　」, 「　　イ　」
    indented by level; a policy's 「(1)　見出し」 and its paragraphs."""
    if block.kind in CONTAINER_KINDS:
        out = [f"　　　　{block.number}　{block.heading}".rstrip()]
    elif block.kind == "条":
        out = [f"　　（{block.heading}）"] if block.heading else []
        first = next((c for c in block.children if c.kind == "項" and not c.number), None)
        if first is None:
            out.append(f"　{block.number}　{''.join(block.text)}".rstrip())
        for child in block.children:
            if child is first:
                body = provision_lines(child)
                out.append(f"　{block.number}　{body[0].lstrip('　')}" if body else f"　{block.number}")
                out += body[1:]
            else:
                out += provision_lines(child)
        return out
    elif block.kind == "項" or block.kind == "号" or block.kind.startswith("細分"):
        level = {"項": 1, "号": 2}.get(block.kind) or 2 + int(block.kind[2:] or 1)
        lead = "　" * level
        texts = list(block.text) or [""]
        out = [f"{lead}{block.number}　{texts[0]}" if block.number else f"{lead}{texts[0]}"]
        out += [lead + t for t in texts[1:]]
        for child in block.children:
            out += provision_lines(child)
        return out
    else:   # a policy's numbered heading, or a numbered paragraph
        out = []
        texts = list(block.text)
        if block.heading:
            out.append(f"{block.number}　{block.heading}".strip())
        elif block.number and texts:
            out.append(f"{block.number}　{texts.pop(0)}")
        out += texts
    for child in block.children:
        out += provision_lines(child)
    return out


def doctree(result: Amendment, old_doc, new_doc, title: str) -> nodes.document:
    document = new_document(title)
    section = nodes.section(ids=["amendment"], names=["改め文"])
    section += nodes.title("改め文", "改め文")
    for note in _notes(old_doc, new_doc):   # reconstructed text never reads as the city's
        section += nodes.paragraph(text=note, classes=[COMPARISON_NOTE])
    if result.whole:
        section += nodes.paragraph(text=whole_reason(result))
    for cls, text in lines(result, old_doc, new_doc):
        section += nodes.paragraph(text=text, classes=[cls] if cls else [])
    document += section
    return document


def _notes(old_doc, new_doc) -> list[str]:
    """The 改め文 is ours, made from two texts; whose those texts are. (Its
    paragraphs are not marked 【再構成】 one by one, so the notes say it for
    the whole text.)"""
    old, new = old_doc.source, new_doc.source
    seen = [f"注：この改め文は、{old.description}と{new.description}の本文の比較から本プロジェクトの"
            "ツールが作成したもので、市が定めたもの・公表したものではありません。"] \
        if old is not None and new is not None and getattr(new, "revision", None) is not None else []
    for doc in (new_doc, old_doc):
        note = provenance_note(doc.source, marked=False) if doc.source is not None else None
        if note and note not in seen:
            seen.append(note)
    return seen


def whole_reason(result: Amendment) -> str:
    return (f"全部改正: 改正前の本文の主な区分の{round(result.share * 100)}％に改正後の対応する区分がなく、"
            "構成が改められているため、一部改正ではなく全部改正としています。")


def title_of(result: Amendment, old_doc) -> str:
    how = "全部改正" if result.whole else "一部改正"
    return f"{old_doc.title or result.old.heading}の{how}（改め文）"


def front_matter(result: Amendment, old_doc, new_doc, *, policy: dict, site_root: str = "",
                 basename: str = "amendment") -> FrontMatter:
    old, new = old_doc.source, new_doc.source
    subtitle = f"{new.description} と {old.description}" if old and new else ""
    epoch = max([s.commit_time for s in (new, old) if s is not None] or [0])
    notes = _notes(old_doc, new_doc)
    return FrontMatter(title=title_of(result, old_doc), policy=policy, subtitle=subtitle,
                       epoch=epoch, provenance="　".join(notes) or None,
                       basename=basename, page=Page(site_root=site_root))


def write(result: Amendment, old_doc, new_doc, out_dir: Path, formats, *, policy: dict,
          site_root: str = "", basename: str = "amendment") -> list[Path]:
    front = front_matter(result, old_doc, new_doc, policy=policy, site_root=site_root,
                         basename=basename)
    return writers.publish(doctree(result, old_doc, new_doc, front.title), front, formats,
                           Path(out_dir))


def site_basename(old_rev: str, new_rev: str) -> str:
    return f"amendment-{old_rev}-{new_rev}"


def write_site_amendment(root: Path, old_rev: str, new_rev: str, dest_dir: Path,
                         formats) -> list[Path]:
    """The site's `amend/<OLD>-<NEW>/` folder (a worker job: everything re-read)."""
    from ..read import read_pair
    from ..revisions import Project
    from .amendment import amendment
    project = Project(root)
    old_doc, new_doc = read_pair(project, old_rev, new_rev)
    result = amendment(old_doc, new_doc)
    return write(result, old_doc, new_doc, Path(dest_dir), formats,
                 policy=vars(project.policy()), site_root="../../",
                 basename=site_basename(old_rev, new_rev))


def site_amendment(stage: Path, folder: str, old_rev: str, new_rev: str) -> dict | None:
    """The 改訂履歴's link to a pair's 改め文 page (in `folder` of the site) and its
    files, if built."""
    page = stage / folder / writers.WRITERS[writers.PAGE_FORMAT].file_name("")
    if not page.exists():
        return None
    files = [(w.link_text, f"{folder}/{w.file_name(site_basename(old_rev, new_rev))}")
             for name, w in writers.WRITERS.items() if name in writers.file_formats(writers.WRITERS)]
    return {"path": f"{folder}/index.html",
            "whole": "の全部改正（改め文）" in page.read_text(encoding="utf-8"),
            "files": [(text, path) for text, path in files if (stage / path).exists()]}
