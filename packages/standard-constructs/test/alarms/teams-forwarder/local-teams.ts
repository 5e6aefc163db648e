import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the stand-in received, and what it answered. */
export interface ReceivedRequest {
  readonly at: number;
  readonly body: string;
  readonly status: number;
}

/** What the stand-in answers: a fixed script first, then `fallback`. */
export interface LocalTeamsOptions {
  /** Answers for the first requests, in order: a status, optionally with headers, or 'hang' to never answer. */
  readonly script?: Array<number | 'hang' | { status: number; headers?: Record<string, string> }>;
  /** Status after the script runs out. */
  readonly fallback?: number;
  /** Answer 429 (Retry-After: 1) to requests beyond this many in any one-second window, like Workflows. */
  readonly maxRequestsPerSecond?: number;
}

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) standing in for a Teams
 * Workflows webhook. It records every request and its answer.
 */
export class LocalTeams {
  public static async start(options: LocalTeamsOptions = {}): Promise<LocalTeams> {
    const teams = new LocalTeams(options);
    await new Promise<void>((resolve) => teams.server.listen(0, '127.0.0.1', resolve));
    return teams;
  }

  public readonly requests: ReceivedRequest[] = [];
  private readonly server: http.Server;
  private readonly hanging: http.ServerResponse[] = [];

  private constructor(private readonly options: LocalTeamsOptions) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  public get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/workflows/webhook?sig=secret`;
  }

  /** Bodies of the requests answered 2xx, parsed. */
  public delivered(): any[] {
    return this.requests.filter((r) => r.status < 300).map((r) => JSON.parse(r.body));
  }

  /** The most requests answered within any one-second window. */
  public peakPerSecond(): number {
    const times = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    return peak;
  }

  public async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(body: string, res: http.ServerResponse): void {
    const at = Date.now();
    const index = this.requests.length;
    const scripted = this.options.script?.[index];
    if (scripted === 'hang') {
      this.requests.push({ at, body, status: 0 });
      this.hanging.push(res);
      return;
    }
    let status = typeof scripted === 'number' ? scripted : scripted?.status ?? this.options.fallback ?? 202;
    let headers = typeof scripted === 'object' ? scripted.headers ?? {} : {};
    const limit = this.options.maxRequestsPerSecond;
    if (limit !== undefined && this.requests.filter((r) => r.status !== 429 && at - r.at < 1000).length >= limit) {
      status = 429;
      headers = { 'Retry-After': '1' };
    }
    this.requests.push({ at, body, status });
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(status < 300 ? '' : `status ${status}`);
  }
}
