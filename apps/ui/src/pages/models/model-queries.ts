import { gql, type Connection } from '../../graphql';

export interface ModelRow {
  id: string;
  modelName: string;
  litellmModel: string;
  provider: string | null;
  apiBase: string | null;
  source: 'CONFIG' | 'DB';
  rpm: number | null;
  tpm: number | null;
  litellmParams: Record<string, unknown>;
  /** The credential fields set (names only). */
  credentialFields: string[];
}

export type HealthStatus = 'HEALTHY' | 'COOLING_DOWN' | 'UNHEALTHY';

export interface Health {
  id: string;
  status: HealthStatus;
  lastErrorClass: string | null;
}

export async function modelsPage(source: string, first: number, after: string | null) {
  const { modelDeployments } = await gql<{ modelDeployments: Connection<ModelRow> }>(
    `query Models($first: Int!, $after: String, $filter: ModelDeploymentFilter) {
      modelDeployments(first: $first, after: $after, filter: $filter) {
        totalCount pageInfo { endCursor hasNextPage }
        edges { cursor node { id modelName litellmModel provider apiBase source rpm tpm litellmParams credentialFields } }
      }
    }`,
    { first, after, filter: source ? { source } : null },
  );
  return modelDeployments;
}

/** Routing state per deployment (admins only): one small list, not paged by the API. */
export async function deploymentHealth(): Promise<Map<string, Health>> {
  const { deploymentHealth } = await gql<{ deploymentHealth: Health[] }>(
    '{ deploymentHealth { id status lastErrorClass } }',
  );
  return new Map(deploymentHealth.map((health) => [health.id, health]));
}

/** A DB deployment as the form edits it; an empty api key on edit keeps the stored one. */
export interface ModelDraft {
  modelName: string;
  model: string;
  apiBase: string;
  apiKey: string;
  rpm: number | null;
  tpm: number | null;
}

function paramsOf(draft: ModelDraft): Record<string, unknown> {
  return {
    model: draft.model,
    ...(draft.apiBase ? { api_base: draft.apiBase } : {}),
    ...(draft.apiKey ? { api_key: draft.apiKey } : {}),
    ...(draft.rpm === null ? {} : { rpm: draft.rpm }),
    ...(draft.tpm === null ? {} : { tpm: draft.tpm }),
  };
}

export async function createModel(draft: ModelDraft): Promise<void> {
  await gql(`mutation CreateModel($input: ModelInput!) { createModel(input: $input) { id } }`, {
    input: { modelName: draft.modelName, litellmParams: paramsOf(draft) },
  });
}

export async function updateModel(id: string, draft: ModelDraft): Promise<void> {
  await gql(
    `mutation UpdateModel($id: ID!, $input: ModelInput!) { updateModel(id: $id, input: $input) { id } }`,
    {
      id,
      input: { modelName: draft.modelName, litellmParams: paramsOf(draft) },
    },
  );
}

export async function deleteModel(id: string): Promise<void> {
  await gql(`mutation DeleteModel($id: ID!) { deleteModel(id: $id) }`, { id });
}
