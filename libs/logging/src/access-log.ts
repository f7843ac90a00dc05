import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentAttempt, RequestSummary } from '@switchyard/kernel';
import type { Logger as Pino } from 'pino';

import { APP_LOGGING, type AppLogging } from './app-logging';
import { NestStyleLines } from './nest-style-lines';
import type { SecretScrubber } from './secret-scrubber';
import { StdoutBatch } from './stdout-batch';

export const ACCESS_LOG_CONTEXT = 'AccessLog';
/** Context of the debug lines of single deployment calls (a request's retries and fallbacks). */
export const DEPLOYMENT_CALL_CONTEXT = 'DeploymentCall';

const LEVEL_RANK = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}

function msOrNull(value: number | null): number | null {
  return value === null ? null : ms(value);
}

/** The fields of one access-log line: identities by alias and id, never a key (nor its hash). */
export function accessLogFields(summary: RequestSummary) {
  return {
    request_id: summary.requestId,
    call_type: summary.callType,
    model: summary.requestedModel,
    model_group: summary.modelGroup,
    deployment: summary.deploymentId,
    litellm_model: summary.litellmModel,
    provider: summary.provider,
    api_base: summary.apiBase,
    status: summary.status,
    success: summary.success,
    stream: summary.stream,
    latency_ms: ms(summary.latencyMs),
    llm_latency_ms: msOrNull(summary.llmLatencyMs),
    ttft_ms: msOrNull(summary.timeToFirstTokenMs),
    prompt_tokens: summary.promptTokens,
    completion_tokens: summary.completionTokens,
    total_tokens: summary.promptTokens + summary.completionTokens,
    cost: summary.cost,
    cache_hit: summary.cacheHit,
    key_alias: summary.keyAlias,
    user: summary.userId,
    team: summary.teamId,
    team_alias: summary.teamAlias,
    end_user: summary.endUser,
    retries: summary.retries,
    fallbacks: summary.fallbacks,
    error_class: summary.exceptionClass,
    error: summary.errorMessage,
  };
}

/** `chat gpt-4o 200 12.3ms`: the line's message. */
export function accessLogMessage(summary: RequestSummary): string {
  return `${summary.callType} ${summary.requestedModel} ${summary.status} ${ms(summary.latencyMs)}ms`;
}

function text(value: string | number | boolean | null): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return String(value);
}

/** The human-readable line: the message, then `name=value` pairs (`-` for none). */
export function accessLogText(summary: RequestSummary): string {
  const fields = accessLogFields(summary);
  let line = accessLogMessage(summary);
  for (const [name, value] of Object.entries(fields)) line += ` ${name}=${text(value)}`;
  return line;
}

/**
 * @hotpath One line per finished proxied request, at info: a pino call with one object in JSON mode,
 * a line in Nest's console format otherwise (scrubbed, written to stdout once per event-loop turn). Deployment calls
 * (retries, fallbacks) get a line each at debug.
 */
@Injectable()
export class AccessLog {
  private readonly pino: Pino | undefined;
  private readonly callPino: Pino | undefined;
  private readonly lines = new NestStyleLines();
  private stdout: StdoutBatch | undefined;
  private readonly scrubber: SecretScrubber;
  private readonly infoEnabled: boolean;
  private readonly debugEnabled: boolean;

  constructor(@Inject(APP_LOGGING) logging: AppLogging) {
    this.pino = logging.pino?.child({ context: ACCESS_LOG_CONTEXT });
    this.callPino = logging.pino?.child({ context: DEPLOYMENT_CALL_CONTEXT });
    this.scrubber = logging.scrubber;
    this.infoEnabled = LEVEL_RANK[logging.level] <= LEVEL_RANK.info;
    this.debugEnabled = LEVEL_RANK[logging.level] <= LEVEL_RANK.debug;
  }

  request(summary: RequestSummary): void {
    if (!this.infoEnabled) return;
    if (this.pino) this.pino.info(accessLogFields(summary), accessLogMessage(summary));
    else this.print('log', ACCESS_LOG_CONTEXT, accessLogText(summary));
  }

  attempt(requestId: string, attempt: DeploymentAttempt): void {
    if (!this.debugEnabled) return;
    const message = `deployment ${attempt.deploymentId} (${attempt.litellmModel}) ${attempt.status} ${ms(attempt.latencyMs)}ms`;
    if (this.callPino) {
      this.callPino.debug(
        {
          request_id: requestId,
          model_group: attempt.modelGroup,
          deployment: attempt.deploymentId,
          litellm_model: attempt.litellmModel,
          provider: attempt.provider,
          api_base: attempt.apiBase,
          status: attempt.status,
          success: attempt.success,
          latency_ms: ms(attempt.latencyMs),
          error_class: attempt.exceptionClass,
        },
        message,
      );
    } else {
      const error = attempt.exceptionClass ? ` error_class=${attempt.exceptionClass}` : '';
      this.print('debug', DEPLOYMENT_CALL_CONTEXT, `${message} request_id=${requestId}${error}`);
    }
  }

  private print(level: 'log' | 'debug', context: string, message: string): void {
    (this.stdout ??= new StdoutBatch()).write(this.lines.line(level, context, this.scrubber.scrub(message)));
  }
}
