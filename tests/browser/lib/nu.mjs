// The Nu HTML checker (vnu.jar) on every built page, errors only.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// files: absolute paths. Returns {errors: [{file, line, column, message, extract}], failure}.
export function runNu(jar, files) {
  const r = spawnSync('java', ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) return { errors: [], failure: `could not run java: ${r.error.message}` };
  const text = (r.stderr || '') + (r.stdout || '');
  const start = text.indexOf('{"');
  let json;
  try {
    json = JSON.parse(text.slice(start, text.lastIndexOf('}') + 1));
  } catch {
    return { errors: [], failure: `Nu checker gave no JSON (exit ${r.status}): ${text.slice(0, 500)}` };
  }
  const errors = [];
  for (const m of json.messages ?? []) {
    if (m.type === 'info') continue;
    let file = m.url ?? '';
    try {
      file = fileURLToPath(file);
    } catch {}
    errors.push({
      file: path.resolve(file),
      line: m.lastLine ?? m.firstLine,
      column: m.lastColumn ?? m.firstColumn,
      message: m.message,
      extract: (m.extract ?? '').replace(/\s+/g, ' ').slice(0, 160),
      type: m.subType ? `${m.type}/${m.subType}` : m.type,
    });
  }
  if (r.status !== 0 && errors.length === 0) return { errors, failure: `Nu checker exited ${r.status}: ${text.slice(0, 500)}` };
  return { errors, failure: null };
}
