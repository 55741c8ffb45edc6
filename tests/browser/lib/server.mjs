// A tiny static server on 127.0.0.1 for the built sites. Each site is served
// under its own sub-path (as on a project's Pages site), which also proves
// the links are relative. A site mounted with `stripCsp` is served with its
// Content-Security-Policy <meta> removed, to test the escaping on its own.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.toml': 'application/toml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const CSP_META_RE = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i;

export async function startServer(mounts) {
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    log.push({ method: req.method, path: url.pathname + url.search });
    const mount = mounts.find((m) => url.pathname.startsWith(`/${m.name}/`));
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    if (!mount || req.method !== 'GET') return notFound();
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(mount.name.length + 2));
    } catch {
      return notFound();
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(mount.dir, rel);
    if (!file.startsWith(path.resolve(mount.dir) + path.sep)) return notFound();
    let st;
    try {
      st = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (!st.isFile()) return notFound();
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body = fs.readFileSync(file);
    if (mount.stripCsp && file.endsWith('.html')) {
      body = Buffer.from(body.toString('utf8').replace(CSP_META_RE, ''));
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    log,
    url: (name, rel) => `${origin}/${name}/${rel}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
