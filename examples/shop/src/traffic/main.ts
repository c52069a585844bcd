// The traffic generator on its own: simulated shoppers against a running shop.
// Run: corepack pnpm --filter @bizmetrics/example-shop traffic --url http://127.0.0.1:3000 --rate 5
import { Command, InvalidArgumentError } from 'commander';
import { startTraffic } from './generator.ts';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
};
const opts = new Command('traffic')
  .description('send simulated shoppers to the shop over HTTP')
  .option('--url <url>', 'the shop', 'http://127.0.0.1:3000')
  .option('--rate <visitors/s>', 'mean visitors per second', positive, 5)
  .option('--seed <n>', 'random seed', positive, 1)
  .parse()
  .opts<{ url: string; rate: number; seed: number }>();

const traffic = startTraffic({ baseUrl: opts.url, visitorsPerSecond: opts.rate, seed: opts.seed });
const report = setInterval(() => console.log(JSON.stringify(traffic.stats)), 5000);
const stop = async () => {
  clearInterval(report);
  await traffic.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
