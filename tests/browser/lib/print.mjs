// Print: the page box comes from the stylesheet's @page rule; at the width
// that leaves for content, under print media, nothing may stick out on the
// right (a printed page cuts it off). The PDF is saved and its pages counted;
// its text, read with pdftotext (poppler-utils), is checked page by page:
// the page numbers of the @page margin boxes, and for the dashboard and the
// consolidated table what their paper copy must hold (checkPrintedText).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { scanLayout, BREAKABLE_SHARE, BREAKABLE_MAX_PX, MIN_SVG_TEXT_PX } from './pages.mjs';

const MM_PER = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, pc: 25.4 / 6, px: 25.4 / 96, q: 0.25 };
const SIZES = { a3: [297, 420], a4: [210, 297], a5: [148, 210], b4: [250, 353], b5: [176, 250], letter: [215.9, 279.4], legal: [215.9, 355.6], ledger: [279.4, 431.8] };
export const PX_PER_MM = 96 / 25.4;

function lengthMm(s) {
  const m = String(s).trim().match(/^(-?[\d.]+)([a-z]*)$/i);
  if (!m) return null;
  if (m[2] === '' && Number(m[1]) === 0) return 0;
  const f = MM_PER[m[2].toLowerCase()];
  return f === undefined ? null : Number(m[1]) * f;
}

// {size: "A4 landscape", margin: "12mm"} → the page and its content box in mm.
export function pageBox(rule) {
  let w = SIZES.a4[0];
  let h = SIZES.a4[1];
  const words = (rule.size || 'auto').toLowerCase().split(/\s+/).filter(Boolean);
  const lengths = words.map(lengthMm).filter((x) => x !== null);
  for (const word of words) if (SIZES[word]) [w, h] = SIZES[word];
  if (lengths.length === 2) [w, h] = lengths;
  else if (lengths.length === 1) w = h = lengths[0];
  if (words.includes('landscape') && w < h) [w, h] = [h, w];
  if (words.includes('portrait') && w > h) [w, h] = [h, w];
  const m = (rule.margin || '').split(/\s+/).filter(Boolean).map(lengthMm);
  const [top, right, bottom, left] = m.length === 0 ? [10, 10, 10, 10]
    : m.length === 1 ? [m[0], m[0], m[0], m[0]]
      : m.length === 2 ? [m[0], m[1], m[0], m[1]]
        : m.length === 3 ? [m[0], m[1], m[2], m[1]] : m;
  return { pageMm: [w, h], contentMm: [w - left - right, h - top - bottom], margins: { top, right, bottom, left }, size: rule.size, margin: rule.margin };
}

// The @page rule as the browser parsed it.
export async function readPageRule(page) {
  return page.evaluate(() => {
    for (const sheet of document.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch {
        continue;
      }
      for (const r of rules) {
        if (r.constructor.name === 'CSSPageRule' && !r.selectorText) {
          const st = r.style;
          const margin = st.getPropertyValue('margin') ||
            ['margin-top', 'margin-right', 'margin-bottom', 'margin-left'].map((p) => st.getPropertyValue(p) || '0').join(' ');
          return { size: st.getPropertyValue('size'), margin };
        }
      }
    }
    return null;
  });
}

// Everything that sticks out to the right of `width` CSS px.
function measure(width) {
  const sel = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(s + '#' + e.id); break; }
      const cls = [...e.classList].slice(0, 2).join('.');
      if (cls) s += '.' + cls;
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const longestWord = (el) => {
    const w = el.textContent.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    return w.length > 20 ? `; widest unbreakable text: ${w.length} characters "${w.slice(0, 40)}…"` : '';
  };
  const de = document.documentElement;
  const out = { scrollWidth: de.scrollWidth, tables: [], elements: [] };
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    if (t.scrollWidth > t.clientWidth + 1 || r.right > width + 1) {
      out.tables.push(`${sel(t)} "${(t.caption?.textContent ?? '').trim().slice(0, 60)}": scrollWidth ${t.scrollWidth}, clientWidth ${t.clientWidth}, right edge ${Math.round(r.right)}px${longestWord(t)}`);
    }
  }
  // How far right an element reaches: its box, or its content where the
  // box lets it spill (overflow visible); nothing inside a scroll box counts.
  const spills = (e) => getComputedStyle(e).overflowX === 'visible';
  const inScrollBox = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (!spills(a)) return true; return false; };
  const rightOf = (e) => {
    if (inScrollBox(e)) return 0;
    const r = e.getBoundingClientRect();
    return spills(e) ? Math.max(r.right, r.left + e.scrollWidth) : r.right;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (rightOf(el) > width + 1) {
      // Report the innermost offenders only: the ones to fix.
      if ([...el.children].some((c) => rightOf(c) > width + 1)) continue;
      if (el.closest('table') && el.localName !== 'table') continue; // reported with its table
      out.elements.push(`${sel(el)}: right edge ${Math.round(rightOf(el))}px > ${width}px (${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)}${longestWord(el)})`);
    }
  }
  return out;
}

// The text of each page of a PDF as laid out (pdftotext -layout: a table's
// row on one line), in Unicode NFC: {lines, text} with text's whitespace
// collapsed (a paragraph wrapped in print reads as one line).
export function pdfPages(pdfPath) {
  const r = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    throw new Error(`pdftotext could not read ${pdfPath} (${r.error ? r.error.message : r.stderr.trim()}): install poppler-utils (apt-get install poppler-utils)`);
  }
  const pages = r.stdout.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages.map((p) => ({ lines: p.normalize('NFC').split('\n'), text: norm(p) }));
}

export const norm = (t) => t.normalize('NFC').replace(/\s+/g, ' ').trim();

// What a page's paper copy must show, read from the page under print media:
// the header row of each long table and the row headers of its totals
// (what the PDF must have on every page, and once), its title-block text.
function printedFacts() {
  const text = (e) => (e ? e.textContent.normalize('NFC').replace(/\s+/g, ' ').trim() : '');
  const shown = (e) => e.getClientRects().length > 0;
  const table = [...document.querySelectorAll('table')].filter(shown).sort((a, b) => b.rows.length - a.rows.length)[0];
  return {
    header: table ? [...table.querySelectorAll('thead th')].map(text) : [],
    totals: table ? [...table.querySelectorAll('tfoot th')].map(text) : [],
    docHead: [...document.querySelectorAll('.doc-head p')].filter(shown).map(text),
    illustrative: shown(document.querySelector('.illustrative') ?? document.createElement('i')),
    h2: [...document.querySelectorAll('main h2')].filter(shown).map(text),
  };
}

// The campaign as its dashboard states it: title, letter, figures as of,
// the time of the figures, illustrative or not (the table's title block is
// checked against these).
export async function campaignFacts(browser, dashboardUrl) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(dashboardUrl, { waitUntil: 'load' });
  const facts = await page.evaluate(() => {
    const text = (e) => (e ? e.textContent.normalize('NFC').replace(/\s+/g, ' ').trim() : '');
    const dd = {};
    for (const div of document.querySelectorAll('dl.facts > div')) dd[text(div.querySelector('dt'))] = text(div.querySelector('dd'));
    return { title: text(document.querySelector('main h1')), dd, illustrative: !!document.querySelector('.illustrative') };
  });
  await ctx.close();
  return {
    title: facts.title,
    // "Số 12/SNV, ngày … — V/v …": the number and date, before the subject.
    letter: (facts.dd['Công văn'] ?? '').replace(/^Số /, '').split(' — ')[0],
    cutoff: facts.dd['Số liệu tính đến'] ?? '',
    generated: facts.dd['Tình hình tại'] ?? '',
    illustrative: facts.illustrative,
  };
}

// The printed text against what the paper copy must hold. `kind`: the
// page's kind; `expect`: {onePage} for a dashboard, {campaign} (from
// campaignFacts: the title block's content, checked on the sample only, as
// the hostile texts' control characters do not survive PDF text
// extraction) for the consolidated table.
export function checkPrintedText(kind, layoutPages, facts, expect) {
  const problems = [];
  const pages = layoutPages.map((p) => p.text);
  const n = pages.length;
  // Page numbers, from the @page margin boxes: "Trang i/n" on each page.
  pages.forEach((t, i) => {
    if (!t.includes(`Trang ${i + 1}/${n}`)) problems.push(`page ${i + 1} of ${n} has no page number "Trang ${i + 1}/${n}" (the @page margin box): …${t.slice(-80)}`);
  });
  if (kind === 'dashboard') {
    if (expect.onePage && n !== 1) problems.push(`the dashboard prints on ${n} pages, not 1: what no-print leaves grew past an A4 page (page 2 begins "${(pages[1] ?? '').slice(0, 100)}")`);
    for (const h of facts.h2) if (!pages.some((t) => t.includes(h))) problems.push(`the printed dashboard lacks its section "${h}"`);
  }
  if (kind === 'table' || kind === 'table-by-loss') {
    const first = pages[0] ?? '';
    if (!facts.docHead.length) problems.push('the printed table has no title block (.doc-head)');
    const c = expect.campaign;
    if (c) {
      const want = [['the campaign\'s title', c.title], ['the letter\'s number and date', c.letter], ['the day the figures are as of', c.cutoff], ['the time of the figures', c.generated]];
      if (c.illustrative) want.push(['the illustrative notice', 'Dữ liệu minh họa']);
      for (const [what, t] of want) {
        if (!t) problems.push(`the campaign's dashboard does not state ${what}`);
        else if (!first.includes(t)) problems.push(`the title block on page 1 lacks ${what}: "${t.slice(0, 80)}"`);
      }
      for (const p of facts.docHead) if (!first.includes(p)) problems.push(`page 1 lacks the title block's line "${p.slice(0, 80)}"`);
    }
    // The header row: one line of the page with each column's first word,
    // in order (a heading wrapped in its cell goes on below).
    const heads = facts.header.map((h) => h.split(' ')[0]);
    if (!heads.length) problems.push('the printed table has no header row');
    const hasHeader = (lines) => lines.some((line) => {
      const words = line.trim().split(/\s+/);
      let k = 0;
      for (const w of words) if (k < heads.length && w === heads[k]) k++;
      return k === heads.length;
    });
    layoutPages.forEach((p, i) => {
      if (heads.length && !hasHeader(p.lines)) problems.push(`page ${i + 1} of ${n} lacks the header row "${facts.header.join(' | ')}"`);
    });
    if (!facts.totals.length) problems.push('the printed table has no totals');
    for (const tot of facts.totals) {
      const on = pages.map((t) => t.split(tot).length - 1);
      const count = on.reduce((a, b) => a + b, 0);
      if (count !== 1 || on[n - 1] !== 1) problems.push(`the totals row "${tot}" is printed ${count} time(s), on page(s) ${on.map((k, i) => (k ? i + 1 : null)).filter(Boolean).join(', ') || 'none'}: once, on the last page, it must be (a tfoot repeats at every page's foot)`);
    }
  }
  return problems;
}

function pdfInfo(buf) {
  const s = buf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  const mb = s.match(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/);
  const size = mb ? [Number(mb[3]) - Number(mb[1]), Number(mb[4]) - Number(mb[2])] : null;
  return { pages, sizePt: size };
}

// Checks `url` printed: returns {problems, pdf: {path, pages, sizePt}, box}.
// `kind` and `expect`: what its text must hold (checkPrintedText), and with
// `expect.words` no word broken inside at the printable width.
export async function checkPrint(browser, url, pdfPath, kind, expect = {}) {
  const problems = [];
  // First, the @page rule (any viewport will do).
  const probe = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p0 = await probe.newPage();
  await p0.goto(url, { waitUntil: 'load' });
  const rule = await readPageRule(p0);
  await probe.close();
  if (!rule) problems.push('no @page rule in the stylesheet (page size and margins left to the browser)');
  const box = pageBox(rule ?? { size: 'A4', margin: '' });
  if (rule && !/landscape/i.test(rule.size)) problems.push(`@page size is "${rule.size}", not landscape`);
  const width = Math.floor(box.contentMm[0] * PX_PER_MM);
  const height = Math.floor(box.contentMm[1] * PX_PER_MM);

  const ctx = await browser.newContext({ viewport: { width, height } });
  const page = await ctx.newPage();
  await page.emulateMedia({ media: 'print' });
  await page.goto(url, { waitUntil: 'load' });
  const m = await page.evaluate(measure, width);
  const facts = await page.evaluate(printedFacts);
  if (expect.words) {
    // On paper too, no word broken inside a column narrower than it (print
    // lets a table cell's long word break, so as not to cut it off).
    const l = await page.evaluate(scanLayout, { share: BREAKABLE_SHARE, maxPx: BREAKABLE_MAX_PX, minSvgPx: MIN_SVG_TEXT_PX });
    if (l.brokenCount) problems.push(`${l.brokenCount} word(s) broken inside in print, their column narrower than the word: ${l.broken.join('; ')}`);
  }
  if (m.scrollWidth > width) problems.push(`document wider than the printable width: scrollWidth ${m.scrollWidth}px > ${width}px`);
  for (const t of m.tables) problems.push(`table cut off: ${t}`);
  for (const e of m.elements.slice(0, 10)) problems.push(`cut off: ${e}`);
  if (m.elements.length > 10) problems.push(`… and ${m.elements.length - 10} more elements past the right edge`);

  const buf = await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await ctx.close();
  const info = pdfInfo(buf);
  if (info.pages < 1) problems.push('the PDF has no pages');
  if (info.sizePt) {
    const want = box.pageMm.map((mm) => (mm * 72) / 25.4);
    if (Math.abs(info.sizePt[0] - want[0]) > 2 || Math.abs(info.sizePt[1] - want[1]) > 2) {
      problems.push(`PDF page is ${info.sizePt.map((x) => x.toFixed(0)).join('×')} pt, not the @page size ${want.map((x) => x.toFixed(0)).join('×')} pt`);
    }
  }
  fs.statSync(pdfPath);
  let text = [];
  try {
    text = pdfPages(pdfPath);
    if (text.length !== info.pages) problems.push(`pdftotext read ${text.length} pages, the PDF has ${info.pages}`);
    for (const p of checkPrintedText(kind, text, facts, expect)) problems.push(p);
  } catch (e) {
    problems.push(e.message);
  }
  return { problems, width, height, box, pdf: { path: pdfPath, ...info }, text };
}
