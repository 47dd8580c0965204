/** Entry of the `inlet-audit` bin. */
import { runAudit } from './cli';

process.exitCode = await runAudit(process.argv.slice(2));
