import { context, propagation, SpanKind, SpanStatusCode, trace, type Link, type Span } from '@opentelemetry/api';

/**
 * Spans of what Parley does, with OpenTelemetry. Without an SDK started (OTEL_EXPORTER_OTLP_ENDPOINT
 * unset) every call here is the API's no-op, so tracing costs nothing when it is off.
 */
const tracer = () => trace.getTracer('parley');

/** Starts the SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set; returns how to flush and stop it. */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  if (!env['OTEL_EXPORTER_OTLP_ENDPOINT']) return async () => undefined;
  // Loaded only when tracing is on: the SDK is a noticeable part of a start.
  const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  const sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME'] ?? 'parley',
    traceExporter: new OTLPTraceExporter(),
    // Spans come from Parley's own code; automatic instrumentation of every library stays off.
    instrumentations: [],
  });
  sdk.start();
  return () => sdk.shutdown();
}

/** Runs `fn` inside a new active span; its status follows `fn`'s outcome. */
export function inSpan<T>(name: string, kind: SpanKind, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Names the current operation's span after the operation, once it is known. */
export function describeOperation(
  type: string | null | undefined,
  name: string | null,
  errorCodes: readonly unknown[],
) {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(`graphql.${type ?? 'operation'}${name ? ` ${name}` : ''}`);
  span.setAttribute('graphql.operation.type', type ?? 'unknown');
  if (name) span.setAttribute('graphql.operation.name', name);
  if (errorCodes.length > 0) {
    span.setAttribute('parley.error_codes', errorCodes.map(String).join(','));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}

/**
 * A WebSocket or SSE operation, recorded when it ends with the time it took (a subscription's span
 * covers its whole life). Its execution runs outside the span, so publishes it causes are not its
 * children, unlike an HTTP operation's.
 */
export function recordStreamedOperation(
  transport: string,
  type: string | null | undefined,
  name: string | null,
  durationMs: number,
  errorCodes: readonly unknown[],
): void {
  const span = tracer().startSpan(`graphql.${type ?? 'operation'}${name ? ` ${name}` : ''}`, {
    kind: SpanKind.SERVER,
    startTime: Date.now() - durationMs,
    attributes: {
      'graphql.operation.type': type ?? 'unknown',
      'parley.transport': transport,
      ...(name ? { 'graphql.operation.name': name } : {}),
    },
  });
  if (errorCodes.length > 0) {
    span.setAttribute('parley.error_codes', errorCodes.map(String).join(','));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/**
 * A publish to the event bus: a producer span under the current one, whose context travels with the
 * message as W3C trace context (`traceparent`) so the nodes that deliver it can link to it.
 */
export function publishSpan(channel: string): { carrier: Record<string, string>; end(): void } {
  const span = tracer().startSpan(`publish ${channel.split(':')[0]}`, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'parley', 'messaging.destination.name': channel },
  });
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return { carrier, end: () => span.end() };
}

/** Delivery of a bus message on this node, linked to the publish that sent it (from another node). */
export function deliverSpan<T>(channel: string, carrier: Record<string, string> | undefined, fn: () => T): T {
  const links: Link[] = [];
  if (carrier) {
    const from = trace.getSpanContext(propagation.extract(context.active(), carrier));
    if (from) links.push({ context: from });
  }
  const span = tracer().startSpan(`deliver ${channel.split(':')[0]}`, {
    kind: SpanKind.CONSUMER,
    links,
    attributes: { 'messaging.system': 'parley', 'messaging.destination.name': channel },
  });
  try {
    return context.with(trace.setSpan(context.active(), span), fn);
  } finally {
    span.end();
  }
}
