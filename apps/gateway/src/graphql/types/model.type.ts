import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ModelInfoEntry } from '@switchyard/models';

import { Connection } from '../connection';
import { JsonObject } from '../json.scalar';

export enum ModelSource {
  CONFIG = 'config',
  DB = 'db',
}
registerEnumType(ModelSource, {
  name: 'ModelSource',
  description: 'Where a deployment is defined: config.yaml, or the database (STORE_MODEL_IN_DB).',
});

/** A deployment of a model group, as `/model/info` shows it: every credential removed. */
@ObjectType()
export class ModelDeployment {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The model group clients ask for.' })
  modelName!: string;

  @Field(() => String, { nullable: true })
  provider!: string | null;

  @Field({ description: 'litellm_params.model, e.g. openai/gpt-4o.' })
  litellmModel!: string;

  @Field(() => String, { nullable: true })
  apiBase!: string | null;

  @Field(() => String, { nullable: true })
  mode!: string | null;

  @Field(() => Float, { nullable: true })
  inputCostPerToken!: number | null;

  @Field(() => Float, { nullable: true })
  outputCostPerToken!: number | null;

  @Field(() => Int, { nullable: true })
  maxTokens!: number | null;

  @Field(() => Int, { nullable: true })
  maxInputTokens!: number | null;

  @Field(() => Int, { nullable: true })
  rpm!: number | null;

  @Field(() => Int, { nullable: true })
  tpm!: number | null;

  @Field(() => ModelSource)
  source!: ModelSource;

  @Field(() => JsonObject, { description: 'litellm_params without credentials (api keys, secrets, tokens).' })
  litellmParams!: Record<string, unknown>;

  @Field(() => JsonObject)
  modelInfo!: Record<string, unknown>;
}

@ObjectType()
export class ModelDeploymentConnection extends Connection(ModelDeployment, 'ModelDeployment') {}

@InputType()
export class ModelDeploymentFilter {
  @Field({ nullable: true })
  modelName?: string;

  @Field({ nullable: true })
  provider?: string;

  @Field(() => ModelSource, { nullable: true })
  source?: ModelSource;
}

/** A deployment as `/model/new` and `/model/update` take it (params in LiteLLM's snake_case names). */
@InputType()
export class ModelInput {
  @Field({ nullable: true })
  modelName?: string;

  @Field(() => JsonObject, { nullable: true, description: 'e.g. { model: "openai/gpt-4o", api_key: "..." }' })
  litellmParams?: Record<string, unknown>;

  @Field(() => JsonObject, { nullable: true })
  modelInfo?: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const integer = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

export function modelDeploymentOf(entry: ModelInfoEntry): ModelDeployment {
  const params = entry.litellm_params;
  const info = entry.model_info;
  return {
    id: String(info['id']),
    modelName: entry.model_name,
    provider: text(info['litellm_provider']),
    litellmModel: text(params['model']) ?? '',
    apiBase: text(params['api_base']),
    mode: text(info['mode']),
    inputCostPerToken: number(info['input_cost_per_token']),
    outputCostPerToken: number(info['output_cost_per_token']),
    maxTokens: integer(info['max_tokens']),
    maxInputTokens: integer(info['max_input_tokens']),
    rpm: integer(params['rpm']),
    tpm: integer(params['tpm']),
    source: info['db_model'] === true ? ModelSource.DB : ModelSource.CONFIG,
    litellmParams: params,
    modelInfo: info,
  };
}
