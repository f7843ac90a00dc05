import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  GATEWAY_CONFIG,
  parseDeploymentEntry,
  type DeploymentConfig,
  type GatewayConfig,
} from '@switchyard/config';
import { AccessPolicy, AuditRepository, IdentityEvents, type Principal } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

import { ModelRegistry } from './model-registry';
import { isSecretParam, withoutSecrets } from './model-secrets';
import { StoredModelRepository, type StoredModel } from './stored-model.repository';

export interface ModelEntry {
  readonly model_name?: string | undefined;
  readonly litellm_params?: Record<string, unknown> | undefined;
  readonly model_info?: Record<string, unknown> | undefined;
}

/** A deployment as `/model/info` shows it, credentials removed. */
export interface ModelInfoEntry {
  readonly model_name: string;
  readonly litellm_params: Record<string, unknown>;
  readonly model_info: Record<string, unknown>;
}

function configParams(deployment: DeploymentConfig): Record<string, unknown> {
  const p = deployment.params;
  const entries = {
    model: p.model,
    api_base: p.apiBase,
    api_version: p.apiVersion,
    organization: p.organization,
    timeout: p.timeout,
    stream_timeout: p.streamTimeout,
    max_retries: p.maxRetries,
    rpm: p.rpm,
    tpm: p.tpm,
    weight: p.weight,
    ...p.extra,
  };
  return withoutSecrets(Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)));
}

/** The names of the credentials a deployment has (values never leave this file). */
function credentialFieldsOf(deployment: DeploymentConfig): string[] {
  const p = deployment.params;
  const named: Record<string, unknown> = {
    api_key: p.apiKey,
    aws_access_key_id: p.aws?.accessKeyId,
    aws_secret_access_key: p.aws?.secretAccessKey,
    aws_session_token: p.aws?.sessionToken,
    ...p.extra,
  };
  return Object.entries(named)
    .filter(([name, value]) => value !== undefined && value !== null && value !== '' && isSecretParam(name))
    .map(([name]) => name)
    .sort();
}

function infoOf(deployment: DeploymentConfig, dbModel: boolean): ModelInfoEntry {
  const i = deployment.info;
  const info = {
    id: i.id,
    db_model: dbModel,
    mode: i.mode,
    input_cost_per_token: i.inputCostPerToken,
    output_cost_per_token: i.outputCostPerToken,
    max_tokens: i.maxTokens,
    max_input_tokens: i.maxInputTokens,
    base_model: i.baseModel,
    litellm_provider: deployment.params.provider,
    ...i.extra,
  };
  return { model_name: deployment.modelName, litellm_params: configParams(deployment), model_info: info };
}

/** `/model/new`, `/model/update`, `/model/delete`, `/model/info`: deployments stored in the database. */
@Injectable()
export class ModelAdminService {
  constructor(
    private readonly audit: AuditRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly events: IdentityEvents,
    private readonly registry: ModelRegistry,
    private readonly stored: StoredModelRepository,
  ) {}

  info(principal: Principal, id?: string): ModelInfoEntry[] {
    const all = this.registry.catalog.allDeployments();
    const visible = id ? all.filter((d) => d.info.id === id) : all;
    if (id && visible.length === 0)
      throw GatewayError.notFound(`Model not found: litellm_model_id=${id}`, 'litellm_model_id');
    void principal;
    return visible.map((d) => infoOf(d, this.registry.isStored(d.info.id)));
  }

  /** The credential fields a deployment has set (names only, for a masked display). */
  credentialFields(id: string): string[] {
    const deployment = this.registry.catalog.allDeployments().find((d) => d.info.id === id);
    return deployment ? credentialFieldsOf(deployment) : [];
  }

  async create(principal: Principal, entry: ModelEntry): Promise<ModelInfoEntry> {
    this.requireStore(principal, 'add models');
    const id = typeof entry.model_info?.id === 'string' ? entry.model_info.id : randomUUID();
    if (this.registry.catalog.allDeployments().some((d) => d.info.id === id)) {
      throw GatewayError.badRequest(`A model with id ${id} already exists`, 'model_info.id');
    }
    const model = this.validated(id, entry);
    await this.write(principal, model, undefined, 'created');
    return this.info(principal, id)[0] as ModelInfoEntry;
  }

  async update(principal: Principal, id: string, entry: ModelEntry): Promise<ModelInfoEntry> {
    this.requireStore(principal, 'update models');
    const current = await this.stored.find(this.stored.client, id);
    if (!current) throw this.notStored(id);
    const params = { ...this.registry.secrets.open(current.litellmParams), ...(entry.litellm_params ?? {}) };
    const merged: ModelEntry = {
      model_name: entry.model_name ?? current.modelName,
      litellm_params: params,
      model_info: { ...current.modelInfo, ...(entry.model_info ?? {}) },
    };
    await this.write(principal, this.validated(id, merged), current, 'updated');
    return this.info(principal, id)[0] as ModelInfoEntry;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    this.requireStore(principal, 'delete models');
    await this.stored.client.$transaction(async (tx) => {
      const current = await this.stored.find(tx, id);
      if (!current) throw this.notStored(id);
      await this.stored.delete(tx, id);
      await this.audit.write(tx, {
        action: 'deleted',
        entityType: 'model',
        entityId: id,
        changedBy: principal.userId,
        before: { ...current, litellmParams: withoutSecrets(current.litellmParams) },
      });
    });
    await this.changed();
  }

  private validated(id: string, entry: ModelEntry): StoredModel {
    const parsed = parseDeploymentEntry({
      model_name: entry.model_name,
      litellm_params: entry.litellm_params,
      model_info: { ...(entry.model_info ?? {}), id },
    });
    if ('problems' in parsed) {
      const [first] = parsed.problems;
      const field = first?.split(':')[0] ?? 'body';
      throw GatewayError.badRequest(`Invalid model: ${parsed.problems.join('; ')}`, field);
    }
    if (!this.registry.secrets.available) {
      throw GatewayError.badRequest(
        'Set LITELLM_SALT_KEY (or a master key) to store models with credentials',
        'litellm_params',
      );
    }
    const modelInfo = Object.fromEntries(
      Object.entries(entry.model_info ?? {}).filter(([key]) => key !== 'id'),
    );
    return {
      id,
      modelName: parsed.deployment.modelName,
      litellmParams: this.registry.secrets.seal(entry.litellm_params ?? {}),
      modelInfo,
    };
  }

  private async write(
    principal: Principal,
    model: StoredModel,
    before: StoredModel | undefined,
    action: 'created' | 'updated',
  ): Promise<void> {
    const visible = (m: StoredModel) => ({ ...m, litellmParams: withoutSecrets(m.litellmParams) });
    await this.stored.client.$transaction(async (tx) => {
      await this.stored.save(tx, model, principal.userId);
      await this.audit.write(tx, {
        action,
        entityType: 'model',
        entityId: model.id,
        changedBy: principal.userId,
        ...(before ? { before: visible(before) } : {}),
        after: visible(model),
      });
    });
    await this.changed();
  }

  /** This replica sees the change before answering; the others through the event. */
  private async changed(): Promise<void> {
    await this.registry.refresh();
    this.events.publish({ type: 'models' });
  }

  private requireStore(principal: Principal, what: string): void {
    AccessPolicy.requireAdmin(principal, what);
    if (!this.config.storeModelInDb) {
      throw GatewayError.badRequest("Set `STORE_MODEL_IN_DB='True'` in your env to enable this feature.");
    }
  }

  private notStored(id: string): GatewayError {
    const inConfig = this.config.modelList.some((d) => d.info.id === id);
    return inConfig
      ? GatewayError.badRequest(
          `Model ${id} is defined in config.yaml and cannot be changed through the API`,
          'id',
        )
      : GatewayError.notFound(`Model not found: id=${id}`, 'id');
  }
}
