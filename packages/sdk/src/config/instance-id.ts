import { serviceInstanceIdDetector } from '@opentelemetry/resources';
import { ATTR_SERVICE_INSTANCE_ID } from '@opentelemetry/semantic-conventions';
import { BizMetricsConfigError } from './errors.ts';

const ACCEPTED = `${ATTR_SERVICE_INSTANCE_ID}: 1 to 255 printable characters, unique per process (default: a random UUID v4)`;

/**
 * The process's `service.instance.id` (OTel semantic conventions, service resource): the one set in
 * code or in OTEL_RESOURCE_ATTRIBUTES, else the OTel resources package's per-process random UUID v4,
 * so that two replicas pushing OTLP never write the same series. (The specification has no
 * dedicated variable for it; OTEL_RESOURCE_ATTRIBUTES is the standard way to set it.) An invalid
 * value is a start-up error naming where it came from.
 */
export function serviceInstanceId(fromCode: string | undefined, fromEnv: string | undefined): string {
  if (fromCode !== undefined) return checked('serviceInstanceId', fromCode);
  if (fromEnv !== undefined) return checked('OTEL_RESOURCE_ATTRIBUTES', fromEnv);
  return String(serviceInstanceIdDetector.detect().attributes?.[ATTR_SERVICE_INSTANCE_ID]);
}

function checked(variable: string, value: string): string {
  // Printable: no control characters (they break exporters' text formats and log lines).
  if (value.trim() === '' || value.length > 255 || /\p{Cc}/u.test(value))
    throw new BizMetricsConfigError(variable, `${ATTR_SERVICE_INSTANCE_ID}=${value}`, ACCEPTED);
  return value;
}
