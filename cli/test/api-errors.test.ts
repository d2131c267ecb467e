/**
 * How `--api` maps server behaviour to exit codes, against small local HTTP servers that misbehave on purpose
 * (the real API's happy path is compared with offline results in api-equality.test.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let server: Server | undefined;
const seen: Array<{ url: string; auth: string | undefined; body: unknown }> = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization, body: text ? JSON.parse(text) : undefined });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const problem = (res: ServerResponse, status: number, body: object) => {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify(body));
};

describe('flopcast --api error handling', () => {
  it('sends the plan as { plan } with the Bearer key, and maps a 422 problem+json to exit 2 with plan field paths', async () => {
    const url = await serve((_req, res) =>
      problem(res, 422, {
        type: 'https://flopcast.dev/problems/invalid_plan',
        title: 'Invalid plan',
        status: 422,
        code: 'invalid_plan',
        detail: 'the plan is invalid',
        errors: [{ path: '/plan/parallelism/tensor', code: 'not_divisible', message: 'must divide the 32 attention heads' }],
      }),
    );
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--api', url], { env: { FLOPCAST_API_KEY: 'fc_test_secret' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('llama3-8b.plan.yaml: rejected by the API (HTTP 422): the plan is invalid');
    expect(r.stderr).toContain('  parallelism.tensor: must divide the 32 attention heads');
    expect(seen[0]!.url).toBe('/v1/estimate');
    expect(seen[0]!.auth).toBe('Bearer fc_test_secret');
    expect((seen[0]!.body as { plan: { name: string } }).plan.name).toBe('llama3-8b-1T');
  });

  it('maps a 401 to exit 2 with a hint about FLOPCAST_API_KEY', async () => {
    const url = await serve((_req, res) => problem(res, 401, { status: 401, title: 'Unauthorized', detail: 'unknown key' }));
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--api', url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('check FLOPCAST_API_KEY');
    expect(seen[0]!.auth).toBeUndefined();
  });

  it('maps a 500 to exit 3 (internal), not to a budget or input failure', async () => {
    const url = await serve((_req, res) => problem(res, 500, { status: 500, title: 'Internal server error', detail: 'boom' }));
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', '--api', url]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^flopcast: internal error: the flopcast API failed on \/v1\/compare \(HTTP 500\): boom\n/);
    expect((seen[0]!.body as { plans: Array<{ label: string }> }).plans.map((p) => p.label)).toEqual([
      'llama3-8b.plan.yaml',
      'llama3-8b-more-tokens.plan.yaml',
    ]);
  });

  it('maps a 200 that is not a report to exit 3', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"hello":"world"}');
    });
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--api', url]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('answered /v1/estimate with something that is not a report');
  });

  it('rejects a non-http --api value with exit 2', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--api', 'ftp://example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--api must be an http(s) URL');
  });
});
