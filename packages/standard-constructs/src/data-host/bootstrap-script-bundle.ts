import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Resolves from src/data-host/*.ts and from the published lib/data-host/*.js alike. */
const ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'data-host');
/** bootstrap.sh's lines that source a script beside it, e.g. `source "$(dirname "${BASH_SOURCE[0]}")/archive.sh"`. */
const SOURCE_LINE = /^source "\$\(dirname "\$\{BASH_SOURCE\[0\]\}"\)\/([a-z0-9-]+\.sh)"$/gm;

/** bootstrap.sh with every script it sources inlined in place of its `source` line. */
export function bundledBootstrapScript(): string {
  const main = fs.readFileSync(path.join(ASSET_DIR, 'bootstrap.sh'), 'utf8');
  return main.replace(SOURCE_LINE, (_line, file: string) =>
    `# ---- ${file} (inlined from assets/data-host/${file}) ----\n${fs.readFileSync(path.join(ASSET_DIR, file), 'utf8').trimEnd()}\n# ---- end of ${file} ----`);
}

/**
 * The bundled script written to a content-addressed temporary file: one file,
 * as before, so the user data that downloads it never changes (a change to it
 * would stop and start the instance).
 */
export function bundledBootstrapScriptPath(): string {
  const content = bundledBootstrapScript();
  const digest = crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `data-host-bootstrap-${digest}`, 'bootstrap.sh');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o644 });
  }
  return file;
}
