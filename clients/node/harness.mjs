// Test harness for the Node client suite: starts the real `parkgraph` binary on an ephemeral
// port (127.0.0.1:0; the bound address is read from its JSON log) with a temporary store, the
// seeds loaded and an ingest token, waits for `parkgraph healthcheck`, and stops it with SIGTERM.
// Also loads proto/ with @grpc/proto-loader and decodes google.rpc error details.
//
// Environment: PARKGRAPH_BIN, the server binary (default: target/debug/parkgraph).

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROTO_DIR = path.join(REPO, 'proto');
export const SEEDS_DIR = path.join(REPO, 'seeds');
export const ERROR_DOMAIN = 'parkgraph.v1';
const BIN = process.env.PARKGRAPH_BIN || path.join(REPO, 'target', 'debug', 'parkgraph');

// protobufjs ships the well-known types (google/protobuf/*.proto) beside its package.json.
const WKT_DIR = path.dirname(require.resolve('protobufjs/package.json'));

/** Loads every proto/parkgraph/v1 file: proto/ plus the well-known types as include dirs. */
export function loadApi() {
  const files = ['park_service', 'cluster_service', 'statistic_service', 'document_service'].map(
    (f) => `parkgraph/v1/${f}.proto`,
  );
  const definition = protoLoader.loadSync(files, {
    includeDirs: [PROTO_DIR, WKT_DIR],
    keepCase: true, // field names as in proto/: page_size, next_page_token
    longs: String,
    enums: String, // enum values by name: 'METRIC_AREA_PLANNED'
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).parkgraph.v1;
}

/** The four service clients over one channel, with promise-returning methods. */
export function connect(addr, api = loadApi()) {
  const creds = grpc.credentials.createInsecure();
  const parks = new api.ParkService(addr, creds);
  const channelOverride = parks.getChannel();
  const opts = { channelOverride };
  const services = {
    parks,
    clusters: new api.ClusterService(addr, creds, opts),
    statistics: new api.StatisticService(addr, creds, opts),
    documents: new api.DocumentService(addr, creds, opts),
  };
  const wrap = (client) =>
    new Proxy(client, {
      get(target, prop) {
        const fn = target[prop];
        if (typeof fn !== 'function' || !/^[A-Z]/.test(String(prop))) return fn;
        return (request, metadata = new grpc.Metadata(), options = {}) =>
          new Promise((resolve, reject) => {
            const deadline = new Date(Date.now() + 10_000);
            fn.call(target, request, metadata, { deadline, ...options }, (err, reply) =>
              err ? reject(err) : resolve(reply),
            );
          });
      },
    });
  return {
    parks: wrap(services.parks),
    clusters: wrap(services.clusters),
    statistics: wrap(services.statistics),
    documents: wrap(services.documents),
    channel: channelOverride,
    close() {
      for (const c of Object.values(services)) c.close();
    },
  };
}

/** `authorization: Bearer <token>` metadata. */
export function bearer(token) {
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${token}`);
  return md;
}

// google.rpc.Status, ErrorInfo and BadRequest (field numbers as in googleapis' google/rpc/*.proto).
const rpcRoot = protobuf.parse(`
  syntax = "proto3";
  package google.rpc;
  message Any { string type_url = 1; bytes value = 2; }
  message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
  message ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }
  message BadRequest {
    message FieldViolation { string field = 1; string description = 2; }
    repeated FieldViolation field_violations = 1;
  }
`, { keepCase: true }).root;
const Status = rpcRoot.lookupType('google.rpc.Status');
const ErrorInfo = rpcRoot.lookupType('google.rpc.ErrorInfo');
const BadRequest = rpcRoot.lookupType('google.rpc.BadRequest');

/** Decodes `grpc-status-details-bin` of a failed call: { code, errorInfo, badRequest }. */
export function errorDetails(err) {
  const [raw] = err.metadata?.get('grpc-status-details-bin') ?? [];
  if (!raw) throw new Error(`${err.code} ${err.details}: no grpc-status-details-bin`);
  const status = Status.decode(raw);
  let errorInfo = null;
  let badRequest = null;
  for (const any of status.details) {
    if (any.type_url === 'type.googleapis.com/google.rpc.ErrorInfo') errorInfo = ErrorInfo.decode(any.value);
    if (any.type_url === 'type.googleapis.com/google.rpc.BadRequest') badRequest = BadRequest.decode(any.value);
  }
  return { code: status.code, message: status.message, errorInfo, badRequest };
}

export function newToken() {
  return `test-${randomBytes(16).toString('hex')}`;
}

/** Starts `parkgraph serve`; resolves to { addr, token, stop() } once it reports SERVING. */
export async function startServer({ token = newToken(), seeds = true } = {}) {
  if (!existsSync(BIN)) {
    throw new Error(`server binary ${BIN} not found: cargo build -p parkgraph-server --bin parkgraph, or set PARKGRAPH_BIN`);
  }
  const store = mkdtempSync(path.join(tmpdir(), 'parkgraph-node-store-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PARKGRAPH__')));
  Object.assign(env, {
    PARKGRAPH__SERVER__ADDR: '127.0.0.1:0',
    PARKGRAPH__SERVER__DRAIN_SECONDS: '2',
    PARKGRAPH__STORE__PATH: store,
    PARKGRAPH__SEEDS__DIR: SEEDS_DIR,
    PARKGRAPH__SEEDS__LOAD: seeds ? 'true' : 'false',
    PARKGRAPH__LOG__FORMAT: 'json',
    PARKGRAPH__LOG__LEVEL: 'info',
    RUST_LOG: 'info',
  });
  if (token !== null) env.PARKGRAPH__AUTH__INGEST_TOKEN = token;
  const child = spawn(BIN, ['serve'], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const log = [];
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => {
    exitInfo = info;
  });
  const addr = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parkgraph did not start:\n${log.join('\n')}`)), 60_000).unref();
    createInterface({ input: child.stderr }).on('line', (line) => {
      log.push(line);
      try {
        const rec = JSON.parse(line);
        if (rec.message === 'listening' && rec.addr) {
          clearTimeout(timer);
          resolve(rec.addr);
        }
      } catch {
        /* not JSON */
      }
    });
    exited.then(({ code }) => reject(new Error(`parkgraph exited with ${code}:\n${log.join('\n')}`)));
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitInfo) throw new Error(`parkgraph exited with ${exitInfo.code} while starting:\n${log.join('\n')}`);
    const check = spawnSync(BIN, ['healthcheck', '--addr', addr], { stdio: 'ignore', timeout: 30_000 });
    if (check.status === 0) break;
    if (Date.now() > deadline) throw new Error(`parkgraph at ${addr} never reported SERVING:\n${log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    addr,
    token,
    log,
    /** SIGTERM, then the exit code (0 = stopped gracefully). */
    async stop() {
      if (!exitInfo) child.kill('SIGTERM');
      const timeout = new Promise((r) => setTimeout(() => r(null), 20_000).unref());
      const info = await Promise.race([exited, timeout]);
      rmSync(store, { recursive: true, force: true });
      if (!info) {
        child.kill('SIGKILL');
        throw new Error('parkgraph ignored SIGTERM for 20 s');
      }
      if (info.code !== 0) throw new Error(`parkgraph exited with ${info.code} on SIGTERM:\n${log.slice(-20).join('\n')}`);
      return info.code;
    },
  };
}

export { grpc };
