// The hostile campaign: a copy of the repository's data and templates with a
// payload in every free-text field, and a ledger of what went where.

import fs from 'node:fs';
import path from 'node:path';
import { KINDS, URL_INVALID, URL_VALID } from './payloads.mjs';

// A TOML basic string holding `s` exactly.
export function tomlString(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0').toUpperCase()}`;
    else out += ch;
  }
  return out + '"';
}

function unescapeBasic(raw) {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e) => {
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\' }[e] ?? e;
  });
}

// Hands out payloads: a fresh marker number each time, kinds in rotation.
export class Dispenser {
  constructor() {
    this.n = 0;
    this.k = 0;
    this.ledger = [];
  }
  take(where, kind) {
    const n = ++this.n;
    const k = kind ?? KINDS[this.k++ % KINDS.length];
    this.ledger.push({ n, kind: k.id, ...where });
    return k.p(n);
  }
  takeFrom(list, prefix, where) {
    const n = ++this.n;
    const i = (this.n * 7) % list.length;
    this.ledger.push({ n, kind: `${prefix}-${i}`, ...where });
    return list[i](n);
  }
}

// Appends `per` payloads to every value of `keys` in a TOML text (single-line
// or multi-line basic strings), and turns `url` values into hostile links.
export function injectToml(text, file, spec, d) {
  const lines = text.split('\n');
  const out = [];
  let table = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const header = line.match(/^\s*\[\[?\s*([A-Za-z0-9_."-]+)\s*\]\]?/);
    if (header) table = header[1];
    const m = line.match(/^(\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/);
    const where = { file, key: m ? `${table ? table + '.' : ''}${m[2]}` : '', line: i + 1, valid: spec.valid };
    if (m && m[2] === 'url' && spec.urls) {
      const list = spec.valid ? URL_VALID : URL_INVALID;
      out.push(`${m[1]}url = ${tomlString(d.takeFrom(list, spec.valid ? 'url-valid' : 'url-invalid', where))}`);
      continue;
    }
    if (!m || !spec.keys.includes(m[2])) {
      out.push(line);
      if (spec.after?.[table] && header) {
        for (const [k, v] of Object.entries(spec.after[table])) {
          out.push(`${k} = ${tomlString(v + ' ' + d.take({ ...where, key: `${table}.${k}` }))}`);
        }
      }
      continue;
    }
    let value;
    const rest = m[3];
    const single = rest.match(/^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/);
    if (rest.startsWith('"""')) {
      // Multi-line basic string: gather up to the closing delimiter.
      let body = rest.slice(3);
      let j = i;
      while (!body.includes('"""')) {
        j++;
        if (j >= lines.length) throw new Error(`${file}:${i + 1}: unterminated """`);
        body += '\n' + lines[j];
      }
      body = body.slice(0, body.indexOf('"""'));
      if (body.startsWith('\n')) body = body.slice(1);
      value = unescapeBasic(body);
      i = j;
    } else if (single) {
      value = unescapeBasic(single[1]);
    } else {
      out.push(line);
      continue;
    }
    const payloads = [];
    for (let p = 0; p < (spec.per ?? 1); p++) payloads.push(d.take(where));
    out.push(`${m[1]}${m[2]} = ${tomlString(`${value} ${payloads.join(' ')}`)}`);
  }
  return out.join('\n');
}

const SUBMISSION_KEYS = [
  'name', 'position', 'phone', 'email', // prepared_by
  'note', 'shortcomings', 'causes', 'remedy', // task
  'explanation', 'reason', // score
  'number', 'title', // evidence
];

// Which unit's file is made invalid on purpose (its evidence links are
// javascript:, data: and the like, and it carries an unknown key whose name
// is a payload, so the validation messages shown on the page hold payloads).
export const INVALID_UNIT = 'thanh-tra';

export function buildHostileRepo(repo, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  for (const dir of ['content', 'submissions', 'templates']) {
    fs.cpSync(path.join(repo, dir), path.join(dest, dir), { recursive: true });
  }
  const d = new Dispenser();
  const edit = (rel, fn) => {
    const p = path.join(dest, rel);
    fs.writeFileSync(p, fn(fs.readFileSync(p, 'utf8')));
  };
  const content = path.join(dest, 'content');
  edit('content/units.toml', (t) =>
    injectToml(t, 'content/units.toml', { keys: ['name', 'full_name', 'name_en', 'note', 'division'], valid: true }, d));
  for (const f of fs.readdirSync(path.join(content, 'criteria')).sort()) {
    const rel = `content/criteria/${f}`;
    edit(rel, (t) => injectToml(t, rel, { keys: ['title', 'basis', 'illustrative_note', 'name', 'guide', 'label'], valid: true }, d));
  }
  for (const c of fs.readdirSync(path.join(content, 'campaigns')).sort()) {
    const base = `content/campaigns/${c}`;
    const has = (f) => fs.existsSync(path.join(dest, base, f));
    if (has('campaign.toml')) {
      edit(`${base}/campaign.toml`, (t) => injectToml(t, `${base}/campaign.toml`, {
        keys: ['title', 'illustrative_note', 'number', 'subject', 'date_text', 'signer', 'reason', 'document'],
        per: 2, valid: true,
      }, d));
    }
    if (has('plan.toml')) {
      edit(`${base}/plan.toml`, (t) => injectToml(t, `${base}/plan.toml`, { keys: ['title', 'output'], valid: true }, d));
    }
    if (has('receipts.toml')) {
      edit(`${base}/receipts.toml`, (t) => injectToml(t, `${base}/receipts.toml`, { keys: ['document', 'note', 'register_number'], per: 2, valid: true }, d));
    }
    for (const f of fs.readdirSync(path.join(dest, base)).filter((x) => x.endsWith('.md')).sort()) {
      edit(`${base}/${f}`, (t) => injectMarkdown(t, `${base}/${f}`, d));
    }
    if (has('campaign.toml')) {
      const rel = `${base}/thu-xss-noi-dong.md`;
      fs.writeFileSync(path.join(dest, rel), hostileInlinePage(rel, d));
    }
  }
  const subs = path.join(dest, 'submissions');
  for (const c of fs.readdirSync(subs).sort()) {
    for (const f of fs.readdirSync(path.join(subs, c)).filter((x) => x.endsWith('.toml')).sort()) {
      const rel = `submissions/${c}/${f}`;
      const valid = f !== `${INVALID_UNIT}.toml`;
      edit(rel, (t) => {
        let out = injectToml(t, rel, {
          keys: SUBMISSION_KEYS, urls: true, valid,
          after: /^\s*phone\s*=/m.test(t) ? {} : { prepared_by: { phone: '0221 3863 000' } },
        }, d);
        if (!valid) out = makeInvalid(out, rel, d);
        return out;
      });
    }
  }
  return d.ledger;
}

// The unit's file that must be rejected: an unknown key named by a payload,
// and evidence whose links are not http(s).
function makeInvalid(text, file, d) {
  const where = { file, valid: false };
  const key = d.take({ ...where, key: '(unknown key)', line: 0 }, KINDS.find((k) => k.id === 'img-onerror'));
  let out = text.replace(/^(unit = .*)$/m, `$1\n${tomlString(key)} = "x"`);
  for (let i = 0; i < URL_INVALID.length; i++) {
    out += `\n[[score.evidence]]\nnumber = ${tomlString('99/BC ' + d.take({ ...where, key: 'score.evidence.number', line: 0 }))}\n` +
      `date = 2023-09-01\ntitle = ${tomlString('Tài liệu ' + d.take({ ...where, key: 'score.evidence.title', line: 0 }))}\n` +
      `url = ${tomlString(URL_INVALID[i](++d.n))}\n`;
    d.ledger.push({ n: d.n, kind: `url-invalid-${i}`, file, key: 'score.evidence.url', line: 0, valid: false });
  }
  return out;
}

// Kinds that open a context the sanitiser closes only at the end of the page
// (a comment, <details>, <noscript>…): in a Markdown body they come last, so
// they do not swallow the others.
const SWALLOWERS = ['comment-breakout', 'mxss-comment', 'cdata', 'details-ontoggle', 'mxss-noscript', 'mxss-math', 'close-style', 'close-textarea', 'marquee'];
const mdOrder = () => [...KINDS.filter((k) => !SWALLOWERS.includes(k.id)), ...KINDS.filter((k) => SWALLOWERS.includes(k.id))];

// A Markdown page: payloads in the front matter's title, and every kind in
// the body as its own block, then inside a table cell and a paragraph.
export function injectMarkdown(text, file, d) {
  const m = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n/);
  if (!m) throw new Error(`${file}: no +++ front matter`);
  const front = injectToml(m[1], file, { keys: ['title'], per: 3, valid: true }, d);
  let body = text.slice(m[0].length);
  const where = { file, key: 'body', line: 0, valid: true };
  body += '\n\n## Phần thử ' + d.take({ ...where, key: 'heading' }) + '\n\n';
  body += '| a | b |\n|---|---|\n| ' + d.take({ ...where, key: 'table' }).replace(/\|/g, '\\|').replace(/\n/g, ' ') + ' | x |\n\n';
  body += mdOrder().map((k) => d.take(where, k)).join('\n\n') + '\n';
  return `+++\n${front}\n+++\n${body}`;
}

// One more page whose every payload sits inline: in a sentence, a list item,
// a quote and emphasis.
export function hostileInlinePage(file, d) {
  const where = { file, key: 'inline', line: 0, valid: true };
  const title = `Trang thử ${d.take({ ...where, key: 'title' })}`;
  const wrap = [(s) => `Trong câu ${s} hết câu.`, (s) => `- mục ${s}`, (s) => `> trích ${s}`, (s) => `*nhấn ${s}*`];
  const lines = mdOrder().map((k, i) => wrap[i % wrap.length](d.take(where, k).replace(/\n+/g, ' ')));
  return `+++\ntitle = ${tomlString(title)}\nweight = 9\n+++\n\n${lines.join('\n\n')}\n`;
}
