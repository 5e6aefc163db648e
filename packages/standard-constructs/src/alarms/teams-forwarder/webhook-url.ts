/**
 * The Workflows URL from the secret's value: the URL itself, or JSON with a
 * `url` key. Anything else is a configuration error worth a clear message.
 */
export function webhookUrlFromSecret(value: string | Uint8Array | undefined): string {
  const text = (typeof value === 'string' ? value : Buffer.from(value ?? []).toString('utf8')).trim();
  let candidate = text;
  if (text.startsWith('{')) {
    try {
      candidate = String((JSON.parse(text) as { url?: unknown }).url ?? '');
    } catch {
      candidate = '';
    }
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new Error('The webhook secret does not hold a URL: store the Teams Workflows URL (or {"url": "..."}) in it');
  }
  if (url.protocol !== 'https:' && !isLoopback(url)) {
    throw new Error('The webhook URL must use https');
  }
  return url.toString();
}

/** Plain http is accepted for a local stand-in of Teams only. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

const REGION_IN_SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):/;

/** The region of a secret ARN: the secret may live in another region than the function. */
export function secretRegion(secretArn: string): string | undefined {
  return REGION_IN_SECRET_ARN.exec(secretArn)?.[1];
}
