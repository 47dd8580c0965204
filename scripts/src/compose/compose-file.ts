/**
 * docker-compose.yml read the way `docker compose config` reads it, without Docker: YAML with
 * merge keys (`<<: *anchor`), `x-` extension fields dropped, variables interpolated in values,
 * and the short forms of `command`, `environment` and `ports` turned into one shape each.
 */

import { readFile } from 'node:fs/promises';
import { errorMessage } from '@inlet/schemas';
import { parse } from 'yaml';
import { interpolate } from './interpolate';

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

export interface PublishedPort {
  readonly text: string;
  /** Host address, when the mapping names one (`127.0.0.1:8787:8787`). */
  readonly hostIp: string | undefined;
  readonly hostPort: number;
  readonly containerPort: number;
}

export interface ComposeFile {
  /** Top-level keys, `x-` extensions removed, after interpolation. */
  readonly top: JsonObject;
  readonly services: Readonly<Record<string, JsonObject>>;
  /** Variables compose would warn about (used with no default and not set). */
  readonly unset: readonly string[];
}

export class ComposeFormatError extends Error {
  override readonly name = 'ComposeFormatError';
}

export const isComposeFormatError = (error: unknown): error is ComposeFormatError =>
  error instanceof Error && error.name === 'ComposeFormatError';

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function interpolateTree(value: Json, env: Readonly<Record<string, string>>, unset: string[]): Json {
  if (typeof value === 'string') {
    const result = interpolate(value, env);
    unset.push(...result.unset);
    return result.text;
  }
  if (Array.isArray(value)) return value.map((v: Json) => interpolateTree(v, env, unset));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateTree(v, env, unset)]));
  }
  return value;
}

/** Parses compose YAML text; `env` plays the shell environment (default: none, so defaults apply). */
export function parseCompose(text: string, env: Readonly<Record<string, string>> = {}): ComposeFile {
  let raw: unknown;
  try {
    raw = parse(text, { merge: true });
  } catch (error) {
    throw new ComposeFormatError(`not valid YAML: ${errorMessage(error)}`);
  }
  if (!isObject(raw)) throw new ComposeFormatError('the file is not a mapping of top-level keys');
  const unset: string[] = [];
  const top = Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, value]) => [key, interpolateTree(value, env, unset)]),
  );
  const services = top.services;
  if (!isObject(services)) throw new ComposeFormatError('no `services:` mapping');
  const checked: Record<string, JsonObject> = {};
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) throw new ComposeFormatError(`services.${name} is not a mapping`);
    checked[name] = service;
  }
  return { top, services: checked, unset: [...new Set(unset)] };
}

export async function readCompose(
  path: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ComposeFile> {
  return parseCompose(await readFile(path, 'utf8'), env);
}

/** `command:` as an argument list (a string form is split on whitespace, as compose does without quotes). */
export function commandOf(service: JsonObject): string[] {
  const command = service.command;
  if (command === undefined || command === null) return [];
  if (typeof command === 'string') return command.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(command)) return command.map((c: Json) => String(c));
  throw new ComposeFormatError('command is neither a string nor a list');
}

/** `environment:` as name → value, from either the mapping or the `NAME=value` list form. */
export function environmentOf(service: JsonObject): Record<string, string> {
  const env = service.environment;
  if (env === undefined || env === null) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry: Json) => {
        const text = String(entry);
        const eq = text.indexOf('=');
        return eq < 0 ? [text, ''] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  }
  if (isObject(env))
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
  throw new ComposeFormatError('environment is neither a mapping nor a list');
}

const PORT_SHORT = /^(?:(?:(\[[^\]]+\]|[^:[\]]+):)?(\d+):)?(\d+)(?:\/(?:tcp|udp))?$/;

/** `ports:` in the short syntax (`[ip:]host:container[/proto]`) or the long one (`target`, `published`). */
export function publishedPorts(service: JsonObject): PublishedPort[] {
  const ports = service.ports;
  if (ports === undefined || ports === null) return [];
  if (!Array.isArray(ports)) throw new ComposeFormatError('ports is not a list');
  return ports.map((entry: Json) => {
    if (isObject(entry)) {
      const containerPort = Number(entry.target);
      return {
        text: JSON.stringify(entry),
        hostIp: typeof entry.host_ip === 'string' ? entry.host_ip : undefined,
        hostPort: Number(entry.published ?? containerPort),
        containerPort,
      };
    }
    const text = String(entry);
    const match = PORT_SHORT.exec(text);
    if (!match) throw new ComposeFormatError(`port mapping "${text}" is not [ip:]host:container`);
    const containerPort = Number(match[3]);
    return { text, hostIp: match[1], hostPort: Number(match[2] ?? containerPort), containerPort };
  });
}

/** `depends_on:` as service → condition (the list form means `service_started`). */
export function dependsOn(service: JsonObject): Record<string, string> {
  const deps = service.depends_on;
  if (deps === undefined || deps === null) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d: Json) => [String(d), 'service_started']));
  if (isObject(deps)) {
    return Object.fromEntries(
      Object.entries(deps).map(([name, spec]) => [
        name,
        isObject(spec) && typeof spec.condition === 'string' ? spec.condition : 'service_started',
      ]),
    );
  }
  throw new ComposeFormatError('depends_on is neither a list nor a mapping');
}

/** The health check's command as a list (`CMD`/`CMD-SHELL` kept first), or undefined without one. */
export function healthcheckTest(service: JsonObject): string[] | undefined {
  const health = service.healthcheck;
  if (!isObject(health) || health.disable === true) return undefined;
  const test = health.test;
  if (typeof test === 'string') return ['CMD-SHELL', test];
  if (Array.isArray(test)) return test.map((t: Json) => String(t));
  return undefined;
}
