// The Node client (@grpc/grpc-js + @grpc/proto-loader loading proto/ directly) against the real
// server: every RPC of the four services, pagination, filters, ingestion with the token, and
// google.rpc error details. Run: node --test test/ (scripts/test-clients.sh does).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ERROR_DOMAIN,
  REPO,
  SEEDS_DIR,
  bearer,
  connect,
  errorDetails,
  grpc,
  loadApi,
  startServer,
} from '../harness.mjs';

const api = loadApi();
const { status: Code } = grpc;

/** Expects `promise` to fail with `code` and ErrorInfo `reason`; checks BadRequest's field. */
async function assertError(promise, code, reason, field = null) {
  const err = await promise.then(
    (reply) => assert.fail(`expected ${reason}, got ${JSON.stringify(reply).slice(0, 200)}`),
    (e) => e,
  );
  assert.equal(err.code, code, err.details);
  const details = errorDetails(err);
  assert.equal(details.code, code);
  assert.ok(details.errorInfo, 'ErrorInfo present');
  assert.equal(details.errorInfo.reason, reason);
  assert.equal(details.errorInfo.domain, ERROR_DOMAIN);
  if (field === null) {
    assert.ok(!details.badRequest || details.badRequest.field_violations.length === 0);
  } else {
    assert.deepEqual(details.badRequest.field_violations.map((v) => v.field), [field]);
    assert.ok(details.badRequest.field_violations.every((v) => v.description));
  }
  return err;
}

async function listAll(method, field, pageSize, extra = {}) {
  const items = [];
  let page_token = '';
  let pages = 0;
  do {
    const reply = await method({ page_size: pageSize, page_token, ...extra });
    pages += 1;
    items.push(...reply[field]);
    page_token = reply.next_page_token;
    assert.ok(pages < 10_000, 'pagination ends');
  } while (page_token);
  return { items, pages };
}

function newDocument() {
  const seed = readFileSync(path.join(SEEDS_DIR, '002_bf2f96a73990e654.txt'), 'utf8');
  assert.ok(seed.includes('13 research institutions'));
  return Buffer.from(seed.replace('13 research institutions', '14 research institutions'), 'utf8');
}

describe('read-only API on a seeded server', () => {
  let server;
  let c;
  before(async () => {
    server = await startServer();
    c = connect(server.addr, api);
  });
  after(async () => {
    c?.close();
    await server?.stop();
  });

  test('health reports SERVING', async () => {
    // grpc.health.v1.Health/Check by hand: HealthCheckRequest{service} in, {status: SERVING (1)} out.
    const raw = new grpc.Client(server.addr, grpc.credentials.createInsecure());
    const check = (request) =>
      new Promise((resolve, reject) =>
        raw.makeUnaryRequest('/grpc.health.v1.Health/Check', (b) => b, (b) => b, request, (err, reply) =>
          err ? reject(err) : resolve(reply),
        ),
      );
    try {
      assert.deepEqual(await check(Buffer.alloc(0)), Buffer.from([0x08, 0x01]));
      const name = Buffer.from('parkgraph.v1.DocumentService');
      const request = Buffer.concat([Buffer.from([0x0a, name.length]), name]);
      assert.deepEqual(await check(request), Buffer.from([0x08, 0x01]));
    } finally {
      raw.close();
    }
  });

  test('ListParks walks every page (page_size 1) without duplicates', async () => {
    const everything = await c.parks.ListParks({ page_size: 1000 });
    assert.equal(everything.next_page_token, '');
    const names = everything.parks.map((p) => p.name);
    assert.ok(names.length >= 3, `several seed parks: ${names}`);
    const { items, pages } = await listAll((r) => c.parks.ListParks(r), 'parks', 1);
    const walked = items.map((p) => p.name);
    assert.equal(new Set(walked).size, walked.length, 'no duplicates');
    assert.deepEqual(walked, names, 'same parks in the same order');
    assert.equal(pages, names.length);
  });

  test('ListParks filters and GetPark', async () => {
    const { parks } = await c.parks.ListParks({ filter: 'city = "Hohhot"' });
    assert.ok(parks.length > 0);
    for (const p of parks) assert.equal(p.city, 'Hohhot');
    const regional = (await c.parks.ListParks({ filter: 'level = AUTONOMOUS_REGION', page_size: 1000 })).parks;
    assert.ok(regional.length > 0 && regional.every((p) => p.level === 'PARK_LEVEL_AUTONOMOUS_REGION'));
    const got = await c.parks.GetPark({ name: parks[0].name });
    assert.deepEqual(got, parks[0]);
    assert.equal(got.name, `parks/${got.id}`);
  });

  test('ListStatistics filters, GetStatistic, evidence quotes the document', async () => {
    const planned = (await c.statistics.ListStatistics({ filter: 'metric = AREA_PLANNED', page_size: 1000 })).statistics;
    assert.ok(planned.length > 0);
    for (const s of planned) {
      assert.equal(s.metric, 'METRIC_AREA_PLANNED');
      assert.ok(['UNIT_KM2', 'UNIT_HA', 'UNIT_M2', 'UNIT_MU'].includes(s.unit), s.unit);
      assert.ok(Number(s.value.value) > 0);
    }
    const recent = (await c.statistics.ListStatistics({ filter: 'year >= 2015 AND unit = CNY', page_size: 1000 }))
      .statistics;
    assert.ok(recent.length > 0 && recent.every((s) => s.unit === 'UNIT_CNY' && s.period.end_year >= 2015));

    const { items, pages } = await listAll((r) => c.statistics.ListStatistics(r), 'statistics', 7);
    assert.ok(items.length > 20);
    assert.equal(pages, Math.ceil(items.length / 7));
    assert.equal(new Set(items.map((s) => s.name)).size, items.length);

    const stat = planned[0];
    assert.deepEqual(await c.statistics.GetStatistic({ name: stat.name }), stat);
    const doc = await c.documents.GetDocument({ name: stat.evidence.document });
    // Offsets count Unicode scalar values: index the body by code points.
    const quote = [...doc.body].slice(stat.evidence.start, stat.evidence.end).join('');
    assert.equal(quote, stat.evidence.quote);
  });

  test('default page size is 50', async () => {
    const { items } = await listAll((r) => c.statistics.ListStatistics(r), 'statistics', 1000);
    const page = await c.statistics.ListStatistics({});
    assert.equal(page.statistics.length, Math.min(items.length, 50));
    assert.equal(page.next_page_token !== '', items.length > 50);
  });

  test("ListClusters: Hohhot's six clusters, and GetCluster", async () => {
    const { clusters } = await c.clusters.ListClusters({ filter: 'city = "Hohhot"' });
    assert.deepEqual(clusters.map((x) => x.ordinal).sort(), [1, 2, 3, 4, 5, 6]);
    const first = clusters.find((x) => x.ordinal === 1);
    assert.deepEqual(await c.clusters.GetCluster({ name: first.name }), first);
  });

  test('documents and source formats', async () => {
    const formats = (await c.documents.ListSourceFormats({})).source_formats;
    assert.deepEqual(
      formats.map((f) => [f.id, f.source_format]),
      [
        ['chinadaily', 'SOURCE_FORMAT_CHINADAILY'],
        ['eastmoney', 'SOURCE_FORMAT_EASTMONEY'],
      ],
    );
    const { items, pages } = await listAll((r) => c.documents.ListDocuments(r), 'documents', 2);
    assert.equal(items.length, 5);
    assert.equal(pages, 3);
    const zh = (await c.documents.ListDocuments({ filter: 'source_format = EASTMONEY AND language = "zh"' })).documents;
    assert.equal(zh.length, 1);
    assert.deepEqual(await c.documents.GetDocument({ name: zh[0].name }), zh[0]);
  });

  test('NOT_FOUND carries ErrorInfo', async () => {
    await assertError(c.parks.GetPark({ name: 'parks/no-such-park' }), Code.NOT_FOUND, 'RESOURCE_NOT_FOUND');
    await assertError(c.clusters.GetCluster({ name: 'clusters/no-such' }), Code.NOT_FOUND, 'RESOURCE_NOT_FOUND');
    await assertError(c.statistics.GetStatistic({ name: 'statistics/no' }), Code.NOT_FOUND, 'RESOURCE_NOT_FOUND');
    await assertError(c.documents.GetDocument({ name: 'documents/00' }), Code.NOT_FOUND, 'RESOURCE_NOT_FOUND');
  });

  test('INVALID_ARGUMENT carries ErrorInfo and BadRequest', async () => {
    const err = await assertError(
      c.statistics.ListStatistics({ filter: 'colour = red' }),
      Code.INVALID_ARGUMENT,
      'INVALID_FILTER',
      'filter',
    );
    assert.match(err.details, /colour/);
    await assertError(c.parks.ListParks({ page_size: -1 }), Code.INVALID_ARGUMENT, 'INVALID_PAGE_SIZE', 'page_size');
    await assertError(
      c.parks.ListParks({ page_token: 'garbage!' }),
      Code.INVALID_ARGUMENT,
      'INVALID_PAGE_TOKEN',
      'page_token',
    );
    const { next_page_token } = await c.statistics.ListStatistics({ page_size: 1 });
    assert.ok(next_page_token);
    await assertError(
      c.statistics.ListStatistics({ page_size: 1, page_token: next_page_token, filter: 'unit = CNY' }),
      Code.INVALID_ARGUMENT,
      'INVALID_PAGE_TOKEN',
      'page_token',
    );
    await assertError(c.documents.GetDocument({ name: 'parks/x' }), Code.INVALID_ARGUMENT, 'INVALID_RESOURCE_NAME', 'name');
  });

  test('gzip-compressed calls', async () => {
    const client = new api.ParkService(server.addr, grpc.credentials.createInsecure(), {
      'grpc.default_compression_algorithm': 2, // gzip
    });
    try {
      const reply = await new Promise((resolve, reject) =>
        client.ListParks({ page_size: 2 }, (err, r) => (err ? reject(err) : resolve(r))),
      );
      assert.equal(reply.parks.length, 2);
    } finally {
      client.close();
    }
  });

  test('the examples in examples/node', async () => {
    const run = (script, ...args) => {
      const done = spawnSync(process.execPath, [path.join(REPO, 'examples', 'node', script), ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NODE_PATH: path.join(REPO, 'clients', 'node', 'node_modules') },
      });
      assert.equal(done.status, 0, `${script}: ${done.stdout}\n${done.stderr}`);
      return done.stdout;
    };
    const out = run('list-parks.js', '--addr', server.addr, '--city', 'Hohhot');
    const hohhot = (await c.parks.ListParks({ filter: 'city = "Hohhot"', page_size: 1000 })).parks;
    for (const p of hohhot) assert.ok(out.includes(p.name), `${p.name} in\n${out}`);
    assert.equal(out.split('\n').filter((l) => l.startsWith('parks/')).length, hohhot.length);

    const [stat] = (
      await c.statistics.ListStatistics({ filter: 'metric = AREA_PLANNED AND subject_kind = PARK', page_size: 1 })
    ).statistics;
    const stats = run('park-statistics.js', '--addr', server.addr, `parks/${stat.subject.id}`);
    assert.ok(stats.includes('- AREA_PLANNED: '), stats);
    assert.ok(stats.includes(`"${stat.evidence.quote}"`), stats);
    const parkStats = (
      await c.statistics.ListStatistics({
        filter: `subject_kind = PARK AND subject = "${stat.subject.id}"`,
        page_size: 1000,
      })
    ).statistics;
    assert.equal(stats.split('\n').filter((l) => l.startsWith('- ')).length, parkStats.length);
  });
});

describe('ingestion on a fresh server', () => {
  let server;
  let c;
  before(async () => {
    server = await startServer();
    c = connect(server.addr, api);
  });
  after(async () => {
    c?.close();
    await server?.stop();
  });

  test('IngestDocument needs the token, stores a new document once', async () => {
    const content = newDocument();
    const request = { content, uri: 'test://node-client' };
    await assertError(c.documents.IngestDocument(request), Code.UNAUTHENTICATED, 'UNAUTHENTICATED');
    const err = await assertError(
      c.documents.IngestDocument(request, bearer('nope')),
      Code.UNAUTHENTICATED,
      'UNAUTHENTICATED',
    );
    assert.ok(!err.details.includes(server.token));

    const first = await c.documents.IngestDocument(request, bearer(server.token));
    assert.equal(first.created, true);
    assert.equal(first.document.id, createHash('sha256').update(content).digest('hex'));
    assert.equal(first.document.source_format, 'SOURCE_FORMAT_CHINADAILY');
    assert.equal(first.document.uri, 'test://node-client');
    assert.ok(first.statistics.some((s) => s.value.value === '14'));
    assert.equal(first.parks[0].sources.length, 2, 'merged with the seed park');

    const again = await c.documents.IngestDocument(request, bearer(server.token));
    assert.equal(again.created, false);
    assert.deepEqual(again.document, first.document);

    const docs = (await c.documents.ListDocuments({ page_size: 100 })).documents;
    assert.equal(docs.length, 6);

    await assertError(
      c.documents.IngestDocument({ content: Buffer.from('   ') }, bearer(server.token)),
      Code.INVALID_ARGUMENT,
      'EMPTY_DOCUMENT',
      'content',
    );
    await assertError(
      c.documents.IngestDocument({ content: Buffer.from([0, 159, 146, 150, 0, 1]) }, bearer(server.token)),
      Code.INVALID_ARGUMENT,
      'UNDECODABLE_DOCUMENT',
      'content',
    );
  });

  test('ingestion is disabled without a configured token', async () => {
    const noToken = await startServer({ token: null });
    const c2 = connect(noToken.addr, api);
    try {
      const err = await assertError(
        c2.documents.IngestDocument({ content: newDocument() }, bearer('anything')),
        Code.FAILED_PRECONDITION,
        'INGEST_DISABLED',
      );
      assert.match(err.details, /auth\.ingest_token/);
    } finally {
      c2.close();
      await noToken.stop();
    }
  });
});
