/** Entry of the `inlet-gateway` bin (and of `tsx gateway/src/server/cli.ts`). */
import { main } from './main';

await main();
