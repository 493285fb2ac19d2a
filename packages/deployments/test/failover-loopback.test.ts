import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeploymentResolver,
  type DeploymentResolver,
  type DeploymentTarget,
  isFailoverStatus,
} from '../src/index.js';

/**
 * Two Azure-like "resources" on 127.0.0.1 (port 0). Each deployment answers by rule: 200, 429 with
 * retry-after-ms, 500 or 400. A minimal executor follows the resolver's plan over real HTTP, the
 * way the provider does (one attempt per target here: no retry budget).
 */
type Behaviour = { status: 200 } | { status: 429; retryAfterMs: number } | { status: 500 | 400 };

interface Resource {
  server: Server;
  url: string;
  behaviours: Map<string, Behaviour>;
  hits: Map<string, number>;
}

async function startResource(): Promise<Resource> {
  const behaviours = new Map<string, Behaviour>();
  const hits = new Map<string, number>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string };
      hits.set(body.model, (hits.get(body.model) ?? 0) + 1);
      const behaviour = behaviours.get(body.model) ?? { status: 404 };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (behaviour.status === 429) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
      response.writeHead(behaviour.status, headers);
      response.end(JSON.stringify({ deployment: body.model, status: behaviour.status }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, behaviours, hits };
}

interface Outcome {
  status: number;
  deployment?: string;
  tried: string[];
  allCoolingDown: boolean;
}

async function execute(
  resolver: DeploymentResolver,
  model: string,
  mainUrl: string,
): Promise<Outcome> {
  const plan = resolver.plan(model);
  if (plan.allCoolingDown) return { status: 429, tried: [], allCoolingDown: true };
  const tried: string[] = [];
  let last = 0;
  for (const target of plan.targets) {
    tried.push(label(target));
    const response = await fetch(`${target.endpoint ?? mainUrl}/openai/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: target.deployment, input: 'hi' }),
    });
    const body = (await response.json()) as { deployment: string };
    last = response.status;
    if (response.ok)
      return { status: 200, deployment: body.deployment, tried, allCoolingDown: false };
    if (!isFailoverStatus(response.status)) break;
    const retryAfter = response.headers.get('retry-after-ms');
    if (response.status === 429 && retryAfter !== null) {
      const retryAfterMs = Number(retryAfter);
      resolver.reportThrottled(target, retryAfterMs);
      expect(resolver.shouldFailoverImmediately(retryAfterMs)).toBe(retryAfterMs > 10_000);
    }
  }
  return { status: last, tried, allCoolingDown: false };
}

function label(target: DeploymentTarget): string {
  return target.endpoint === undefined ? target.deployment : `${target.deployment}@west`;
}

describe('failover over real HTTP (127.0.0.1)', () => {
  let main: Resource;
  let west: Resource;
  let time = 0;
  let resolver: DeploymentResolver;

  beforeAll(async () => {
    [main, west] = await Promise.all([startResource(), startResource()]);
  });

  afterAll(async () => {
    await Promise.all(
      [main, west].map(
        resource => new Promise<void>(resolve => resource.server.close(() => resolve())),
      ),
    );
  });

  beforeEach(() => {
    time = 1_000;
    for (const resource of [main, west]) {
      resource.behaviours.clear();
      resource.hits.clear();
    }
    resolver = createDeploymentResolver({
      azureEndpoint: main.url,
      deploymentMapping: {
        'gpt-5': [
          'production-gpt5',
          { deployment: 'production-gpt5', endpoint: `${west.url}/openai/v1` },
        ],
        strict: ['strict-a', 'strict-b'],
      },
      now: () => time,
    });
  });

  it('fails over on 429, and concurrent callers share the cooldown', async () => {
    main.behaviours.set('production-gpt5', { status: 429, retryAfterMs: 20_000 });
    west.behaviours.set('production-gpt5', { status: 200 });

    // First wave: all start before any 429 is reported, so all try the primary first.
    const firstWave = await Promise.all(
      Array.from({ length: 4 }, () => execute(resolver, 'gpt-5', main.url)),
    );
    for (const outcome of firstWave) {
      expect(outcome).toMatchObject({
        status: 200,
        tried: ['production-gpt5', 'production-gpt5@west'],
      });
    }
    expect(main.hits.get('production-gpt5')).toBe(4);

    // Second wave: every caller skips the cooling-down primary.
    const secondWave = await Promise.all(
      Array.from({ length: 4 }, () => execute(resolver, 'gpt-5', main.url)),
    );
    for (const outcome of secondWave) expect(outcome.tried).toEqual(['production-gpt5@west']);
    expect(main.hits.get('production-gpt5')).toBe(4);
    expect(west.hits.get('production-gpt5')).toBe(8);

    // After the retry-after has passed (fake clock), the primary is tried again.
    time += 20_000;
    main.behaviours.set('production-gpt5', { status: 200 });
    const recovered = await execute(resolver, 'gpt-5', main.url);
    expect(recovered).toMatchObject({ status: 200, tried: ['production-gpt5'] });
  });

  it('reports all deployments cooling down instead of looping', async () => {
    main.behaviours.set('production-gpt5', { status: 429, retryAfterMs: 5_000 });
    west.behaviours.set('production-gpt5', { status: 429, retryAfterMs: 30_000 });
    expect((await execute(resolver, 'gpt-5', main.url)).status).toBe(429);
    const plan = resolver.plan('gpt-5');
    expect(plan.allCoolingDown).toBe(true);
    expect(plan.targets.map(label)).toEqual(['production-gpt5', 'production-gpt5@west']);
    expect(await execute(resolver, 'gpt-5', main.url)).toMatchObject({ allCoolingDown: true });
    expect(main.hits.get('production-gpt5')).toBe(1);
  });

  it('fails over on 5xx but not on 400', async () => {
    main.behaviours.set('strict-a', { status: 500 });
    main.behaviours.set('strict-b', { status: 200 });
    expect(await execute(resolver, 'strict', main.url)).toMatchObject({
      status: 200,
      deployment: 'strict-b',
    });
    // A 5xx does not cool a deployment down: only 429 with retry-after does.
    expect(resolver.plan('strict').skipped).toEqual([]);

    main.behaviours.set('strict-a', { status: 400 });
    expect(await execute(resolver, 'strict', main.url)).toMatchObject({
      status: 400,
      tried: ['strict-a'],
    });
  });
});
