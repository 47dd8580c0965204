/**
 * @inlet/simulators: virtual users on the real SDK core (`inlet-sim run`), the audit
 * (`inlet-audit`), the OLTP workload and the external API stand-ins (subpath exports
 * `@inlet/simulators/oltp` and `/external-api`, kept apart so their dependencies load only there).
 */
export * from './audit/index';
export { main, USAGE } from './cli';
export * from './vu/index';
