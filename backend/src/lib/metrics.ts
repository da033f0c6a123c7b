import client from 'prom-client';

/**
 * Process-wide metrics that any module may update (one registry per process):
 * `ticketsCreated.inc()` where a ticket is inserted, `jobRuns.inc({ job, status })` by the scheduler.
 * Per-app metrics (HTTP, database pool) live in the registry plugins/metrics.ts makes for each app,
 * which serves both.
 */
export const processRegistry = new client.Registry();
client.collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 });

export const ticketsCreated = new client.Counter({
  name: 'helpdesk_tickets_created_total',
  help: 'Tickets created',
  registers: [processRegistry],
});

export const ticketFilingStatements = new client.Counter({
  name: 'helpdesk_ticket_filing_statements_total',
  help: 'Statements that filed new tickets with their rows, by how many tickets each carried (tickets filed at the same moment go together)',
  labelNames: ['tickets'] as const,
  registers: [processRegistry],
});

export const cacheLookups = new client.Counter({
  name: 'helpdesk_cache_lookups_total',
  help: 'In-process cache lookups (session: who is asking; reference: statuses and priorities; tags; custom_fields; new_ticket_optins: departments whose staff asked for new-ticket notifications) by result',
  labelNames: ['cache', 'result'] as const,
  registers: [processRegistry],
});

export const jobRuns = new client.Counter({
  name: 'helpdesk_job_runs_total',
  help: 'Runs of scheduled maintenance jobs by outcome (succeeded, failed, skipped)',
  labelNames: ['job', 'status'] as const,
  registers: [processRegistry],
});

export const replicaReads = new client.Counter({
  name: 'helpdesk_db_heavy_reads_total',
  help: 'Heavy reads (queue, search, dashboard, reports, customers) by where they ran: primary or replicaN',
  labelNames: ['target'] as const,
  registers: [processRegistry],
});

export const replicaFallbacks = new client.Counter({
  name: 'helpdesk_db_replica_fallbacks_total',
  help:
    'Heavy reads sent to the primary although replicas are configured, by reason (down, lagging, ' +
    'read_your_writes: no replica had replayed the caller’s recent write, error: the replica failed the read)',
  labelNames: ['reason'] as const,
  registers: [processRegistry],
});

export const replicaLag = new client.Gauge({
  name: 'helpdesk_db_replica_lag_seconds',
  help: 'How far each read replica is behind the primary, as last checked; -1 when it does not answer',
  labelNames: ['replica'] as const,
  registers: [processRegistry],
});

export const eventsHandled = new client.Counter({
  name: 'helpdesk_events_handled_total',
  help: 'Events handled by each consumer (mail …) by result (handled, failed)',
  labelNames: ['consumer', 'result'] as const,
  registers: [processRegistry],
});

export const mailSent = new client.Counter({
  name: 'helpdesk_mail_send_attempts_total',
  help: 'Attempts to send queued mail by result (sent, retry, failed)',
  labelNames: ['result'] as const,
  registers: [processRegistry],
});

export const webhookAttempts = new client.Counter({
  name: 'helpdesk_webhook_attempts_total',
  help: 'Attempts to deliver a webhook by result (delivered, retry, failed: given up)',
  labelNames: ['result'] as const,
  registers: [processRegistry],
});
