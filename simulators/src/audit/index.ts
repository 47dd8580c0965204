/** The audit: a run's ledger against what the topics hold. */
export { AUDIT_USAGE, runAudit } from './cli';
export { formatAudit } from './format';
export type { ReadReport, TopicSource } from './read-topics';
export { messageIdOf, readSightings } from './read-topics';
export type { AuditedEvent, AuditResult, TopicTally } from './reconcile';
export { reconcile, Sightings } from './reconcile';
