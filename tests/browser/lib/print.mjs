// Print: the page box comes from the stylesheet's @page rule; at the width
// that leaves for content, under print media, nothing may stick out on the
// right (a printed page cuts it off). The PDF is saved and its pages counted.

import fs from 'node:fs';

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

function pdfInfo(buf) {
  const s = buf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  const mb = s.match(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/);
  const size = mb ? [Number(mb[3]) - Number(mb[1]), Number(mb[4]) - Number(mb[2])] : null;
  return { pages, sizePt: size };
}

// Checks `url` printed: returns {problems, pdf: {path, pages, sizePt}, box}.
export async function checkPrint(browser, url, pdfPath) {
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
  return { problems, width, height, box, pdf: { path: pdfPath, ...info } };
}
