// Where the npm packages are: $CCHC_BROWSER_NODE_MODULES (CI installs them in
// a temporary prefix, with no lock file), else tests/browser/node_modules.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadDeps() {
  const candidates = [process.env.CCHC_BROWSER_NODE_MODULES, path.join(here, '..', 'node_modules')].filter(Boolean);
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'playwright-core')));
  if (!dir) {
    throw new Error(
      'playwright-core, axe-core and vnu-jar are not installed. Install them with\n' +
        '  npm install --no-audit --no-fund --no-package-lock --ignore-scripts --prefix DIR playwright-core axe-core vnu-jar\n' +
        'and set CCHC_BROWSER_NODE_MODULES=DIR/node_modules (or run npm install in tests/browser).',
    );
  }
  const require = createRequire(path.join(dir, 'noop.js'));
  const { chromium } = require('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const axeVersion = require('axe-core/package.json').version;
  const vnuJar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  if (!fs.existsSync(vnuJar)) throw new Error(`vnu.jar not found at ${vnuJar}`);
  const versions = {
    'playwright-core': require('playwright-core/package.json').version,
    'axe-core': axeVersion,
    'vnu-jar': require('vnu-jar/package.json').version,
  };
  return { chromium, axeSource, vnuJar, versions, dir };
}
