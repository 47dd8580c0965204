/**
 * Makes the README's picture of the pipeline console from the real page: opens it in Debian's headless
 * Chromium, waits until the charts have data, and saves a PNG.
 *
 *   npx tsx demo-site/scripts/screenshot.ts --url http://127.0.0.1:3000/pipeline --out docs/console.png
 */

import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage } from '@inlet/schemas';
import { isUsageError, parseFlags } from '@inlet/schemas/cli';
import { CHROMIUM_ARGS, chromiumPath } from '@inlet/sdk-web/testing/chromium';
import { chromium } from 'playwright-core';

const USAGE = `Usage: npx tsx demo-site/scripts/screenshot.ts [--url <console url>] [--out <png>] [--width 1440] [--height 1800] [--timeout-ms 60000] [--min-topics 1]

Waits until at least --min-topics topic cards show records (and the list has rows), then saves the page.
`;

export interface ScreenshotOptions {
  /** The console page. Default http://127.0.0.1:3000/pipeline. */
  readonly url?: string;
  /** Where the PNG goes. Default docs/console.png. */
  readonly out?: string;
  /** Viewport width in CSS pixels. Default 1440. */
  readonly width?: number;
  /** Viewport height; the picture is this tall. Default 1800. */
  readonly height?: number;
  /** How long to wait for data, in ms. Default 60 000. */
  readonly timeoutMs?: number;
  /** Topic cards that must show records before the picture is taken. Default 1. */
  readonly minTopics?: number;
}

/** Opens `url` in headless Chromium, waits for data, and writes the screenshot; resolves with its path. */
export async function screenshotConsole(options: ScreenshotOptions = {}): Promise<string> {
  const url = options.url ?? 'http://127.0.0.1:3000/pipeline';
  const out = resolve(options.out ?? 'docs/console.png');
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('Chromium is missing (see the message above)');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1440, height: options.height ?? 1800 },
      deviceScaleFactor: 1,
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      (min) =>
        document.querySelectorAll('.card:not(.empty)').length >= min &&
        document.querySelectorAll('#event-list .row').length > 0,
      options.minTopics ?? 1,
      { timeout: options.timeoutMs ?? 60_000, polling: 500 },
    );
    // Let the rate charts draw a few ticks after the first records.
    await page.waitForTimeout(3_000);
    // Show one record's JSON, as a user would after clicking it.
    await page.locator('#event-list .row').first().click();
    // Clicking scrolled the list into view; the picture starts at the top of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await mkdir(dirname(out), { recursive: true });
    await page.screenshot({ path: out, fullPage: false });
    return out;
  } finally {
    await browser.close();
  }
}

const number = (text: string | undefined, flag: string): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${flag} must be a positive whole number, got "${text}"`);
  return n;
};

async function main(): Promise<number> {
  try {
    const { values } = parseFlags(process.argv.slice(2), {
      options: {
        url: { type: 'string' },
        out: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'min-topics': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const opts: ScreenshotOptions = {
      ...(values.url ? { url: values.url } : {}),
      ...(values.out ? { out: values.out } : {}),
    };
    const extra = {
      width: number(values.width, 'width'),
      height: number(values.height, 'height'),
      timeoutMs: number(values['timeout-ms'], 'timeout-ms'),
      minTopics: number(values['min-topics'], 'min-topics'),
    };
    const path = await screenshotConsole({
      ...opts,
      ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
    });
    process.stdout.write(`saved ${path}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`screenshot: ${errorMessage(error)}\n${USAGE}`);
    return isUsageError(error) ? 2 : 1;
  }
}

if (
  process.argv[1] !== undefined &&
  resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)
) {
  process.exitCode = await main();
}
