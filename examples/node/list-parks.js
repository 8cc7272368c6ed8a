// Lists the industrial parks of a city.
//
//   node list-parks.js --city Hohhot [--addr localhost:50051]
//
// One line per park: resource name, name, level, kind.

'use strict';

const { grpc, loadApi, call, parseArgs, fail } = require('./client');

async function main() {
  const args = parseArgs(process.argv.slice(2), { addr: 'localhost:50051' });
  if (!args.city) {
    console.error('usage: node list-parks.js --city CITY [--addr HOST:PORT]');
    process.exit(2);
  }
  const api = loadApi();
  const parks = new api.ParkService(args.addr, grpc.credentials.createInsecure());
  // A filter string literal: double quotes, backslash escapes.
  const filter = `city = "${args.city.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  let page_token = '';
  let count = 0;
  try {
    do {
      const reply = await call(parks, 'ListParks', { filter, page_size: 100, page_token });
      for (const p of reply.parks) {
        count += 1;
        console.log([p.name, p.name_en || p.name_zh, p.level, p.kind].join('\t'));
      }
      page_token = reply.next_page_token; // empty on the last page
    } while (page_token);
  } catch (err) {
    fail(err);
  } finally {
    parks.close();
  }
  console.error(`${count} park(s) in ${args.city}`);
}

main();
