// Prints a park's statistics, each with the quote that states it.
//
//   node park-statistics.js parks/PARK_ID [--addr localhost:50051]

'use strict';

const { grpc, loadApi, call, parseArgs, fail } = require('./client');

const COMPARATORS = { COMPARATOR_GT: '> ', COMPARATOR_LT: '< ', COMPARATOR_APPROX: '~ ' };

async function main() {
  const args = parseArgs(process.argv.slice(2), { addr: 'localhost:50051' });
  if (args._.length !== 1) {
    console.error('usage: node park-statistics.js parks/PARK_ID [--addr HOST:PORT]');
    process.exit(2);
  }
  const name = args._[0].startsWith('parks/') ? args._[0] : `parks/${args._[0]}`;
  const api = loadApi();
  const creds = grpc.credentials.createInsecure();
  const parks = new api.ParkService(args.addr, creds);
  const statistics = new api.StatisticService(args.addr, creds);
  try {
    const park = await call(parks, 'GetPark', { name });
    console.log(`${park.name_en || park.name_zh} (${park.city || park.region})`);
    let page_token = '';
    do {
      const reply = await call(statistics, 'ListStatistics', {
        filter: `subject_kind = PARK AND subject = "${park.id}"`,
        page_size: 100,
        page_token,
      });
      for (const s of reply.statistics) {
        const metric = s.metric.replace(/^METRIC_/, '');
        const unit = s.unit === 'UNIT_UNSPECIFIED' ? '' : ` ${s.unit.replace(/^UNIT_/, '')}`;
        const p = s.period;
        const period = p && p.start_year ? ` [${p.start_year}${p.end_year !== p.start_year ? `-${p.end_year}` : ''}]` : '';
        const label = s.label ? `  (${s.label})` : '';
        console.log(`- ${metric}: ${COMPARATORS[s.comparator] || ''}${s.value.value}${unit}${period}${label}`);
        console.log(`    "${s.evidence.quote}"`);
      }
      page_token = reply.next_page_token;
    } while (page_token);
  } catch (err) {
    fail(err);
  } finally {
    parks.close();
    statistics.close();
  }
}

main();
