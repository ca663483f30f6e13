import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey, mintKey } from '../../src/server/auth/keys.js';
import { startArgus } from '../helpers/argus-instance.js';
import { seedAlertAndReviewItem, seedBulkHistory } from '../helpers/dashboard-seed.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// The README's screenshots are refreshed on request (ARGUS_UPDATE_SCREENSHOTS=1); otherwise they go to a temp folder, so a test run leaves the tree clean.
const SHOTS = process.env.ARGUS_UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'argus-shots-'));
const DEPLOYMENTS = 50;
const DAYS = 30;
const KEYS = { reviewer: mintKey(), ingest: mintKey() };
if (!existsSync(CHROMIUM)) console.warn(`${CHROMIUM} is missing (apt-get install chromium): the browser test is skipped`);

const launch = async (): Promise<BrowserContext> => chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'argus-chromium-')), {
  executablePath: CHROMIUM, headless: true, viewport: { width: 1366, height: 850 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/**
 * A real Argus with auth on (a reviewer key for the browser, an ingest key for the seed events),
 * 50 deployments x 30 days of per-minute aggregates and their hourly/daily rollups, one firing
 * alert and one pending review item. The browser logs in, loads the overview, opens long ranges,
 * acknowledges the alert and labels the item; the API confirms both, recorded as the key's name.
 */
describe.skipIf(!existsSync(CHROMIUM))('dashboard in a real browser against argus serve', () => {
  let argus: Awaited<ReturnType<typeof startArgus>>;
  let context: BrowserContext;
  let page: Page;
  let seeded: { alertId: string; reviewId: number };
  const timings: Record<string, number> = {};
  const asReviewer = async (path: string) => (await fetch(`${argus.url}${path}`, { headers: { authorization: `Bearer ${KEYS.reviewer}` } })).json() as Promise<Record<string, unknown>>;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
      const r = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm run build:web failed: ${r.stderr}`);
    }
    argus = await startArgus({
      classifiers: { enabled: false },
      auth: { keys: [{ name: 'rita', role: 'reviewer', sha256: hashKey(KEYS.reviewer) }, { name: 'collector', role: 'ingest', sha256: hashKey(KEYS.ingest) }] },
    }, {
      baselines: async (d) => ({ version: `${d}-v1`, refusalRate: 0.95, byCategory: { S1: 0.95, S2: 0.94, S9: 0.95 }, toxicityP95: 0.05, anomalyFlagRate: 0.0025 }),
    });
    // Deployments exist in Argus because they sent events: one real event each, then the bulk history.
    const events = Array.from({ length: DEPLOYMENTS }, (_, d) => ({ id: `seed-${d}`, deployment: `dep-${String(d).padStart(2, '0')}`, input: 'how do I pick a lock?', output: 'Here is how: ...' }));
    const res = await fetch(`${argus.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.ingest}` }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(200);
    const dbPath = join(argus.dataDir, 'argus.db');
    const t0 = performance.now();
    expect(seedBulkHistory(dbPath, Date.now(), { deployments: DEPLOYMENTS, days: DAYS })).toBe(DEPLOYMENTS * DAYS * 1440);
    console.log(`seeded ${DEPLOYMENTS * DAYS * 1440} minute aggregates and their rollups in ${(performance.now() - t0).toFixed(0)} ms`);
    seeded = seedAlertAndReviewItem(dbPath, Date.now(), 'seed-0');
    context = await launch();
    page = context.pages()[0] ?? await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await argus?.close();
    if (Object.keys(timings).length) writeFileSync(join(tmpdir(), 'argus-dashboard-timings.json'), JSON.stringify(timings, null, 2));
  });

  it('sends a browser without a session to the login page, refuses a wrong key and logs in with a reviewer key', async () => {
    await page.goto(`${argus.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#key', 'argus_not-a-key');
    await page.click('button[type=submit]');
    await expect(page.locator('#login-error').textContent()).resolves.toMatch(/not valid/);
    await page.screenshot({ path: join(SHOTS, 'login.png') });
    await page.fill('#key', KEYS.reviewer);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=overview-row]');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('[data-testid=who]').textContent()).resolves.toBe('rita (reviewer)');
    expect(await page.locator('.open-note').count()).toBe(0);
    const cookie = (await context.cookies()).find((c) => c.name === 'argus_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  }, 60_000);

  it('loads the overview of 50 deployments with 30 days of data and reports the time (target 1 s)', async () => {
    // The first visit (the login) warmed the page cache of SQLite and the browser's asset cache, as a returning user has.
    // Beside the wall time: CPU of this process (which hosts the server) and busy time of the
    // page's main thread (CDP TaskDuration), so a slow run can be told apart from a loaded machine.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const b0 = await busy();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await page.goto(`${argus.url}/`);
    await page.waitForFunction(`document.querySelectorAll('[data-testid=overview-row]').length === ${DEPLOYMENTS}`);
    timings.overviewMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    timings.overviewServerCpuMs = (c.user + c.system) / 1000;
    timings.overviewBrowserMainThreadMs = ((await busy()) - b0) * 1000;
    const a0 = performance.now();
    const api = await asReviewer('/api/v1/overview') as { deployments: unknown[] };
    timings.overviewApiMs = performance.now() - a0;
    expect(api.deployments).toHaveLength(DEPLOYMENTS);
    console.log(`overview: ${DEPLOYMENTS} deployments rendered in ${timings.overviewMs.toFixed(0)} ms (server CPU ${timings.overviewServerCpuMs.toFixed(0)} ms, browser main thread ${timings.overviewBrowserMainThreadMs.toFixed(0)} ms; API alone ${timings.overviewApiMs.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    // Target (issue 7): under 1 s; see docs/dashboard.md for the measurements (749-2,392 ms at
    // load 12-16 on 2 cores, of which about 0.1 s is server CPU). The bound here is looser so that
    // CI on a loaded machine catches regressions (a full-table scan took 5.2 s) without failing on contention.
    expect(timings.overviewMs).toBeLessThan(2500);
    await page.screenshot({ path: join(SHOTS, 'overview.png') });
  }, 60_000);

  it('opens a deployment over 7 days, 30 days and a year from the rollups, with change points and small multiples', async () => {
    await page.click('a[href="#/d/dep-00"]');
    const refusal = page.locator('[data-testid=chart-refusal_rate]');
    const points = async () => Number(await refusal.getAttribute('data-points'));
    const open = async (label: string, resolutionMs: number) => {
      const t0 = performance.now();
      await page.click(`button[role=radio]:has-text("${label}")`);
      await page.waitForFunction(`document.querySelector('[data-testid=chart-refusal_rate]')?.getAttribute('data-resolution-ms') === '${resolutionMs}'`);
      await refusal.locator('canvas').waitFor();
      return performance.now() - t0;
    };
    timings.deployment7dMs = await open('7 days', 3_600_000);
    // 7 days from hourly rollups: 168 one-hour buckets (169 when the range is not hour-aligned).
    expect(await points()).toBeGreaterThanOrEqual(168);
    expect(await points()).toBeLessThanOrEqual(169);
    await expect(refusal.locator('figcaption').textContent()).resolves.toMatch(/change point/);
    await page.locator('[data-testid=category-multiples] canvas').first().waitFor();
    expect(await page.locator('[data-testid=category-multiples] figure').count()).toBe(3);
    await page.screenshot({ path: join(SHOTS, 'deployment.png'), fullPage: true });
    timings.deployment30dMs = await open('30 days', 3_600_000);
    // 30 days at 2-hour buckets, all with data.
    expect(await points()).toBeGreaterThanOrEqual(359);
    expect(await points()).toBeLessThanOrEqual(361);
    timings.deployment1yMs = await open('1 year', 86_400_000);
    // A year from daily rollups: the 30 (or 31) days that have data.
    expect(await points()).toBeGreaterThanOrEqual(30);
    expect(await points()).toBeLessThanOrEqual(31);
    console.log(`deployment view: 7 days ${timings.deployment7dMs.toFixed(0)} ms, 30 days ${timings.deployment30dMs.toFixed(0)} ms, 1 year ${timings.deployment1yMs.toFixed(0)} ms (click to charts drawn)`);
    expect(timings.deployment30dMs).toBeLessThan(5000);
  }, 60_000);

  it('acknowledges an alert in the browser, recorded under the key name', async () => {
    await page.goto(`${argus.url}/#/alerts`);
    const row = page.locator('[data-testid=alert-row]', { hasText: 'dep-00' });
    await row.waitFor();
    await page.screenshot({ path: join(SHOTS, 'alerts.png') });
    await row.locator('button', { hasText: 'Acknowledge' }).click();
    await page.waitForFunction("document.querySelector('[role=status]')?.textContent?.includes('Acknowledged refusal_rate on dep-00')");
    await row.locator('text=acknowledged by rita').waitFor();
    const alert = await asReviewer(`/api/v1/alerts/${seeded.alertId}`);
    expect(alert.acknowledgedBy).toBe('rita');
    expect(typeof alert.acknowledgedMs).toBe('number');
  }, 60_000);

  it('labels a review item with its keyboard shortcut, recorded under the key name', async () => {
    await page.goto(`${argus.url}/#/review`);
    await page.locator('[data-testid=review-item]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'review.png') });
    await page.keyboard.press('h');
    await page.waitForFunction(`document.querySelector('[data-testid=review-status]')?.textContent === 'Item ${seeded.reviewId} labelled harmful.'`);
    const item = await asReviewer(`/api/v1/review/${seeded.reviewId}`);
    expect(item).toMatchObject({ status: 'labeled', label: 'harmful', labeledBy: 'rita' });
    await page.locator('text=Nothing waits for review.').waitFor();
  }, 60_000);
});

describe.skipIf(!existsSync(CHROMIUM))('dashboard of an Argus without auth', () => {
  it('says in its header that access is open', async () => {
    const open = await startArgus({ classifiers: { enabled: false }, gateway: { enabled: false } });
    const context = await launch();
    try {
      const page = context.pages()[0] ?? await context.newPage();
      await page.goto(`${open.url}/`);
      await expect(page.locator('.open-note').textContent()).resolves.toMatch(/auth is not configured/);
      expect(await page.locator('.open-note').getAttribute('title')).toMatch(/open to anyone who can reach 127\.0\.0\.1/);
    } finally {
      await context.close();
      await open.close();
    }
  }, 60_000);
});
