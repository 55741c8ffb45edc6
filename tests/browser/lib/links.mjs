// Links and assets: every relative href/src of every page must resolve to a
// built file of the same site (and a #fragment to an id of that page); links
// to other sites are listed, never fetched.

import fs from 'node:fs';
import path from 'node:path';

// pages: [{rel, refs, ids}] of one site; base: the URL the site is served at
// (ending in /). Returns {broken: [...], external: Set, checked: n}.
export function checkLinks(site, pages, base) {
  const ids = new Map(pages.map((p) => [p.rel, new Set(p.ids)]));
  const broken = [];
  const external = new Set();
  let checked = 0;
  for (const p of pages) {
    const pageUrl = new URL(p.rel, base);
    for (const r of p.refs) {
      checked++;
      const raw = r.value.trim();
      if (raw === '') {
        broken.push(`${p.rel}: empty ${r.attr} on ${r.at}`);
        continue;
      }
      let u;
      try {
        u = new URL(raw, pageUrl);
      } catch {
        broken.push(`${p.rel}: unparsable ${r.attr}="${raw}" on ${r.at}`);
        continue;
      }
      if (u.protocol === 'mailto:' || u.protocol === 'tel:') continue;
      if (u.origin !== new URL(base).origin) {
        if (/^https?:$/.test(u.protocol)) {
          if (!/^(https?:)?\/\//i.test(raw)) broken.push(`${p.rel}: ${r.attr}="${raw}" is not relative yet leaves the site`);
          external.add(u.href);
        } else {
          broken.push(`${p.rel}: ${r.attr}="${raw}" has scheme ${u.protocol}`);
        }
        continue;
      }
      if (/^\//.test(raw)) {
        broken.push(`${p.rel}: ${r.attr}="${raw}" is absolute (breaks when the site is served under a sub-path or from disk)`);
      }
      if (!u.href.startsWith(base)) {
        broken.push(`${p.rel}: ${r.attr}="${raw}" points outside the site (${u.pathname})`);
        continue;
      }
      let target = decodeURIComponent(u.pathname.slice(new URL(base).pathname.length));
      if (target === '' || target.endsWith('/')) target += 'index.html';
      const file = path.join(site.dir, target);
      let isFile = false;
      try {
        isFile = fs.statSync(file).isFile();
      } catch {}
      if (!isFile) {
        broken.push(`${p.rel}: ${r.attr}="${raw}" on ${r.at} → ${target} does not exist`);
        continue;
      }
      if (u.hash && target.endsWith('.html')) {
        const id = decodeURIComponent(u.hash.slice(1));
        const set = ids.get(target);
        if (set && !set.has(id)) broken.push(`${p.rel}: ${r.attr}="${raw}" → no element with id "${id}" in ${target}`);
      }
    }
  }
  return { broken, external, checked };
}

// The downloads each campaign's dashboard links to must exist (and be
// linked): the consolidated table as CSV, XLSX and JSON; and each unit page's
// pre-filled TOML, when the page links one.
export function checkDownloads(site, pages) {
  const problems = [];
  const names = ['bang-tong-hop.csv', 'bang-tong-hop.xlsx', 'bang-tong-hop.json', 'bang-tong-hop-nhiem-vu.csv'];
  for (const p of pages.filter((x) => x.kind === 'dashboard')) {
    const dir = path.posix.dirname(p.rel);
    for (const n of names) {
      if (!p.refs.some((r) => r.value === n)) problems.push(`${p.rel}: no link to the download ${n}`);
      const f = path.join(site.dir, dir, n);
      if (!fs.existsSync(f) || fs.statSync(f).size === 0) problems.push(`${dir}/${n}: missing or empty`);
    }
    const json = path.join(site.dir, dir, 'bang-tong-hop.json');
    try {
      JSON.parse(fs.readFileSync(json, 'utf8'));
    } catch (e) {
      problems.push(`${dir}/bang-tong-hop.json: not JSON (${e.message})`);
    }
    const xlsx = path.join(site.dir, dir, 'bang-tong-hop.xlsx');
    if (fs.existsSync(xlsx) && fs.readFileSync(xlsx).subarray(0, 2).toString('latin1') !== 'PK') problems.push(`${dir}/bang-tong-hop.xlsx: not a zip (XLSX) file`);
  }
  for (const p of pages.filter((x) => x.kind === 'unit')) {
    for (const r of p.refs.filter((x) => /\.toml$/.test(x.value))) {
      const f = path.join(site.dir, path.posix.dirname(p.rel), r.value);
      if (!fs.existsSync(f) || fs.statSync(f).size === 0) problems.push(`${p.rel}: download ${r.value} missing or empty`);
    }
  }
  return problems;
}
