/**
 * Runs the OLTP workload in its own process (so it does not share the collector's event loop) and
 * prints its figures as one JSON line. Argument: the workload options as JSON (minus callbacks).
 */
import { type OltpWorkloadOptions, runOltpWorkload } from '@inlet/simulators/oltp';

const options = JSON.parse(process.argv[2] ?? '{}') as OltpWorkloadOptions;
const stats = await runOltpWorkload(options);
process.stdout.write(`${JSON.stringify(stats)}\n`);
