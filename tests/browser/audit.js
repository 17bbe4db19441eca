// Drive Debian's headless Chromium over pages of the site and report what a
// reviewer of JIS X 8341-3:2016 AA (WCAG 2.1 AA) would check.
//
//   node audit.js audit  JOB.json   -> {url: {axe: [...], review: {...}}}
//   node audit.js search JOB.json   -> {query: [{title, href}]}
//
// JOB.json: {"urls": [...], "screenshots": {"dir": ..., "names": {url: name}}} for audit, {"page": url, "queries": [...]} for search.
// Results are JSON on stdout; the Python tests judge them.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_LOCALE = JSON.parse(fs.readFileSync(require.resolve("axe-core/locales/ja.json"), "utf8"));
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

async function launch() {
  // A fresh profile per run and no background traffic: the suite runs offline.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "policy-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update"],
    viewport: { width: 1280, height: 900 },
    locale: "ja-JP",
  });
  return { context, cleanup: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
}

// Runs inside the page: what axe does not check.
function reviewInPage() {
  const visible = (el) => {
    const cs = getComputedStyle(el);
    return cs.display !== "none" && cs.visibility !== "hidden" && el.getClientRects().length > 0;
  };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        (e.classList.length ? "." + [...e.classList].join(".") : ""));
    }
    return parts.join(" > ");
  };
  const out = { lang: document.documentElement.getAttribute("lang") || "",
                title: document.title.trim(), headings: [], headingGaps: [],
                thWithoutScope: [], badLinks: [], h1Count: 0 };
  let previous = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (!visible(h) && !h.closest(".sr-only")) continue;
    const level = Number(h.tagName[1]);
    const text = h.textContent.replace(/\s+/g, " ").trim();
    out.headings.push([level, text]);
    if (level === 1) out.h1Count++;
    if ((previous === 0 && level !== 1) || level > previous + 1) {
      out.headingGaps.push(`h${previous || "-"} の次に h${level}「${text}」`);
    }
    previous = level;
  }
  for (const th of document.querySelectorAll("th")) {
    const scope = (th.getAttribute("scope") || "").toLowerCase();
    if (!["col", "row", "colgroup", "rowgroup"].includes(scope)) {
      out.thWithoutScope.push(`${where(th)}「${th.textContent.trim().slice(0, 30)}」`);
    }
  }
  // Link text that means nothing when read alone (WCAG 2.4.4, 2.4.9).
  const vague = /^(こちら|ここ|こちらをクリック|ここをクリック|詳細|詳しくは|詳しくはこちら|リンク|クリック|more|here|click here|link|§|#|¶)$/i;
  for (const a of document.querySelectorAll("a[href]")) {
    if (!visible(a) && !a.matches(".skip-link")) continue;
    const name = (a.getAttribute("aria-label") || a.textContent || "")
      .replace(/[\s「」『』（）()。、:：>＞]/g, "");
    if (!name || vague.test(name)) out.badLinks.push(`${where(a)}「${a.textContent.trim()}」 → ${a.getAttribute("href")}`);
  }
  return out;
}

// Relative luminance contrast of two CSS colours (rgb/rgba strings).
function contrastInPage(fg, bg) {
  const parse = (c) => (c.match(/[\d.]+/g) || [0, 0, 0]).slice(0, 3).map(Number);
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(parse(fg)), lum(parse(bg))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

// Tab through the page: every stop must be visible and look different from
// its unfocused state, with a 3:1 indicator (WCAG 2.4.7, 1.4.11).
async function checkFocus(page) {
  const snapshot = () => page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    let bg = "rgb(255, 255, 255)";
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== "transparent" && !/rgba\(.*, 0\)$/.test(c)) { bg = c; break; }
    }
    return {
      key: el.tagName + "|" + (el.getAttribute("href") || el.name || el.id) + "|" + Math.round(r.top + scrollY) + "|" + Math.round(r.left),
      text: (el.textContent || el.value || "").trim().slice(0, 30),
      fullText: (el.textContent || "").trim(),
      style: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow, cs.backgroundColor, cs.textDecorationLine, cs.borderColor].join(" / "),
      outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2 ? cs.outlineColor : null,
      behind: bg,
      inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      href: el.getAttribute("href"),
      targetExists: (() => { try { return !!document.querySelector(el.getAttribute("href") || "#none"); }
                             catch (e) { return false; } })(),
      // The same element's look without focus, in the same round trip.
      unfocused: (() => {
        el.blur();
        const u = getComputedStyle(el);
        const look = [u.outlineStyle, u.outlineWidth, u.outlineColor, u.boxShadow, u.backgroundColor, u.textDecorationLine, u.borderColor].join(" / ");
        el.focus({ preventScroll: true, focusVisible: true });
        return look;
      })(),
    };
  });
  const problems = [];
  const seen = new Set();
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); scrollTo(0, 0); });
  let stops = 0;
  let first = null;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const focused = await snapshot();
    if (!focused || seen.has(focused.key)) break;
    seen.add(focused.key);
    stops++;
    if (first === null) first = { text: focused.fullText, href: focused.href, targetExists: focused.targetExists };
    const unfocused = focused.unfocused;
    const label = `「${focused.text}」`;
    if (!focused.inView) problems.push(`${label}: フォーカスが画面外にあります`);
    if (focused.style === unfocused) problems.push(`${label}: フォーカスしても見た目が変わりません`);
    else if (focused.outline && contrastInPage(focused.outline, focused.behind) < 3) {
      problems.push(`${label}: フォーカス枠 ${focused.outline} と背景 ${focused.behind} のコントラストが 3:1 未満です`);
    }
  }
  return { stops, first, problems };
}

// Text usable at 200% zoom (WCAG 1.4.4, 1.4.10): a 1280px window at 200% is a
// 640 CSS px layout viewport. The page must not scroll sideways; only a wide
// table may scroll inside its own box.
async function checkReflow(page, width) {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate(() => {
    const doc = document.documentElement;
    const problems = [];
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`ページ全体が横にスクロールします（幅 ${doc.scrollWidth}px > ${doc.clientWidth}px）`);
    const inScroller = (el) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const ox = getComputedStyle(e).overflowX;
        if (ox === "auto" || ox === "scroll") return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll("p, li, h1, h2, h3, h4, dd, dt, td, th, address, a")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if ((r.right > doc.clientWidth + 1 || r.left < -1) && !inScroller(el)) {
        problems.push(`<${el.tagName.toLowerCase()}>「${el.textContent.trim().slice(0, 20)}」が画面からはみ出します`);
      }
    }
    return problems.slice(0, 10);
  });
}

// A text column a reader can follow on a phone: every element with its own
// text that wraps is at least MIN_CHARS characters wide (one character is
// about one em of Japanese text). Hidden and visually-hidden elements aside.
const MIN_CHARS = 12;
async function checkColumns(page) {
  // Media-query listeners (the provenance box) run after the resize.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate((minChars) => {
    const problems = [];
    const selector = "p, li, td, th, dd, dt, h1, h2, h3, h4, address, caption, summary, figcaption";
    for (const el of document.querySelectorAll(selector)) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (cs.visibility === "hidden") continue;
      let hidden = false;   // inside a visually hidden box (a stacked table's header row)
      for (let e = el; e && !hidden; e = e.parentElement) {
        const b = e.getBoundingClientRect();
        hidden = b.width < 2 || b.height < 2;
      }
      if (hidden) continue;
      const font = parseFloat(cs.fontSize);
      const width = r.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const chars = width / font;
      const text = el.textContent.replace(/\s+/g, "");
      const lines = Math.round(r.height / (parseFloat(cs.lineHeight) || font * 1.5));
      if (chars < minChars && lines > 1 && Array.from(text).length > chars) {
        problems.push(`<${el.tagName.toLowerCase()}>「${text.slice(0, 20)}」の幅が ${chars.toFixed(1)} 文字分です（${minChars} 文字以上にしてください）`);
      }
    }
    // The provenance box is one line on a phone, and opens.
    for (const box of document.querySelectorAll("details.provenance-box")) {
      const summary = box.querySelector("summary");
      const line = parseFloat(getComputedStyle(summary).lineHeight);
      if (box.open) problems.push("出典の欄が携帯電話の幅で閉じていません");
      else if (summary.getBoundingClientRect().height > line * 1.5) problems.push(`出典の欄の見出し「${summary.textContent.trim()}」が1行に収まりません`);
    }
    return problems.slice(0, 10);
  }, MIN_CHARS);
}

async function screenshot(page, dir, name, width) {
  await page.setViewportSize({ width, height: 900 });
  const file = path.join(dir, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function audit(context, url, shots) {
  const page = await context.newPage();
  try {
    const response = await page.goto(url, { waitUntil: "load" });
    const status = response ? response.status() : 0;
    await page.addScriptTag({ content: AXE_SOURCE });
    const axe = await page.evaluate(async ([tags, locale]) => {
      window.axe.configure({ locale });
      const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
    }, [WCAG_TAGS, AXE_LOCALE]);
    const review = await page.evaluate(reviewInPage);
    review.status = status;
    review.focus = await checkFocus(page);
    review.reflow200 = await checkReflow(page, 640);
    review.reflowPhone = await checkReflow(page, 390);
    review.columnsPhone = await checkColumns(page);
    // Screenshots for a person to look at (the file names are the page's).
    if (shots && shots.names[url]) {
      review.screenshots = [await screenshot(page, shots.dir, shots.names[url], 390),
                            await screenshot(page, shots.dir, shots.names[url], 1280)];
    }
    return { axe, review };
  } finally {
    await page.close();
  }
}

async function search(context, pageUrl, queries, job_follow) {
  const results = {};
  const page = await context.newPage();
  try {
    for (const q of queries) {
      await page.goto(pageUrl + "?q=" + encodeURIComponent(q), { waitUntil: "load" });
      // searchtools.js writes a summary paragraph when the search has finished.
      // searchtools.js fills the summary paragraph only when it has finished.
      await page.waitForFunction(() => typeof Search !== "undefined"
        && (document.querySelector("#search-results .search-summary")?.textContent || "") !== "",
        null, { timeout: 15000 });
      // Each result's excerpt comes with its page, fetched after the list.
      await page.waitForFunction(() => [...document.querySelectorAll("#search-results ul.search > li")]
        .every((li) => li.querySelector("p.context")), null, { timeout: 10000 }).catch(() => null);
      await page.waitForTimeout(50);
      results[q] = await page.evaluate(() => ({
        terms: [...(typeof splitQuery !== "undefined" ? splitQuery(new URLSearchParams(location.search).get("q")) : [])],
        summary: document.querySelector("#search-results .search-summary").textContent.trim(),
        hits: [...document.querySelectorAll("#search-results ul.search > li > a")].map((a) => ({
          title: a.textContent.trim(), href: a.getAttribute("href"),
          excerpt: (a.parentElement.querySelector("p.context")?.textContent || "").trim(),
          marked: [...a.parentElement.querySelectorAll("span.highlighted")].map((m) => m.textContent) })),
      }));
      // Open the first result as a reader would: what is highlighted there,
      // and what is left after 「強調を消す」.
      if ((job_follow || []).includes(q) && results[q].hits.length) {
        await page.click("#search-results ul.search > li > a");
        await page.waitForLoadState("load");
        await page.waitForSelector(".search-marks button", { timeout: 5000 }).catch(() => null);
        const opened = await page.evaluate(() => ({
          marked: [...document.querySelectorAll("div.body span.highlighted")].map((m) => m.textContent),
          note: document.querySelector(".search-marks")?.textContent || "" }));
        if (await page.$(".search-marks button")) await page.click(".search-marks button");
        opened.markedAfterClear = await page.evaluate(() => document.querySelectorAll("span.highlighted").length);
        results[q].opened = opened;
      }
    }
  } finally {
    await page.close();
  }
  return results;
}

async function main() {
  const [mode, jobFile] = process.argv.slice(2);
  const job = JSON.parse(fs.readFileSync(jobFile, "utf8"));
  const { context, cleanup } = await launch();
  try {
    let out = {};
    if (mode === "audit") {
      const queue = [...job.urls];
      const worker = async () => { for (let u; (u = queue.shift()); ) out[u] = await audit(context, u, job.screenshots); };
      await Promise.all(Array.from({ length: job.parallel || 2 }, worker));
    } else if (mode === "search") {
      out = await search(context, job.page, job.queries, job.follow);
    } else {
      throw new Error("usage: node audit.js audit|search JOB.json");
    }
    process.stdout.write(JSON.stringify(out));
  } finally {
    await cleanup();
  }
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
