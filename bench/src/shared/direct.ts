import { pathToFileURL } from 'node:url';

/** Whether the module at `moduleUrl` (its `import.meta.url`) is the script Node was started with. */
export const startedDirectly = (moduleUrl: string): boolean =>
  process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === moduleUrl;
