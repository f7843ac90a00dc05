import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ensureChromium,
  openBrowser,
  screenshot,
  SCREENSHOT_DIR,
  type BrowserSession,
} from '../support/browser';
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startTestIdp, type TestIdp } from '../support/oidc-provider';
import { freePort, startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-ui-e2e-master-key-31c4';
const PROVIDER_SECRET = 'sk-provider-ui-secret-5a7b';
const CONFIG = {
  model_list: [
    {
      model_name: 'mock-gpt',
      litellm_params: { model: 'mock/mock-gpt' },
      model_info: { input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
    },
  ],
  general_settings: {
    master_key: MASTER,
    sso: {
      groups_claim: 'groups',
      team_mappings: [
        { group: 'alpha-leads', team: 'team-alpha', role: 'admin' },
        { group: 'beta-leads', team: 'team-beta', role: 'admin' },
      ],
    },
  },
};
// Page-side expressions as strings: this file is compiled without the DOM library.
const HORIZONTAL_OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const chromium = ensureChromium();
if (!chromium.available) console.warn(`UI browser tests skipped: ${chromium.reason}`);
const describeInBrowser = chromium.available ? describe : describe.skip;

/** Chat with the official SDK; the HTTP status the gateway answered. */
async function chatStatus(gateway: GatewayProcess, key: string): Promise<number> {
  const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  return client.chat.completions
    .create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      (completion) => (completion.choices[0]?.message.content ? 200 : 0),
      (error: { status?: number }) => error.status ?? -1,
    );
}

async function logInWithKey(page: Page, gateway: GatewayProcess): Promise<void> {
  await page.goto(`${gateway.url}/ui/`);
  await page.getByLabel('Master key or your API key').fill(MASTER);
  await page.getByLabel('Master key or your API key').press('Enter');
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
}

describeInBrowser('admin UI in Chromium', () => {
  let idp: TestIdp;
  let db: FreshDatabase;
  let gateway: GatewayProcess;
  const browsers: BrowserSession[] = [];
  const open = async (viewport: typeof DESKTOP) => {
    const session = await openBrowser(viewport, gateway.url);
    browsers.push(session);
    return session.page;
  };

  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestIdp([`http://127.0.0.1:${port}/sso/callback`]);
    db = await createFreshDatabase();
    gateway = await startGateway({
      port,
      config: CONFIG,
      env: {
        // No Redis: the worker's spend processors run in-process, so the spend page has data.
        DATABASE_URL: db.url,
        STORE_MODEL_IN_DB: 'True',
        LITELLM_SALT_KEY: 'sk-ui-e2e-salt',
        GENERIC_CLIENT_ID: idp.clientId,
        GENERIC_CLIENT_SECRET: idp.clientSecret,
        GENERIC_ISSUER: idp.issuer,
        GENERIC_SCOPE: 'openid email profile groups',
        PROXY_BASE_URL: `http://127.0.0.1:${port}`,
      },
    });
    // The world the scenarios start from: two teams, and a key of team-beta alice must not see.
    const admin = managementClient(gateway.url, MASTER);
    for (const team of ['team-alpha', 'team-beta']) {
      expect((await admin.post('/team/new', { team_id: team, team_alias: team })).status).toBe(200);
    }
    expect(
      (await admin.post('/key/generate', { team_id: 'team-beta', key_alias: 'beta-secret-key' })).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await gateway?.stop();
    await idp?.close();
    await db?.drop();
    console.log(`UI screenshots: ${SCREENSHOT_DIR}/*.png`);
  });

  it("lets a team lead log in with SSO, create, copy, use and block a key of her team, and nothing of another team's", async () => {
    const page = await open(DESKTOP);
    idp.nextAccount = 'alice';
    await page.goto(`${gateway.url}/ui/`);
    await screenshot(page, 'login');
    await page.getByRole('link', { name: 'Log in with SSO' }).click();
    await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
    await expect(page.getByTestId('viewer').textContent()).resolves.toBe('alice@example.com');
    expect(page.url()).toBe(`${gateway.url}/ui/`);

    await page.getByRole('button', { name: 'Create key' }).click();
    const form = page.getByRole('form', { name: 'New key' });
    await form.getByLabel('Alias', { exact: true }).fill('alice-ui-key');
    await form.getByLabel('Team').selectOption('team-alpha');
    await form.getByLabel('Max budget (USD)').fill('25');
    await form.getByLabel('Budget duration').fill('30d');
    await form.getByLabel('RPM limit').fill('100');
    await form.getByLabel('TPM limit').fill('100000');
    await form.getByLabel('Tags').fill('ui, e2e');
    await screenshot(page, 'key-form');
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByTestId('new-key');
    await shown.waitFor();
    const key = (await shown.textContent()) ?? '';
    expect(key).toMatch(/^sk-/);
    await screenshot(page, 'key-created');
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied', { exact: true }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('new-key').count()).toBe(0);

    // Her list: her team's keys only, never team-beta's; the alias filter finds the new one.
    const table = page.getByRole('table', { name: 'Keys' });
    await table.getByText('alice-ui-key').waitFor();
    expect(await table.getByText('beta-secret-key').count()).toBe(0);
    const filters = page.getByRole('search', { name: 'Filter keys' });
    expect(await filters.getByLabel('Team').locator('option').allTextContents()).toEqual([
      'Any team',
      'team-alpha',
    ]);
    await filters.getByLabel('Alias contains').fill('alice-ui');
    await filters.getByLabel('Alias contains').press('Enter');
    await page.getByText('Page 1 · 1 in all').waitFor();
    const row = table.locator('tbody tr', { hasText: 'alice-ui-key' });
    await expect(row.textContent()).resolves.toContain('ACTIVE');
    await expect(row.textContent()).resolves.toContain('of $25.00');
    await screenshot(page, 'keys-filtered');

    expect(await chatStatus(gateway, key)).toBe(200);

    // Blocked through the confirmation dialog, with the keyboard: focus starts on Cancel.
    await row.getByRole('button', { name: 'Block alice-ui-key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block alice-ui-key?' });
    await dialog.waitFor();
    await screenshot(page, 'block-confirm');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await row.getByText('BLOCKED').waitFor();
    await screenshot(page, 'key-blocked');
    expect(await chatStatus(gateway, key)).toBe(401);

    // Each action asks first; the server's refusal is shown as it is.
    const confirm = async (title: string, label: string) => {
      const asking = page.getByRole('dialog', { name: title });
      await asking.waitFor();
      await asking.getByRole('button', { name: label }).click();
    };
    await row.getByRole('button', { name: 'Unblock alice-ui-key' }).click();
    await confirm('Unblock alice-ui-key?', 'Unblock');
    await row.getByText('ACTIVE').waitFor();
    expect(await chatStatus(gateway, key)).toBe(200);

    await row.getByRole('button', { name: 'Edit alice-ui-key' }).click();
    const edit = page.getByRole('form', { name: 'Edit alice-ui-key' });
    await edit.getByLabel('Budget duration').fill('soon');
    await edit.getByRole('button', { name: 'Save limits' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/budget_duration.*duration/);
    await screenshot(page, 'key-edit-refused');
    await edit.getByLabel('Budget duration').fill('30d');
    await edit.getByLabel('RPM limit').fill('7');
    await edit.getByRole('button', { name: 'Save limits' }).click();
    await row.getByText('rpm 7').waitFor();

    await row.getByRole('button', { name: 'Regenerate alice-ui-key' }).click();
    await confirm('Regenerate alice-ui-key?', 'Regenerate');
    await page.getByTestId('new-key').waitFor();
    const renewed = (await page.getByTestId('new-key').textContent())?.trim() ?? '';
    expect(renewed).toMatch(/^sk-/);
    expect(renewed).not.toBe(key);
    expect(await chatStatus(gateway, key)).toBe(401);
    expect(await chatStatus(gateway, renewed)).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();

    await row.getByRole('button', { name: 'Delete alice-ui-key' }).click();
    await confirm('Delete alice-ui-key?', 'Delete');
    await page.getByText('Page 1 · 0 in all').waitFor();
    expect(await chatStatus(gateway, renewed)).toBe(401);

    // Teams: hers only; team-beta's page shows the server's refusal.
    await page.getByRole('link', { name: 'Teams' }).click();
    const teams = page.getByRole('table', { name: 'Teams' });
    await teams.getByRole('link', { name: 'team-alpha' }).waitFor();
    expect(await teams.getByText('team-beta').count()).toBe(0);
    await screenshot(page, 'teams-lead');
    await page.goto(`${gateway.url}/ui/#/teams/team-beta`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not a member of team team-beta');
    await screenshot(page, 'team-beta-refused');
  }, 120_000);

  it('lets an admin with the master key create a team with a member and a DB model, and read spend', async () => {
    const page = await open(DESKTOP);
    await logInWithKey(page, gateway);
    await page.getByRole('table', { name: 'Keys' }).getByText('beta-secret-key').waitFor();
    await screenshot(page, 'keys-admin');

    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Create team' }).click();
    const teamForm = page.getByRole('form', { name: 'New team' });
    await teamForm.getByLabel('Team alias').fill('Gamma');
    await teamForm.getByLabel('Team id').fill('team-gamma');
    await teamForm.getByLabel('Max budget (USD)').fill('100');
    await teamForm.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Team Gamma' }).waitFor();
    const memberForm = page.getByRole('form', { name: 'Add member' });
    await memberForm.getByLabel('E-mail').fill('dan@example.com');
    await memberForm.getByLabel('Role').selectOption('ADMIN');
    await memberForm.getByRole('button', { name: 'Add member' }).click();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByText('dan@example.com').waitFor();
    await expect(members.textContent()).resolves.toContain('Team admin');
    await screenshot(page, 'team-gamma');

    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('button', { name: 'Add DB deployment' }).click();
    const modelForm = page.getByRole('form', { name: 'New DB deployment' });
    await modelForm.getByLabel('Model name').fill('db-ui-model');
    await modelForm.getByLabel('Provider model').fill('openai/gpt-4o-mini');
    await modelForm.getByLabel('API base').fill('http://127.0.0.1:9/v1');
    await modelForm.getByLabel('API key').fill(PROVIDER_SECRET);
    await modelForm.getByRole('button', { name: 'Add deployment' }).click();
    const models = page.getByRole('table', { name: 'Model deployments' });
    const dbRow = models.locator('tbody tr', { hasText: 'db-ui-model' });
    await dbRow.waitFor();
    await expect(dbRow.textContent()).resolves.toContain('Database');
    await expect(dbRow.textContent()).resolves.toContain('••••••••');
    expect(await page.content()).not.toContain(PROVIDER_SECRET);
    await screenshot(page, 'models');

    for (const [link, heading] of [
      ['Users', 'Users'],
      ['Organisations', 'Organisations'],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.getByRole('table').first().waitFor();
      await screenshot(page, heading.toLowerCase());
    }

    // Alice's request of the first scenario, once the spend events are aggregated.
    await page.getByRole('link', { name: 'Spend' }).click();
    const total = page.getByTestId('total-spend');
    for (let tries = 0; (await total.textContent()) === '$0.00' && tries < 40; tries++) {
      await page.waitForTimeout(250);
      await page.reload();
      await total.waitFor();
    }
    expect(await total.textContent()).not.toBe('$0.00');
    await page.getByRole('table', { name: 'By key' }).getByText('alice-ui-key').waitFor();
    await page.getByRole('img', { name: 'Spend per day over the last 30 days' }).waitFor();
    expect(await page.locator('svg.bar-chart g.bar rect').count()).toBe(30);
    await page.getByRole('table', { name: 'By team' }).waitFor();
    await page.getByRole('heading', { name: 'Budget use' }).waitFor();
    await screenshot(page, 'spend');
  }, 120_000);

  it('keeps the keys page usable at phone width, the menu reachable', async () => {
    const page = await open(PHONE);
    await logInWithKey(page, gateway);
    await page.getByRole('table', { name: 'Keys' }).getByText('beta-secret-key').waitFor();
    const overflow = await page.evaluate(HORIZONTAL_OVERFLOW);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('link', { name: 'Teams' }).isVisible()).toBe(false);
    await screenshot(page, 'keys-phone');
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Teams' }).waitFor();
    await screenshot(page, 'menu-phone');
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBeLessThanOrEqual(0);
  }, 90_000);
});
