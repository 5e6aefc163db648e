/**
 * Heuristics for "a secret written in plain text": a variable whose name says
 * it holds a secret and whose value is a literal (not a reference), or a value
 * whose shape gives it away (AWS access key id, private key, URL credentials).
 */

/** Words that make a variable name secret-looking, alone or as adjacent pairs. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'passphrase']);
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'client secret', 'auth token']);
/** A last word saying the variable holds a pointer or a setting about the secret, not the secret. */
const QUALIFIERS = new Set(['arn', 'name', 'id', 'path', 'file', 'parameter', 'param', 'ref', 'ssm', 'encryption', 'policy', 'length', 'rotation', 'url', 'uri', 'header', 'method', 'type', 'version']);

/** Value shapes that are secrets whatever they are called. */
const SECRET_VALUES: ReadonlyArray<{ readonly finding: string; readonly pattern: RegExp }> = [
  { finding: 'AwsAccessKeyId', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { finding: 'PrivateKey', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { finding: 'UrlCredentials', pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/:@$]+:[^\s/@${}]+@/i },
  { finding: 'GitHubToken', pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/ },
];

/** Splits `DB_PASSWORD`, `dbPassword`, `db-password` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** True when a variable called `name` would be expected to hold a secret. */
export function isSecretLookingName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || QUALIFIERS.has(w[w.length - 1])) return false;
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  return w.slice(1).some((x, i) => SECRET_PAIRS.has(`${w[i]} ${x}`));
}

/**
 * True when `value` is a literal a human typed in: not empty, not a reference
 * resolved at deploy or run time (`${...}` tokens, `$VAR`/`$(cmd)` shell
 * expansion, `{{resolve:...}}` dynamic references, ARNs).
 */
export function isLiteralValue(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (v.length === 0) return false;
  return !/^(\$|\{\{resolve:|arn:)/.test(v) && !v.includes('${token}');
}

/** Names of the secret shapes found in `text` (see SECRET_VALUES). */
export function secretShapesIn(text: string): string[] {
  return SECRET_VALUES.filter((s) => s.pattern.test(text)).map((s) => s.finding);
}

/** `NAME=value` / `NAME: value` assignments in a script or config text. */
const ASSIGNMENT = /(?:^|[\s;'"(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)/gm;

/**
 * Findings for plain-text secrets in a script (user data): each secret-looking
 * variable assigned a literal, plus each secret shape found anywhere.
 */
export function secretsInScript(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [, name, value] = match;
    if (isSecretLookingName(name) && isLiteralValue(value)) found.add(name);
  }
  secretShapesIn(text).forEach((s) => found.add(s));
  return [...found];
}
