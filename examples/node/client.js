// Loads the parkgraph API from proto/ at run time (no code generation) and connects.
//
// PARKGRAPH_PROTO_DIR points at the proto/ directory (default: ../../proto from here).

'use strict';

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = process.env.PARKGRAPH_PROTO_DIR || path.join(__dirname, '..', '..', 'proto');
// protobufjs (a dependency of proto-loader) ships google/protobuf/*.proto, the well-known types.
const WKT_DIR = path.dirname(require.resolve('protobufjs/package.json', { paths: [require.resolve('@grpc/proto-loader')] }));

function loadApi() {
  const definition = protoLoader.loadSync(
    ['parkgraph/v1/park_service.proto', 'parkgraph/v1/statistic_service.proto'],
    { includeDirs: [PROTO_DIR, WKT_DIR], keepCase: true, enums: String, longs: String, defaults: true },
  );
  return grpc.loadPackageDefinition(definition).parkgraph.v1;
}

/** Promise-returning call with a 10 s deadline. */
function call(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: new Date(Date.now() + 10_000) }, (err, reply) =>
      err ? reject(err) : resolve(reply),
    );
  });
}

/** `--name value` options; the rest are positional. */
function parseArgs(argv, defaults) {
  const opts = { ...defaults, _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) opts[argv[i].slice(2)] = argv[++i];
    else opts._.push(argv[i]);
  }
  return opts;
}

/** Prints a failed call's code and message, then exits 1. */
function fail(err) {
  const code = Object.keys(grpc.status).find((k) => grpc.status[k] === err.code) || err.code;
  console.error(`error: ${code}: ${err.details || err.message}`);
  process.exit(1);
}

module.exports = { grpc, loadApi, call, parseArgs, fail };
