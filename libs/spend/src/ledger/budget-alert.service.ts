import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { isUniqueViolation, PrismaService } from '@switchyard/db';
import { request } from 'undici';

/** The entities a batch of spend touched. */
export interface Touched {
  readonly keys: readonly string[];
  readonly users: readonly string[];
  readonly teams: readonly string[];
}

type AlertKind = 'soft_budget_crossed' | 'budget_crossed';

/** One alert's delivery, as the worker's metrics count it. */
export interface BudgetAlertOutcome {
  readonly kind: AlertKind;
  readonly entityType: 'key' | 'user' | 'team';
  readonly delivered: boolean;
}

interface Crossing {
  readonly kind: AlertKind;
  readonly group: 'key' | 'user' | 'team';
  readonly id: string;
  readonly period: string;
  readonly spend: number;
  readonly maxBudget: number | null;
  readonly softBudget: number | null;
  readonly fields: Record<string, string | null>;
}

const SEND_TIMEOUT_MS = 5_000;

function crossings(
  group: Crossing['group'],
  id: string,
  row: { spend: number; maxBudget: number | null; softBudget?: number | null; budgetResetAt: Date | null },
  fields: Record<string, string | null>,
): Crossing[] {
  const period = row.budgetResetAt?.toISOString() ?? 'none';
  const base = {
    group,
    id,
    period,
    spend: row.spend,
    maxBudget: row.maxBudget,
    softBudget: row.softBudget ?? null,
    fields,
  };
  const out: Crossing[] = [];
  if (row.softBudget !== null && row.softBudget !== undefined && row.spend >= row.softBudget)
    out.push({ ...base, kind: 'soft_budget_crossed' });
  // Budgets are admitted up to equality, so "exhausted" allows for float rounding of the sum.
  if (row.maxBudget !== null && row.spend >= row.maxBudget * (1 - 1e-9))
    out.push({ ...base, kind: 'budget_crossed' });
  return out;
}

/**
 * Budget alerts from the ledger: when a key, user or team crosses its soft budget or exhausts its
 * budget, one alert per crossing and budget period goes to the configured webhooks (Slack-style
 * `{text}` to SLACK_WEBHOOK_URL, LiteLLM's webhook event to WEBHOOK_URL). The alert row is written
 * before sending, so a crossing is never alerted twice; a failed send removes it to retry later.
 */
@Injectable()
export class BudgetAlertService {
  private readonly logger = new Logger('BudgetAlerts');
  private readonly listeners: Array<(outcome: BudgetAlertOutcome) => void> = [];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly prisma: PrismaService,
  ) {}

  get enabled(): boolean {
    return (
      this.config.alerting.slackWebhookUrl !== undefined || this.config.alerting.webhookUrl !== undefined
    );
  }

  /** Told of every alert sent or not delivered (for metrics). */
  onAlert(listener: (outcome: BudgetAlertOutcome) => void): void {
    this.listeners.push(listener);
  }

  async check(touched: Touched): Promise<void> {
    if (!this.enabled) return;
    const found: Crossing[] = [];
    const budgeted = { OR: [{ maxBudget: { not: null } }, { softBudget: { not: null } }] };
    if (touched.keys.length) {
      const keys = await this.prisma.key.findMany({
        where: { hash: { in: [...touched.keys] }, ...budgeted },
      });
      for (const k of keys)
        found.push(
          ...crossings('key', k.id, k, {
            token: k.hash,
            key_alias: k.keyAlias,
            user_id: k.userId,
            team_id: k.teamId,
          }),
        );
    }
    if (touched.users.length) {
      const users = await this.prisma.user.findMany({
        where: { id: { in: [...touched.users] }, maxBudget: { not: null } },
      });
      for (const u of users)
        found.push(...crossings('user', u.id, u, { user_id: u.id, user_email: u.email }));
    }
    if (touched.teams.length) {
      const teams = await this.prisma.team.findMany({
        where: { id: { in: [...touched.teams] }, maxBudget: { not: null } },
      });
      for (const t of teams)
        found.push(...crossings('team', t.id, t, { team_id: t.id, team_alias: t.alias }));
    }
    for (const crossing of found) await this.alertOnce(crossing);
  }

  private async alertOnce(crossing: Crossing): Promise<void> {
    const id = {
      entityType: crossing.group,
      entityId: crossing.id,
      kind: crossing.kind,
      period: crossing.period,
    };
    try {
      await this.prisma.budgetAlert.create({ data: id });
    } catch (error) {
      if (isUniqueViolation(error)) return;
      throw error;
    }
    let delivered = true;
    try {
      await this.send(crossing);
    } catch (error) {
      delivered = false;
      this.logger.warn(
        `alert ${crossing.kind} for ${crossing.group} ${crossing.id} not delivered, will retry: ${(error as Error).message}`,
      );
      await this.prisma.budgetAlert
        .delete({ where: { entityType_entityId_kind_period: id } })
        .catch(() => undefined);
    }
    for (const listener of this.listeners)
      listener({ kind: crossing.kind, entityType: crossing.group, delivered });
  }

  private async send(crossing: Crossing): Promise<void> {
    const what = crossing.kind === 'budget_crossed' ? 'Budget Crossed' : 'Soft Budget Crossed';
    const limit = crossing.kind === 'budget_crossed' ? crossing.maxBudget : crossing.softBudget;
    const message = `${what}: ${crossing.group} ${crossing.fields.key_alias ?? crossing.fields.team_alias ?? crossing.id} has spent ${crossing.spend.toFixed(6)} of ${limit}`;
    const { slackWebhookUrl, webhookUrl } = this.config.alerting;
    if (slackWebhookUrl) await post(slackWebhookUrl, { text: message });
    if (webhookUrl) {
      await post(webhookUrl, {
        spend: crossing.spend,
        max_budget: crossing.maxBudget,
        soft_budget: crossing.softBudget,
        ...crossing.fields,
        event: crossing.kind,
        event_group: crossing.group,
        event_message: message,
      });
    }
  }
}

async function post(url: string, body: object): Promise<void> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    headersTimeout: SEND_TIMEOUT_MS,
    bodyTimeout: SEND_TIMEOUT_MS,
  });
  await res.body.text();
  if (res.statusCode >= 300) throw new Error(`webhook answered ${res.statusCode}`);
}
