"""A long policy for benchmarks: a city-sized plan (総合計画) of about 1,000
sections and 2 MB of Japanese text, and a second revision that moves,
renumbers, adds, deletes and edits a few percent of it.

The text is generated from a fixed seed, so every run measures the same
input. It is synthetic: nobody should read it as any city's wording.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

SUBJECTS = ["市民", "地域団体", "民間事業者", "NPO", "行政", "関係機関", "市民活動団体", "大学"]
TOPICS = ["公共施設の維持管理", "子育て支援", "地域福祉", "防災対策", "環境保全", "観光振興",
          "公民連携の推進", "市民サービスの向上", "財政の健全化", "交通ネットワーク", "生涯学習",
          "健康づくり", "産業の活性化", "都市基盤の整備", "情報化の推進", "文化・スポーツの振興"]
VERBS = ["推進します", "充実を図ります", "検討を進めます", "取組を強化します", "連携を深めます",
         "仕組みを構築します", "計画的に実施します", "効果を検証します"]
LINKS = ["の実現に向けて", "を踏まえ", "との連携により", "の視点から", "に配慮しつつ", "を通じて"]


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)}と{rng.choice(SUBJECTS)}が協力し、{rng.choice(TOPICS)}"
            f"{rng.choice(LINKS)}{rng.choice(TOPICS)}について、令和{rng.randint(2, 12)}年度までに"
            f"{rng.randint(1, 99)}か所で{rng.choice(VERBS)}。")


def _paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(_sentence(rng) for _ in range(sentences))


def generate(chapters: int = 50, sections: int = 20, paragraphs: int = 3,
             sentences: int = 4, seed: int = 2024) -> dict:
    """The model of the long policy: {chapter label: (title, [(label, title, [paragraphs])])}."""
    rng = random.Random(seed)
    model = {}
    for c in range(1, chapters + 1):
        secs = []
        for s in range(1, sections + 1):
            body = [_paragraph(rng, sentences) for _ in range(paragraphs)]
            secs.append((f"c{c:03d}-s{s:03d}", f"{rng.choice(TOPICS)}に関する施策", body))
        model[f"c{c:03d}"] = (f"{rng.choice(TOPICS)}の推進", secs)
    return model


def revise(model: dict, *, seed: int = 7, share: float = 0.03) -> dict:
    """A second revision: edit `share` of the paragraphs, move a few sections to
    other chapters, delete some and add new ones (so later numbers shift)."""
    rng = random.Random(seed)
    new = {c: (title, [(label, t, list(body)) for label, t, body in secs])
           for c, (title, secs) in model.items()}
    chapters = list(new)
    all_sections = [(c, i) for c in chapters for i in range(len(new[c][1]))]
    paragraphs = [(c, i, p) for c, i in all_sections for p in range(len(new[c][1][i][2]))]
    for c, i, p in rng.sample(paragraphs, int(len(paragraphs) * share)):
        text = new[c][1][i][2][p]
        cut = rng.randrange(len(text) // 2)
        new[c][1][i][2][p] = text[:cut] + _sentence(rng) + text[cut + 20:]
    moves = max(1, len(all_sections) // 100)
    for _ in range(moves):  # move a section to the end of another chapter
        src, dst = rng.sample(chapters, 2)
        if new[src][1]:
            section = new[src][1].pop(rng.randrange(len(new[src][1])))
            new[dst][1].append(section)
    for _ in range(moves):  # delete one, add one
        c = rng.choice(chapters)
        if new[c][1]:
            new[c][1].pop(rng.randrange(len(new[c][1])))
        c = rng.choice(chapters)
        new[c][1].insert(rng.randrange(len(new[c][1]) + 1),
                         (f"{c}-new{rng.randrange(10**6):06d}", "新たな施策",
                          [_paragraph(rng, 5)]))
    return new


def _underline(title: str, char: str) -> str:
    return char * (2 * len(title) + 2)


def write(model: dict, dest: Path, *, title: str = "長期計画（ベンチマーク用の合成文書）") -> Path:
    """Write the model as a Sphinx source folder (one file per chapter)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "conf.py").write_text(
        f'project = "{title}"\nlanguage = "ja"\nroot_doc = "index"\n', encoding="utf-8")
    toc = "\n".join(f"   {c}" for c in model)
    (dest / "index.rst").write_text(
        f"{_underline(title, '=')}\n{title}\n{_underline(title, '=')}\n\n"
        ".. この文書はベンチマーク用に自動生成した合成文書です。\n\n"
        f".. toctree::\n   :maxdepth: 1\n\n{toc}\n", encoding="utf-8")
    for number, (chapter, (ctitle, secs)) in enumerate(model.items(), 1):
        heading = f"第{number}章　{ctitle}"
        lines = [f".. _{chapter}:", "", heading, _underline(heading, "="), ""]
        for s, (label, stitle, body) in enumerate(secs, 1):
            sub = f"{s}　{stitle}"
            lines += [f".. _{label}:", "", sub, _underline(sub, "-"), ""]
            for para in body:
                lines += [para, ""]
        (dest / f"{chapter}.rst").write_text("\n".join(lines), encoding="utf-8")
    return dest


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.rst"))
