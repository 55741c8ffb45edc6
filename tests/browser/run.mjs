#!/usr/bin/env node
// The real-browser quality gate of the public site built by cchc.
//
//   node tests/browser/run.mjs [PATH_TO_CCHC]     (or $CCHC_BIN; default target/release/cchc)
//
// Builds two sites with SOURCE_DATE_EPOCH fixed: the repository's own sample
// data, and a hostile copy with script-injection payloads in every free-text
// field (lib/hostile.mjs). Opens every page in Chromium (playwright-core,
// $CHROMIUM or /usr/bin/chromium) at desktop and phone widths and checks: no
// dialog, no payload marker, no unexpected request, no console or page
// error, a CSP that forbids scripts, no forbidden element or attribute;
// axe-core (WCAG 2.0/2.1 A and AA); the Nu HTML checker; links and
// downloads; and print (A4 landscape from @page: nothing cut off, PDFs saved
// and read back). On every page at both widths, the layout: no word broken
// inside a box narrower than it, no chart text under 11 px; at 390 px the
// sample's dashboard under PHONE_DASHBOARD_MAX_PX. In print: page numbers on
// every page, the dashboard on one page, the consolidated table with its
// title block, its header row on every page and its totals once.
// Exits 1 with the list of failures. The temporary folder (sites, PDFs,
// report.json) is kept and named at the end.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDeps } from './lib/deps.mjs';
import { buildHostileRepo, INVALID_UNIT } from './lib/hostile.mjs';
import { KINDS, markersIn } from './lib/payloads.mjs';
import { startServer } from './lib/server.mjs';
import { checkPage, listFiles, pageKind, pool, KINDS_REQUIRED, AXE_TAGS } from './lib/pages.mjs';
import { checkLinks, checkDownloads } from './lib/links.mjs';
import { runNu } from './lib/nu.mjs';
import { checkPrint, campaignFacts } from './lib/print.mjs';

const SOURCE_DATE_EPOCH = '1764039600';
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
// The dashboard of the repository's sample (17 units, 8 areas) at 390 px:
// at most this tall (README.md). It was 19,042 px with tables squeezed into
// columns one letter wide; as cards it is about 8,600 px.
const PHONE_DASHBOARD_MAX_PX = 10000;
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const started = Date.now();
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

const failures = []; // [{area, site, page, text}]

// Known causes: a failure matching one is explained once, with the fix, at the
// end of the list (the failures themselves name page, element and rule).
const DIAGNOSES = [
  {
    id: 'markdown-rejected-url',
    test: (f) => /Element “a” is missing required attribute “href”|Element “img” is missing one or more of the following attributes: “src”/.test(f.text),
    text: 'A Markdown link or image whose URL the sanitiser rejects (javascript:, data:, vbscript:…) is rendered as <a rel="noopener noreferrer"> without href ' +
      '(Nu: an <a> with rel needs href) or <img alt> without src. Fix in src/site.rs markdown(): turn such links and images into their plain text ' +
      '(filter pulldown-cmark Link/Image events by scheme before ammonia), or reject them in cchc validate as for evidence links (E052).',
  },
  {
    id: 'markdown-raw-html',
    test: (f) => f.page.includes('/trang/') && /image-alt|An “img” element must have an “alt”|\/trang\/x\b|src="x"|“details” is missing a required instance of child element “summary”/.test(f.text),
    text: 'Raw HTML in a Markdown page passes the sanitiser when its tag is allowed: <img src=x> keeps a relative src and no alt (a request for a file ' +
      'that does not exist: HTTP 404, console error, broken link; axe image-alt, WCAG 1.1.1; Nu: img needs alt) and <details> keeps no <summary> ' +
      '(Nu error; it also hides the rest of the page). Fix in src/site.rs markdown(): render raw HTML (pulldown-cmark Event::Html/InlineHtml) as text, ' +
      'or narrow ammonia to the tags Markdown itself produces and require alt on img.',
  },
  {
    id: 'evidence-url-verbatim',
    test: (f) => f.area === 'nu' && /Bad value .* for attribute “href” on element “a”: Illegal character/.test(f.text),
    text: 'An evidence link is printed as written in the TOML file. cchc validate accepts links holding characters a URL may not contain ' +
      '(" < > space…, which the url crate percent-encodes when it parses), so the page has href values the HTML standard forbids. Fix: give the ' +
      'template the parsed URL (url::Url::as_str(), percent-encoded) for href in templates/unit.html (e.url), or reject such links with E053.',
  },
  {
    id: 'unbreakable-text',
    test: (f) => (/unbreakable text/.test(f.text) && !/> pre > code/.test(f.text)) || (f.area === 'print' && /document wider than the printable width/.test(f.text)),
    text: 'Long text without a break opportunity (a pasted URL, a long code) makes its box wider than the screen or the printed page: on a phone the ' +
      'whole page scrolls sideways (WCAG 1.4.10), in print the tables grow past the printable width and are cut off. Fix in templates/static/style.css: ' +
      'a wide table as cards on a phone (class "stack", data-label on its cells), `min-width: 0` on a flex item holding free text, and in print ' +
      '`overflow-wrap: anywhere` on the table cells that hold free text. Not `overflow-wrap: anywhere` on body: it lets every table column and flex ' +
      'item shrink below its longest word (the broken-words check).',
  },
  {
    id: 'broken-words',
    test: (f) => /word\(s\) broken inside/.test(f.text),
    text: 'A box narrower than its longest word: a table column squeezed (a wide table on a phone that is not a card, `table.stack`), a flex or ' +
      'grid item with a fixed small width, or `overflow-wrap: anywhere` / `word-break: break-all` letting a column shrink below its words. Fix in ' +
      'templates/static/style.css; body has `overflow-wrap: break-word`, which breaks a word only when a whole line cannot hold it.',
  },
  {
    id: 'small-chart-text',
    test: (f) => /chart text\(s\) drawn smaller/.test(f.text),
    text: 'An SVG chart scales its text with its box: a chart drawn for a wide box shrinks its labels on a phone. Fix in crates/core/src/chart.rs ' +
      '(the Narrow drawing, about 360 units wide, text of 14 units) or in the media queries that choose .chart-wide or .chart-narrow in style.css.',
  },
  {
    id: 'print-pages',
    test: (f) => f.area === 'print' && /prints on \d+ pages|printed \d+ time|lacks the header row|title block/.test(f.text),
    text: 'The paper copies: the dashboard keeps its summary, statuses and the province\'s score on one A4 page (what is not for paper has class ' +
      '"no-print"; the @media print rules of style.css lay the rest out); the consolidated table has its title block (.doc-head, print-only), its ' +
      'header row on every page (thead: table-header-group) and its totals once (tfoot: table-row-group in print).',
  },
  {
    id: 'pre-reflow',
    test: (f) => /> pre > code/.test(f.text) && /phone screen/.test(f.text),
    text: 'A code block (<pre>) of a Markdown page is wider than a phone screen, so the whole page scrolls sideways (WCAG 1.4.10 reflow). Fix in ' +
      'templates/static/style.css: `.prose pre { white-space: pre-wrap; overflow-wrap: anywhere; }` (wrapping rather than a scroll box, which ' +
      'axe would want keyboard-focusable).',
  },
];
const fail = (area, site, page, text) => failures.push({ area, site, page, text });
const log = (s) => console.log(s);
const secs = () => ((Date.now() - started) / 1000).toFixed(1) + 's';

function findBinary() {
  const arg = process.argv[2] || process.env.CCHC_BIN;
  const candidates = arg ? [arg] : ['target/release/cchc', 'target/debug/cchc'].map((p) => path.join(repo, p));
  for (const c of candidates) {
    const p = path.resolve(c);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`no cchc binary (tried ${candidates.join(', ')}); build it with cargo build --release`);
}

function cchc(bin, cwd, args) {
  return spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH }, maxBuffer: 64 * 1024 * 1024 });
}

function build(bin, cwd, out, name) {
  const r = cchc(bin, cwd, ['build', '--out', out]);
  if (r.status !== 0 || !fs.existsSync(path.join(out, 'index.html'))) {
    throw new Error(`cchc build of the ${name} site failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  log(`  ${name}: ${(r.stderr + r.stdout).trim().split('\n').pop()}`);
}

async function main() {
  const bin = findBinary();
  const deps = loadDeps();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-browser-'));
  log(`cchc browser gate: ${bin}`);
  log(`  packages: ${Object.entries(deps.versions).map(([k, v]) => `${k} ${v}`).join(', ')}; work folder ${tmp}`);

  // 1-2. The sites.
  log('\n==> build');
  const normal = { name: 'normal', dir: path.join(tmp, 'site-normal') };
  build(bin, repo, normal.dir, 'normal');
  const hostileRepo = path.join(tmp, 'hostile-repo');
  const ledger = buildHostileRepo(repo, hostileRepo);
  const v = cchc(bin, hostileRepo, ['validate', '--format', 'json']);
  let diags = [];
  try {
    diags = JSON.parse(v.stdout);
  } catch {
    fail('hostile data', 'hostile', '-', `cchc validate --format json gave no JSON (exit ${v.status}): ${v.stderr.slice(0, 300)}`);
  }
  const errorFiles = new Map();
  for (const d of diags.filter((x) => x.severity === 'error')) {
    if (!errorFiles.has(d.file)) errorFiles.set(d.file, []);
    errorFiles.get(d.file).push(`${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);
  }
  const invalidFile = [...new Set(ledger.filter((l) => !l.valid).map((l) => l.file))];
  for (const [file, errs] of errorFiles) {
    if (!invalidFile.includes(file)) {
      fail('hostile data', 'hostile', file, `the payloads were meant to keep this file valid, but cchc validate rejects it: ${errs.slice(0, 3).join(' | ')}`);
    }
  }
  for (const f of invalidFile) {
    const codes = (errorFiles.get(f) ?? []).map((e) => e.split(' ')[0]);
    if (!codes.includes('E052')) fail('hostile data', 'hostile', f, `javascript:/data: evidence links were not rejected with E052 (got ${[...new Set(codes)].join(', ') || 'no error'})`);
  }
  for (const l of ledger) l.fileValid = !errorFiles.has(l.file);
  const hostile = { name: 'hostile', dir: path.join(tmp, 'site-hostile') };
  build(bin, hostileRepo, hostile.dir, 'hostile');
  const hostileNoCsp = { name: 'hostile-nocsp', dir: hostile.dir, stripCsp: true };
  const kindsInjected = new Set(ledger.map((l) => l.kind));
  log(`  payloads: ${ledger.length} injections of ${kindsInjected.size} kinds (${KINDS.length} markup kinds + link variants); ` +
    `${ledger.filter((l) => l.fileValid).length} in valid files, ${ledger.filter((l) => !l.fileValid).length} in ${invalidFile.join(', ')} (invalid on purpose)`);

  const server = await startServer([normal, hostile, hostileNoCsp]);
  const browser = await deps.chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
  const stats = { pages: 0, loads: 0, dialogs: 0, executions: 0, consoleErrors: 0, pageErrors: 0, unexpectedRequests: 0, axeViolations: 0, axeNodes: 0, nuErrors: 0, brokenLinks: 0, printProblems: 0, domProblems: 0 };
  const report = { sites: {}, ledger, print: [], nu: [] };

  let pagesBySite;
  let shown;
  let nuFiles;
  try {
    pagesBySite = await checkPages(server, browser, deps, { normal, hostile, hostileNoCsp }, stats, report);
    shown = checkPayloadsShown(pagesBySite.get('hostile'), ledger);
    checkAllLinks(server, { normal, hostile }, pagesBySite, stats);
    nuFiles = checkNu(deps, { normal, hostile }, stats, report);
    await checkAllPrint(server, browser, { normal, hostile }, pagesBySite, tmp, stats, report);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  // Summary.
  const executionsTotal = stats.executions;
  const totalChecks = stats.loads + report.print.length + nuFiles.length + 2;
  fs.writeFileSync(path.join(tmp, 'report.json'), JSON.stringify({ stats, failures, ...report }, null, 1));
  log('\n==> summary');
  log(`  pages checked: ${[...pagesBySite].map(([k, v]) => `${v.length} ${k}`).join(' + ')} = ${stats.pages} (${stats.loads} page loads: desktop and phone, the hostile site also without its CSP)`);
  log(`  payloads injected: ${ledger.length} (${kindsInjected.size} kinds; ${ledger.filter((l) => l.fileValid).length} in valid files); shown as text: ${shown.size}`);
  log(`  dialogs: ${stats.dialogs}; executions (markers, title, navigation): ${executionsTotal}; console errors: ${stats.consoleErrors}; page errors: ${stats.pageErrors}; unexpected requests: ${stats.unexpectedRequests}`);
  log(`  forbidden markup / CSP / reflow problems: ${stats.domProblems}`);
  log(`  axe-core (${AXE_TAGS.join(', ')}): ${stats.axeViolations} violations (${stats.axeNodes} elements)`);
  log(`  Nu HTML checker errors: ${stats.nuErrors}`);
  log(`  broken links or missing downloads: ${stats.brokenLinks}`);
  log(`  print problems: ${stats.printProblems}; PDFs: ${report.print.filter((p) => p.pdf).map((p) => `${path.basename(p.pdf)} (${p.pages} pages)`).join(', ')}`);
  log(`  work folder (sites, PDFs, report.json): ${tmp}; ${secs()}`);
  if (failures.length) {
    log(`\nFAILED: ${failures.length} problem(s)`);
    const byArea = new Map();
    for (const f of failures) {
      if (!byArea.has(f.area)) byArea.set(f.area, []);
      byArea.get(f.area).push(f);
    }
    for (const [area, list] of byArea) {
      log(`\n-- ${area} (${list.length})`);
      for (const f of list.slice(0, 60)) log(`  [${f.site}] ${f.page}: ${f.text}`);
      if (list.length > 60) log(`  … and ${list.length - 60} more (report.json)`);
    }
    const diagnosed = DIAGNOSES.map((d) => ({ d, hits: failures.filter((f) => d.test(f)) })).filter((x) => x.hits.length);
    if (diagnosed.length) {
      log('\n-- likely causes and fixes (the site, not this gate)');
      for (const { d, hits } of diagnosed) {
        const pages = [...new Set(hits.map((f) => `${f.site.split('/')[0]}:${f.page}`))];
        log(`  * [${d.id}] ${hits.length} failure(s) on ${pages.length} page(s) (${pages.slice(0, 6).join(', ')}${pages.length > 6 ? ', …' : ''}):\n    ${d.text}`);
      }
      const rest = failures.filter((f) => !DIAGNOSES.some((d) => d.test(f))).length;
      if (rest) log(`  * ${rest} failure(s) match no known cause: read them above.`);
    }
    const unitOf = (f) => `${f.site}|${f.page}|${{ nu: 'nu', print: 'print', link: 'links', download: 'links' }[f.area] ?? 'load'}`;
    const failedUnits = new Set(failures.map(unitOf)).size;
    log(`\nbrowser: ${Math.max(0, totalChecks - failedUnits)} passed, ${failedUnits} failed`);
    process.exitCode = 1;
  } else {
    log(`\nbrowser: ${totalChecks} passed, 0 failed`);
  }
}

// 3-4. Every page, every viewport; returns the desktop results of each site.
async function checkPages(server, browser, deps, { normal, hostile, hostileNoCsp }, stats, report) {
  const runs = [
    { site: normal, viewport: 'desktop', axe: true },
    { site: normal, viewport: 'phone', axe: true },
    { site: hostile, viewport: 'desktop', axe: true, text: true },
    { site: hostile, viewport: 'phone', axe: true },
    { site: hostileNoCsp, viewport: 'desktop', axe: false },
  ];
  const pagesBySite = new Map();
  for (const run of runs) {
    const { site } = run;
    log(`\n==> pages: ${site.name} at ${run.viewport} ${VIEWPORTS[run.viewport].width}×${VIEWPORTS[run.viewport].height}${run.axe ? ' + axe-core' : ''}${site.stripCsp ? ' (CSP removed: escaping alone must hold)' : ''}  [${secs()}]`);
    const files = listFiles(site.dir, '.html');
    const context = await browser.newContext({ viewport: VIEWPORTS[run.viewport], serviceWorkers: 'block' });
    const results = await pool(2, files.map((rel) => () => checkPage(context, {
      url: server.url(site.name, rel), rel, site, server,
      axeSource: deps.axeSource, runAxe: run.axe, phone: run.viewport === 'phone', collectText: run.text,
    }).then((r) => ({ rel, kind: pageKind(rel), ...r }))));
    await context.close();
    const tag = `${site.name}/${run.viewport}`;
    const axeByRule = new Map();
    let problems = 0;
    for (const r of results) {
      stats.loads++;
      const add = (area, list, key) => {
        for (const e of list) {
          if (key) stats[key]++;
          problems++;
          fail(area, tag, r.rel, e);
        }
      };
      add('execution', r.executions, 'executions');
      stats.dialogs += r.dialogs.length;
      add('console error', r.consoleErrors, 'consoleErrors');
      add('page error', r.pageErrors, 'pageErrors');
      add('unexpected request', r.unexpected, 'unexpectedRequests');
      add('page', r.problems, 'domProblems');
      if (run.viewport === 'phone' && site.name === 'normal' && r.kind === 'dashboard' && r.layout && r.layout.height > PHONE_DASHBOARD_MAX_PX) {
        stats.domProblems++;
        problems++;
        fail('page', tag, r.rel, `the dashboard is ${r.layout.height}px tall at ${VIEWPORTS.phone.width}px, more than ${PHONE_DASHBOARD_MAX_PX}px: a table no longer stacks into cards, or a chart is drawn for another width`);
      }
      for (const v of r.axe ?? []) {
        stats.axeViolations++;
        stats.axeNodes += v.nodes.length;
        if (!axeByRule.has(v.id)) axeByRule.set(v.id, []);
        axeByRule.get(v.id).push(r.rel);
        for (const n of v.nodes.slice(0, 5)) {
          fail('axe', tag, r.rel, `${v.id} (${v.impact}; ${v.tags.join(', ')}): ${v.help} — ${n.target} — ${n.html} — ${n.summary.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
        if (v.nodes.length > 5) fail('axe', tag, r.rel, `${v.id}: … and ${v.nodes.length - 5} more elements`);
      }
    }
    const kinds = new Set(results.map((r) => r.kind));
    for (const k of KINDS_REQUIRED) if (!kinds.has(k)) fail('coverage', tag, '-', `no page of kind "${k}" was built`);
    log(`  ${results.length} pages (${[...kinds].map((k) => `${k} ${results.filter((r) => r.kind === k).length}`).join(', ')})`);
    const dash = results.filter((r) => r.kind === 'dashboard' && r.layout).map((r) => `${r.rel} ${r.layout.height}px`);
    log(`  layout: ${results.reduce((n, r) => n + (r.layout?.words ?? 0), 0)} words measured, ${results.reduce((n, r) => n + (r.layout?.svgTexts ?? 0), 0)} chart texts; dashboard height ${dash.join(', ')}${run.viewport === 'phone' && site.name === 'normal' ? ` (at most ${PHONE_DASHBOARD_MAX_PX}px)` : ''}`);
    log(`  problems: ${problems}` + (run.axe ? `; axe violations: ${[...axeByRule].map(([id, ps]) => `${id} on ${ps.length} page(s)`).join(', ') || 'none'}` : ''));
    if (!site.stripCsp && run.viewport === 'desktop') {
      pagesBySite.set(site.name, results);
      stats.pages += results.length;
    }
    report.sites[tag] = results.map(({ text, ids, refs, ...rest }) => rest);
  }
  return pagesBySite;
}

// Did the payloads reach the pages as text? Returns the marker numbers seen.
function checkPayloadsShown(pages, ledger) {
  const shown = new Set();
  for (const r of pages) for (const n of markersIn(r.text)) shown.add(n);
  const shownKinds = new Set(ledger.filter((l) => shown.has(l.n)).map((l) => l.kind));
  const shownMarkup = [...shownKinds].filter((k) => KINDS.some((x) => x.id === k));
  log(`\n==> payloads shown as text on the hostile pages: ${shown.size} of ${ledger.length} injections, ${shownKinds.size} kinds (${shownMarkup.length} of ${KINDS.length} markup kinds)`);
  const fieldOf = (l) => `${l.file.replace(/^submissions\/[^/]+\/[^/]+\.toml$/, 'submissions/<unit>.toml')} ${l.key}`;
  const seenFields = new Set(ledger.filter((l) => shown.has(l.n)).map(fieldOf));
  const hidden = new Map();
  for (const l of ledger) {
    if (shown.has(l.n) || seenFields.has(fieldOf(l))) continue;
    hidden.set(fieldOf(l), (hidden.get(fieldOf(l)) ?? 0) + 1);
  }
  if (hidden.size) {
    log(`  fields no page shows (not displayed, or only in the invalid file): ${[...hidden].map(([k, n]) => `${k} (${n})`).join('; ')}`);
  }
  if (shownMarkup.length < 50) fail('coverage', 'hostile', '-', `only ${shownMarkup.length} distinct payload kinds reached the pages as text (want at least 50)`);
  return shown;
}

// 6. Links and downloads.
function checkAllLinks(server, sites, pagesBySite, stats) {
  log(`\n==> links and downloads  [${secs()}]`);
  for (const site of Object.values(sites)) {
    const pages = pagesBySite.get(site.name);
    const { broken, external, checked } = checkLinks(site, pages, server.url(site.name, ''));
    const dl = checkDownloads(site, pages);
    for (const b of broken) { stats.brokenLinks++; fail('link', site.name, b.split(':')[0], b.slice(b.indexOf(':') + 2)); }
    for (const b of dl) { stats.brokenLinks++; fail('download', site.name, b.split(':')[0], b); }
    log(`  ${site.name}: ${checked} href/src checked, ${broken.length + dl.length} broken; ${external.size} external link(s) (not fetched)`);
  }
}

// 5. Nu HTML checker, one run over both sites. Returns the files checked.
function checkNu(deps, { normal, hostile }, stats, report) {
  log(`\n==> Nu HTML checker  [${secs()}]`);
  const nuFiles = [normal, hostile].flatMap((s) => listFiles(s.dir, '.html').map((f) => path.join(s.dir, f)));
  const nu = runNu(deps.vnuJar, nuFiles);
  if (nu.failure) fail('nu', '-', '-', nu.failure);
  for (const e of nu.errors) {
    stats.nuErrors++;
    const site = e.file.startsWith(hostile.dir + path.sep) ? hostile : normal;
    const rel = path.relative(site.dir, e.file).split(path.sep).join('/');
    fail('nu', site.name, rel, `line ${e.line}:${e.column} ${e.message} — ${e.extract}`);
  }
  report.nu = nu.errors;
  log(`  ${nuFiles.length} files, ${nu.errors.length} errors`);
  return nuFiles;
}

// 7. Print: one page of each kind measured at the printable width; the
// dashboard and the consolidated table also saved as PDF.
async function checkAllPrint(server, browser, sites, pagesBySite, tmp, stats, report) {
  log(`\n==> print (A4 from @page, print media)  [${secs()}]`);
  const saved = ['dashboard', 'table'];
  for (const site of Object.values(sites)) {
    const seen = new Set();
    for (const p of pagesBySite.get(site.name)) {
      if (seen.has(p.kind) || p.kind === 'other') continue;
      seen.add(p.kind);
      const keep = saved.includes(p.kind);
      const pdfPath = path.join(tmp, `print-${site.name}-${p.rel.replace(/[/.]/g, '_')}.pdf`);
      // On the sample: the dashboard on one page (the hostile site's texts
      // are payloads many times longer), no word broken inside, and a
      // table's title block as its campaign's dashboard states it.
      const expect = { onePage: site.name === 'normal', words: site.name === 'normal' };
      if (site.name === 'normal' && (p.kind === 'table' || p.kind === 'table-by-loss')) {
        expect.campaign = await campaignFacts(browser, server.url(site.name, p.rel.replace(/[^/]+$/, 'index.html')));
      }
      const r = await checkPrint(browser, server.url(site.name, p.rel), pdfPath, p.kind, expect);
      if (!keep) fs.rmSync(pdfPath, { force: true });
      for (const e of r.problems) { stats.printProblems++; fail('print', site.name, p.rel, e); }
      report.print.push({ site: site.name, page: p.rel, width: r.width, pages: r.pdf.pages, sizePt: r.pdf.sizePt, pdf: keep ? pdfPath : null, problems: r.problems });
      const box = r.box;
      log(`  ${site.name} ${p.rel}: @page "${box.size}" margin "${box.margin}" → content ${box.contentMm.map((x) => x.toFixed(0)).join('×')} mm = ${r.width}×${r.height} px; ` +
        `${keep ? `PDF ${r.pdf.pages} page(s)${r.pdf.sizePt ? ' ' + r.pdf.sizePt.map((x) => x.toFixed(0)).join('×') + ' pt' : ''}, ${path.basename(pdfPath)}` : 'measured'}; ${r.problems.length ? r.problems.length + ' problem(s)' : 'nothing cut off'}`);
    }
  }
}

// A run that hangs (a browser that never answers) must still end.
setTimeout(() => {
  console.error('browser gate: still running after 15 minutes; stopping');
  process.exit(1);
}, 15 * 60 * 1000).unref();

main().catch((e) => {
  console.error(`browser gate could not run: ${e.stack || e}`);
  process.exitCode = 1;
});
