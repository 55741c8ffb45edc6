// One page in the browser: what it ran, requested and logged, what its DOM
// holds (elements and attributes a built page must never have, its CSP, its
// links and ids), its overflow, and optionally axe-core's verdict.

import fs from 'node:fs';
import path from 'node:path';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The kind of a page, from its path in the site.
export function pageKind(rel) {
  if (rel === 'index.html') return 'home';
  if (/^[^/]+\/index\.html$/.test(rel)) return 'dashboard';
  if (/\/don-vi\/[^/]+\.html$/.test(rel)) return 'unit';
  if (/\/linh-vuc\/[^/]+\.html$/.test(rel)) return 'area';
  if (/\/nhiem-vu\.html$/.test(rel)) return 'tasks';
  if (/\/can-don-doc\.html$/.test(rel)) return 'chase';
  if (/\/bang-tong-hop\.html$/.test(rel)) return 'table';
  if (/\/bang-tong-hop-theo-diem-mat\.html$/.test(rel)) return 'table-by-loss';
  if (/\/phuong-phap\.html$/.test(rel)) return 'method';
  if (/\/trang\/[^/]+\.html$/.test(rel)) return 'markdown';
  return 'other';
}
export const KINDS_REQUIRED = ['home', 'dashboard', 'unit', 'area', 'tasks', 'chase', 'table', 'table-by-loss', 'method', 'markdown'];

// The layout's bounds (README.md): a word may be broken inside only when it
// is wider than this share of the page's text column or than 16rem, the
// narrowest column the stylesheet fixes (.facts): a pasted address or
// payload that no box could hold, where every ordinary word, a name, a date
// or an e-mail address, is narrower; text in a chart is drawn at least this
// many CSS pixels high.
export const BREAKABLE_SHARE = 0.6;
export const BREAKABLE_MAX_PX = 256;
export const MIN_SVG_TEXT_PX = 11;

export function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!ext || e.name.endsWith(ext)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

// The text of the <title> as written in the file, as the browser shows it.
export function fileTitle(html) {
  const m = html.match(/<title>([\s\S]*?)<\/title>/i);
  if (!m) return null;
  return decodeEntities(m[1]).replace(/[\t\n\f\r ]+/g, ' ').trim();
}
function decodeEntities(s) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return named[e.toLowerCase()] ?? all;
  });
}

// Runs inside the page (no closure over Node values).
function scanDom(opts) {
  const problems = [];
  const sel = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
      const cls = [...e.classList].slice(0, 2).join('.');
      if (cls) s += '.' + cls;
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const snippet = (el) => el.outerHTML.slice(0, 160);
  const longestWord = (el) => {
    const w = el.textContent.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    return w.length > 20 ? `; unbreakable text of ${w.length} characters "${w.slice(0, 40)}…"` : '';
  };
  // The Content-Security-Policy <meta>.
  const metas = [...document.querySelectorAll('meta[http-equiv]')];
  const csp = metas.filter((m) => m.httpEquiv.toLowerCase() === 'content-security-policy');
  const cspInfo = csp.map((m) => {
    const head = [...document.head.children];
    const idx = head.indexOf(m);
    const firstRes = head.findIndex((e) => ['link', 'style', 'script'].includes(e.localName));
    return { content: m.content, inHead: idx >= 0, beforeResources: idx >= 0 && (firstRes < 0 || idx < firstRes) };
  });
  // Elements a built page never has.
  const forbidden = 'script, iframe, frame, frameset, object, embed, applet, base, form, input, button, textarea, select, ' +
    'style, noscript, template, portal, link:not([rel="stylesheet"]), meta[http-equiv]:not([http-equiv="Content-Security-Policy" i]), [autofocus]';
  for (const el of document.querySelectorAll(forbidden)) problems.push(`forbidden element <${el.localName}> at ${sel(el)}: ${snippet(el)}`);
  // Attributes: event handlers, inline styles, URLs with unsafe schemes.
  const urlAttrs = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'cite', 'srcset', 'srcdoc', 'manifest', 'codebase', 'longdesc', 'usemap', 'dynsrc', 'lowsrc']);
  const refs = [];
  const ids = [];
  const attrText = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.id) ids.push(el.id);
    if (el.localName === 'a' && el.name) ids.push(el.name);
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (opts.collectText) attrText.push(a.value);
      if (name.startsWith('on')) problems.push(`event handler ${a.name} on ${sel(el)}: ${snippet(el)}`);
      else if (name === 'style') problems.push(`inline style attribute on ${sel(el)}: ${snippet(el)}`);
      else if (urlAttrs.has(name)) {
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\ufeff]/g, '').toLowerCase();
        const scheme = v.match(/^([a-z][a-z0-9+.-]*):/);
        if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme[1])) {
          problems.push(`${a.name}="${a.value.slice(0, 80)}" (scheme ${scheme[1]}:) on ${sel(el)}`);
        }
        if (['href', 'src', 'xlink:href', 'data', 'poster', 'action'].includes(name)) {
          refs.push({ tag: el.localName, attr: a.name, value: a.value, at: sel(el) });
        }
      }
    }
  }
  const markers = Object.keys(window).filter((k) => k.startsWith('__xss'));
  const de = document.documentElement;
  const W = window.innerWidth;
  // An element sticks out by its box, or by content overflowing its box.
  // How far right an element reaches: its box, or its content where the
  // box lets it spill (overflow visible); nothing inside a scroll box counts.
  const spills = (e) => getComputedStyle(e).overflowX === 'visible';
  const inScrollBox = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (!spills(a)) return true; return false; };
  const rightOf = (e) => {
    if (inScrollBox(e)) return 0;
    const r = e.getBoundingClientRect();
    return spills(e) ? Math.max(r.right, r.left + e.scrollWidth) : r.right;
  };
  const sticksOut = (e) => rightOf(e) > W + 1;
  const overflow = de.scrollWidth > W + 1
    ? { scrollWidth: de.scrollWidth, width: W,
        // The innermost elements that stick out: the ones to fix.
        widest: [...document.body.querySelectorAll('*')]
          .filter((e) => sticksOut(e) && ![...e.children].some(sticksOut))
          .slice(0, 4).map((e) => `${sel(e)} (right ${Math.round(rightOf(e))}px${longestWord(e)})`) }
    : null;
  return {
    title: document.title,
    cspCount: csp.length,
    cspInfo,
    problems,
    refs,
    ids,
    markers,
    overflow,
    text: opts.collectText ? document.documentElement.textContent + '\n' + attrText.join('\n') : '',
  };
}

// Runs inside the page (no closure over Node values): words the layout
// broke inside (a box narrower than its longest word: "Comm it", a name one
// letter a line, "28/2 /202 3"), SVG text drawn smaller than `minSvgPx`, and
// the page's height.
//
// A word (between spaces) has one client rectangle per line it is on. Where
// a word spans two lines, the places it was cut are compared with where the
// browser may break it without breaking a word ("KH-UBND", "…/SNV", a URL's
// "?"), found by setting the same text alone in a box of width 0 with
// overflow-wrap and word-break normal: a cut elsewhere was forced by
// overflow-wrap or word-break, its box narrower than the word. A word wider
// than `share` of the text column or than `maxPx` may be cut anywhere (a
// pasted address or payload: no box could hold it whole).
//
// With `phone`, also the boxes that scroll sideways (a wide table in its
// .table-scroll box: on a phone it must become cards, table.stack).
export function scanLayout({ share, maxPx, minSvgPx, phone }) {
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
  const main = document.querySelector('main') ?? document.body;
  const ms = getComputedStyle(main);
  const column = main.clientWidth - parseFloat(ms.paddingLeft) - parseFloat(ms.paddingRight);
  const limit = Math.min(column * share, maxPx);
  const range = document.createRange();
  const rectsOf = (node, start, end) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  };
  // The offsets in `text` (from `from` to `to`) where a new line starts.
  const cutsOf = (node, from, to) => {
    const cuts = [];
    let prev = null;
    for (let k = from; k < to; k++) {
      const r = rectsOf(node, k, k + 1)[0];
      if (!r) continue;
      if (prev && r.top >= prev.top + prev.height / 2) cuts.push(k - from);
      prev = r;
    }
    return cuts;
  };
  const probe = document.createElement('div');
  probe.setAttribute('aria-hidden', 'true');
  for (const [k, v] of Object.entries({ position: 'absolute', left: '-10000px', top: '0', width: '0', 'white-space': 'normal', 'overflow-wrap': 'normal', 'word-break': 'normal', 'line-break': 'auto', hyphens: 'manual' })) probe.style.setProperty(k, v);
  document.body.append(probe);
  const allowed = (word) => {
    probe.textContent = word;
    return new Set(cutsOf(probe.firstChild, 0, word.length));
  };
  const broken = [];
  let brokenCount = 0;
  let words = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('svg, title, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  for (const node of nodes) {
    for (const m of node.data.matchAll(/[^\s\u200b]+/g)) {
      if (m[0].length < 2) continue;
      words++;
      const rects = rectsOf(node, m.index, m.index + m[0].length);
      if (rects.length < 2) continue;
      const tops = rects.map((r) => r.top).sort((a, b) => a - b);
      if (tops[tops.length - 1] - tops[0] < rects[0].height / 2) continue;
      const width = rects.reduce((w, r) => w + r.width, 0);
      if (width > limit) continue;
      const may = allowed(m[0]);
      const forced = cutsOf(node, m.index, m.index + m[0].length).filter((k) => !may.has(k));
      if (!forced.length) continue;
      brokenCount++;
      if (broken.length < 8) {
        const shown = [...m[0]].map((ch, i) => (forced.includes(i) ? '⏎' : '') + ch).join('');
        const box = node.parentElement.closest('td, th, li, dd, dt, p, figcaption, caption, h1, h2, h3, div') ?? node.parentElement;
        broken.push(`"${shown.slice(0, 48)}" in ${sel(node.parentElement)} (the word ${Math.round(width)}px wide, its box ${Math.round(box.getBoundingClientRect().width)}px)`);
      }
    }
  }
  probe.remove();
  const scrolling = [];
  if (phone) {
    for (const e of document.body.querySelectorAll('*')) {
      const ox = getComputedStyle(e).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && e.scrollWidth > e.clientWidth + 1) {
        const t = e.querySelector('caption') ?? e;
        scrolling.push(`${sel(e)} "${t.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)}" (${e.scrollWidth}px of content in ${e.clientWidth}px)`);
      }
    }
  }
  const smallSvg = [];
  let smallSvgCount = 0;
  let svgTexts = 0;
  for (const t of document.querySelectorAll('svg text')) {
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue; // not shown at this width
    const m = t.getScreenCTM();
    if (!m) continue;
    svgTexts++;
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < minSvgPx) {
      smallSvgCount++;
      if (smallSvg.length < 4) smallSvg.push(`"${t.textContent.slice(0, 40)}" in ${sel(t.closest('svg'))} drawn ${px.toFixed(1)}px high`);
    }
  }
  return {
    broken, brokenCount, words, scrolling, smallSvg, smallSvgCount, svgTexts,
    height: document.documentElement.scrollHeight, column: Math.round(column),
  };
}

export function parseCsp(content) {
  const map = new Map();
  for (const part of content.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), values);
  }
  return map;
}

// Loads `url` in a new page of `context` and checks it. `site` has
// {name, dir, mount}. Returns {problems: [...], data}.
export async function checkPage(context, { url, rel, site, axeSource, runAxe, phone, collectText, server }) {
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  const consoleErrors = [];
  const pageErrors = [];
  const requests = [];
  const navigations = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'assert') return;
    // The browser's own probe for an icon at the origin's root is outside
    // the site (which is served under a sub-path, as on a Pages site).
    if (m.location()?.url === `${server.origin}/favicon.ico`) return;
    consoleErrors.push(`${m.type()}: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`);
  });
  page.on('pageerror', (e) => pageErrors.push(String(e.message ?? e)));
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  page.on('popup', (p) => problems.push(`opened a popup: ${p.url()}`));

  let resp;
  try {
    resp = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  } catch (e) {
    problems.push(`could not load: ${e.message.split('\n')[0]}`);
  }
  if (resp && resp.status() !== 200) problems.push(`status ${resp.status()}`);
  // Give handlers that would fire by themselves (onerror, onload, autofocus,
  // meta refresh, animations) a moment, and move the pointer over the page.
  await page.waitForTimeout(120);
  const vp = page.viewportSize();
  for (let i = 1; i <= 4; i++) await page.mouse.move((vp.width * i) / 5, (vp.height * i) / 5).catch(() => {});
  await page.keyboard.press('Tab').catch(() => {});
  await page.waitForTimeout(30);

  let dom = null;
  try {
    dom = await page.evaluate(scanDom, { collectText });
  } catch (e) {
    problems.push(`could not inspect the DOM: ${e.message.split('\n')[0]}`);
  }
  let layout = null;
  try {
    layout = await page.evaluate(scanLayout, { share: BREAKABLE_SHARE, maxPx: BREAKABLE_MAX_PX, minSvgPx: MIN_SVG_TEXT_PX, phone });
  } catch (e) {
    problems.push(`could not measure the layout: ${e.message.split('\n')[0]}`);
  }
  if (layout) {
    const at = `at ${vp.width}px`;
    if (layout.brokenCount) {
      problems.push(`${layout.brokenCount} word(s) broken inside ${at}, their box narrower than the word (a table column or flex item squeezed; overflow-wrap: anywhere): ${layout.broken.join('; ')}`);
    }
    for (const b of layout.scrolling) problems.push(`scrolls sideways on the ${vp.width}px phone screen (a wide table that is not cards, table.stack with data-label): ${b}`);
    if (layout.smallSvgCount) {
      problems.push(`${layout.smallSvgCount} chart text(s) drawn smaller than ${MIN_SVG_TEXT_PX}px ${at} (a chart drawn for another width): ${layout.smallSvg.join('; ')}`);
    }
  }
  // Markers set in any frame (a frame is itself a problem, but look inside).
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    problems.push(`has a frame: ${f.url().slice(0, 100)}`);
  }
  const executions = [];
  if (dom) {
    for (const m of dom.markers) executions.push(`marker window.${m} set`);
    const expected = fileTitle(fs.readFileSync(path.join(site.dir, rel), 'utf8'));
    const shown = dom.title.replace(/[\t\n\f\r ]+/g, ' ').trim();
    if (/^PWNED/.test(shown) || (expected !== null && shown !== expected)) {
      executions.push(`document.title changed to ${JSON.stringify(dom.title.slice(0, 80))} (file says ${JSON.stringify((expected ?? '').slice(0, 80))})`);
    }
    if (!site.stripCsp) {
      if (dom.cspCount !== 1) problems.push(`${dom.cspCount} Content-Security-Policy <meta> elements (want exactly 1)`);
      for (const c of dom.cspInfo) {
        const pol = parseCsp(c.content);
        const script = pol.get('script-src');
        if (!script || script.length !== 1 || script[0] !== "'none'") problems.push(`CSP does not say script-src 'none': "${c.content}"`);
        if (!c.inHead || !c.beforeResources) problems.push('CSP <meta> is not in <head> before the first stylesheet or script');
      }
    }
    for (const p of dom.problems) problems.push(p);
    if (phone && dom.overflow) {
      problems.push(`page wider than the ${dom.overflow.width}px phone screen (scrollWidth ${dom.overflow.scrollWidth}px; WCAG 1.4.10 reflow): ${dom.overflow.widest.join('; ')}`);
    }
  }
  // Requests: only the page itself and files of the same site.
  const unexpected = [];
  for (const r of requests) {
    let u;
    try {
      u = new URL(r.url);
    } catch {
      unexpected.push(r.url);
      continue;
    }
    if (u.href.split('#')[0] === url.split('#')[0] && r.type === 'document') continue;
    const prefix = `/${site.name}/`;
    if (u.origin !== server.origin || !u.pathname.startsWith(prefix) || u.search || r.method !== 'GET') {
      unexpected.push(`${r.method} ${r.url} (${r.type})`);
      continue;
    }
    const file = path.join(site.dir, decodeURIComponent(u.pathname.slice(prefix.length)));
    if (!fs.existsSync(file)) unexpected.push(`${r.url} (${r.type}, no such file)`);
  }
  if (navigations.length > 1) executions.push(`navigated away: ${navigations.slice(1).join(', ')}`);
  for (const d of dialogs) executions.push(`dialog ${d}`);

  let axe = null;
  if (runAxe && dom) {
    try {
      await page.evaluate(axeSource);
      axe = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, tags: v.tags.filter((t) => /^wcag/.test(t)),
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary })),
        }));
      }, AXE_TAGS);
    } catch (e) {
      problems.push(`axe-core did not run: ${e.message.split('\n')[0]}`);
    }
  }
  await page.close();
  // The same message twice on one page (two identical requests, which the
  // browser may or may not merge) is one problem.
  const uniq = (list) => [...new Set(list)];
  return {
    problems: uniq(problems),
    executions: uniq(executions),
    dialogs,
    consoleErrors: uniq(consoleErrors),
    pageErrors: uniq(pageErrors),
    unexpected: uniq(unexpected),
    axe,
    layout: layout && { height: layout.height, words: layout.words, svgTexts: layout.svgTexts, column: layout.column },
    refs: dom?.refs ?? [],
    ids: dom?.ids ?? [],
    text: dom?.text ?? '',
  };
}

// Runs `tasks` (async functions) with at most `n` at a time, in order.
export async function pool(n, tasks) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return results;
}
