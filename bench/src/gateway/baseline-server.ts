/**
 * Scenario (a), the baseline: a bare `node:http` server that reads the body and `JSON.parse`s it, then
 * answers 200. What any Node ingestion endpoint costs at least.
 */
import { serveBare } from './bare-server';

serveBare((batch) => batch.length);
