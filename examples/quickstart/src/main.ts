// The smallest service: records the article's checkout flow once a second and serves /metrics.
// Run: corepack pnpm --filter @bizmetrics/example-quickstart start   (then open the printed URL)
import { startBizMetrics } from '@bizmetrics/sdk';

const biz = startBizMetrics();
const checkout = biz.funnel('checkout', ['cart_view', 'shipping', 'payment', 'review', 'confirmed'], {
  conversionType: 'purchase',
});

let n = 0;
const timer = setInterval(() => {
  n++;
  const journey = checkout.start({
    source: n % 3 ? 'google' : 'email',
    device_type: n % 2 ? 'mobile' : 'desktop',
    experiment_variant: 'A',
  });
  const depth = n % 5;
  for (const step of checkout.steps.slice(0, depth + 1)) journey.step(step);
  if (journey.completed)
    biz.revenue({
      amountMinor: 1000 + (n % 7) * 750,
      currency: 'EUR',
      product_category: 'books',
      payment_method: 'card',
      region: 'eu',
    });
  else journey.end();
  biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: n % 4 === 0 });
}, 1000);

console.log(`bizmetrics quickstart: scrape ${biz.prometheusUrl ?? '(no Prometheus exporter configured)'}`);
process.on('SIGINT', () => clearInterval(timer));
process.on('SIGTERM', () => clearInterval(timer));
