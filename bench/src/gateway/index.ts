export { batchBody } from './events';
export type { LoadFigures, LoadOptions } from './load';
export { runLoad } from './load';
export type { Measured } from './report';
export { table } from './report';
export { runGatewayBench } from './run-gateway-bench';
export type { RunningServer, Scenario } from './servers';
export { SCENARIOS, startServer } from './servers';
