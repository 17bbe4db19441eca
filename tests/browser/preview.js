// The live preview in headless Chromium: open a chapter, save a change to
// its RST file, and time how long until the open page shows the new text
// (it must reload by itself). Usage: node preview.js JOB.json → JSON on stdout.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const t0 = Date.now();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "policy-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
    locale: "ja-JP",
  });
  const result = { launch_ms: Date.now() - t0 };
  try {
    const page = await context.newPage();
    await page.goto(job.page, { waitUntil: "load" });
    result.before = await page.innerText("body");
    result.loaded_ms = Date.now() - t0;
    result.findings = await page.$$eval(".lint-findings", (els) => els.map((e) => e.innerText));
    // Let the livereload client connect before the save.
    await page.waitForFunction(() => window.LiveReload !== undefined, null, { timeout: 10000 })
      .catch(() => {});
    await page.waitForTimeout(300);
    const started = Date.now();
    fs.writeFileSync(job.file, job.text, "utf8");
    await page.waitForFunction((word) => document.body.innerText.includes(word), job.expect,
                               { timeout: job.timeout_ms, polling: 100 });
    result.ms = Date.now() - started;
    result.after = await page.innerText("body");
    const diff = await context.newPage();
    await diff.goto(job.diff, { waitUntil: "load" });
    result.diff = await diff.innerText("body");
    result.done_ms = Date.now() - t0;
  } catch (error) {
    result.error = String(error);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(result));
}

main();
