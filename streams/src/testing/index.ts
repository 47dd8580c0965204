export { MemorySink } from './memory-sink';
