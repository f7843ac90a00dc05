import { Pool } from 'undici';
import { CHAT_BODY, CHAT_PATH, JSON_HEADERS, STREAM_BODY } from './request-bodies';
import { summarize, type LatencySummary } from './stats';

export interface ProbeResult extends LatencySummary {
  errors: number;
}

const elapsedMs = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

/**
 * One keep-alive connection to one target, one request at a time; hrtime gives the sub-millisecond
 * resolution autocannon lacks.
 */
export class SequentialProbe {
  private readonly pool: Pool;
  private readonly latency: number[] = [];
  private readonly ttft: number[] = [];
  private latencyErrors = 0;
  private ttftErrors = 0;
  /** Every request, warm-up included: 200 answers and the rest. */
  private answeredOk = 0;
  private answeredNotOk = 0;

  constructor(readonly origin: string) {
    this.pool = new Pool(origin, { connections: 1, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  /** Request → last body byte of a non-streamed chat completion. */
  async plain(record = true): Promise<void> {
    const started = process.hrtime.bigint();
    const { statusCode, body } = await this.pool.request({
      method: 'POST',
      path: CHAT_PATH,
      headers: JSON_HEADERS,
      body: CHAT_BODY,
    });
    await body.arrayBuffer();
    const took = elapsedMs(started);
    this.count(statusCode);
    if (!record) return;
    if (statusCode === 200) this.latency.push(took);
    else this.latencyErrors += 1;
  }

  /** Request → first body chunk carrying `data:` of a streamed one (read to its end, so the connection is reused). */
  async stream(record = true): Promise<void> {
    const started = process.hrtime.bigint();
    const { statusCode, body } = await this.pool.request({
      method: 'POST',
      path: CHAT_PATH,
      headers: JSON_HEADERS,
      body: STREAM_BODY,
    });
    let firstToken: number | undefined;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (firstToken === undefined && chunk.includes('data:')) firstToken = elapsedMs(started);
    }
    this.count(statusCode);
    if (!record) return;
    if (statusCode === 200 && firstToken !== undefined) this.ttft.push(firstToken);
    else this.ttftErrors += 1;
  }

  /** Answers of every request sent so far, warm-up included. */
  answered(): { ok: number; notOk: number } {
    return { ok: this.answeredOk, notOk: this.answeredNotOk };
  }

  private count(statusCode: number): void {
    if (statusCode >= 200 && statusCode < 300) this.answeredOk += 1;
    else this.answeredNotOk += 1;
  }

  latencyResult(): ProbeResult {
    return { ...summarize(this.latency), errors: this.latencyErrors };
  }

  ttftResult(): ProbeResult {
    return { ...summarize(this.ttft), errors: this.ttftErrors };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Measures all targets in rounds, round-robin, so that drift on a shared 2-core machine (JIT, other
 * processes, frequency) lands on every target alike and the differences between them stay meaningful.
 */
export async function probeInterleaved(
  probes: readonly SequentialProbe[],
  plainCount: number,
  streamCount: number,
  rounds = 10,
): Promise<void> {
  for (const probe of probes) {
    // The first thousands of requests run colder code on both sides of every hop.
    for (let i = 0; i < plainCount / 2; i += 1) await probe.plain(false);
    for (let i = 0; i < streamCount / 2; i += 1) await probe.stream(false);
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const probe of probes) {
      // Re-warm after the target sat idle while the others were measured.
      for (let i = 0; i < 10; i += 1) await probe.plain(false);
      for (let i = 0; i < plainCount / rounds; i += 1) await probe.plain();
      for (let i = 0; i < streamCount / rounds; i += 1) await probe.stream();
    }
  }
}

/** Fails fast, with the answer, when a target does not serve the bench request properly (2 requests). */
export async function assertServesBench(name: string, origin: string): Promise<void> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    for (const [kind, payload] of [
      ['plain', CHAT_BODY],
      ['stream', STREAM_BODY],
    ] as const) {
      const { statusCode, body } = await pool.request({
        method: 'POST',
        path: CHAT_PATH,
        headers: JSON_HEADERS,
        body: payload,
      });
      const text = await body.text();
      const complete = kind === 'plain' ? text.includes('"chat.completion"') : text.includes('data: [DONE]');
      if (statusCode !== 200 || !complete) {
        throw new Error(
          `${name} does not serve the ${kind} bench request (HTTP ${statusCode}): ${text.slice(0, 500)}`,
        );
      }
    }
  } finally {
    await pool.close();
  }
}
