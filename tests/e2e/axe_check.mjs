// Runs axe-core on an HTML file inside Debian's Chromium (headless, no
// network) and fails on any violation. Prints every violation with the
// elements it found, and how many rules passed. Optionally saves what a
// person sees (a PNG of the whole page) and what a printer gets (an A4
// PDF, with the page's print styles), to look at.
//
// Usage: node axe_check.mjs PAGE.html [SCREENSHOT.png [PRINTED.pdf]]
// axe-core and playwright-core come from ci/setup, in $CAREVOICE_NODE_TOOLS
// (by default ~/.cache/carevoice/node).
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";

const [page_file, screenshot, printed] = process.argv.slice(2);
if (!page_file) {
  console.error("usage: node axe_check.mjs PAGE.html [SCREENSHOT.png [PRINTED.pdf]]");
  process.exit(2);
}
const tools = process.env.CAREVOICE_NODE_TOOLS || path.join(process.env.HOME, ".cache/carevoice/node");
const require = createRequire(path.join(tools, "node_modules", "index.js"));
let chromium, axe_path;
try {
  ({ chromium } = require("playwright-core"));
  axe_path = require.resolve("axe-core/axe.min.js");
} catch (e) {
  console.error(`axe_check: axe-core and playwright-core are not in ${tools}: run ci/setup`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CAREVOICE_CHROMIUM || "/usr/bin/chromium",
  // No sandbox as root; nothing reaches for the network (the machine's
  // network is closed and the page asks for nothing).
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  timeout: 60000,
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.goto("file://" + path.resolve(page_file), { timeout: 60000 });
  await page.addScriptTag({ path: axe_path });
  const results = await page.evaluate(async () =>
    // Every rule axe has: WCAG 2.0-2.2 A and AA, and best practice.
    await window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of results.violations) {
    failed = true;
    console.log(`violation ${v.id} (${v.impact}): ${v.help}`);
    for (const node of v.nodes.slice(0, 5)) console.log(`  at ${node.target.join(" ")}`);
  }
  console.log(`axe-core ${results.testEngine.version}: ${results.violations.length} violations, ` +
              `${results.passes.length} rules passed, ${results.incomplete.length} to check by hand`);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  if (printed) await page.pdf({ path: printed, format: "A4", printBackground: true });
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
