import { gql, type Connection } from '../../graphql';

export type KeyStatus = 'ACTIVE' | 'BLOCKED' | 'EXPIRED';

export interface KeyRow {
  id: string;
  keyAlias: string | null;
  keyName: string;
  status: KeyStatus;
  blocked: boolean;
  teamId: string | null;
  userId: string | null;
  models: string[];
  tags: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  expiresAt: string | null;
  createdAt: string;
  budget: { spend: number; maxBudget: number | null; budgetDuration: string | null };
}

export interface KeyFilter {
  teamId?: string;
  userId?: string;
  aliasContains?: string;
  status?: KeyStatus;
}

/** What the create and edit forms send (KeyInput); absent fields stay as they are on edit. */
export interface KeyInput {
  keyAlias?: string | null;
  teamId?: string | null;
  models?: string[];
  maxBudget?: number | null;
  budgetDuration?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  duration?: string | null;
  tags?: string[];
}

const KEY_FIELDS = `id keyAlias keyName status blocked teamId userId models tags rpmLimit tpmLimit expiresAt createdAt
  budget { spend maxBudget budgetDuration }`;

export async function keysPage(filter: KeyFilter, first: number, after: string | null) {
  const { keys } = await gql<{ keys: Connection<KeyRow> }>(
    `query Keys($first: Int!, $after: String, $filter: KeyFilter) {
      keys(first: $first, after: $after, filter: $filter) {
        totalCount pageInfo { endCursor hasNextPage } edges { cursor node { ${KEY_FIELDS} } }
      }
    }`,
    { first, after, filter },
  );
  return keys;
}

export interface GeneratedKey {
  key: string;
  record: KeyRow;
}

export async function generateKey(input: KeyInput): Promise<GeneratedKey> {
  const answer = await gql<{ generateKey: GeneratedKey }>(
    `mutation GenerateKey($input: KeyInput!) { generateKey(input: $input) { key record { ${KEY_FIELDS} } } }`,
    { input },
  );
  return answer.generateKey;
}

export async function regenerateKey(id: string): Promise<GeneratedKey> {
  const answer = await gql<{ regenerateKey: GeneratedKey }>(
    `mutation RegenerateKey($id: ID!) { regenerateKey(id: $id) { key record { ${KEY_FIELDS} } } }`,
    { id },
  );
  return answer.regenerateKey;
}

export async function updateKey(id: string, input: KeyInput): Promise<void> {
  await gql(`mutation UpdateKey($id: ID!, $input: KeyInput!) { updateKey(id: $id, input: $input) { id } }`, {
    id,
    input,
  });
}

export async function setKeyBlocked(id: string, blocked: boolean): Promise<void> {
  const mutation = blocked ? 'blockKey' : 'unblockKey';
  await gql(`mutation SetBlocked($id: ID!) { ${mutation}(id: $id) { id status } }`, { id });
}

export async function deleteKey(id: string): Promise<void> {
  await gql(`mutation DeleteKeys($ids: [ID!]!) { deleteKeys(ids: $ids) }`, { ids: [id] });
}

export interface TeamChoice {
  id: string;
  alias: string | null;
}

/** The teams a key may be made for: the first page the caller may read, for the team picker. */
export async function teamChoices(): Promise<TeamChoice[]> {
  const { teams } = await gql<{ teams: Connection<TeamChoice> }>(
    `{ teams(first: 100) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id alias } } } }`,
  );
  return teams.edges.map((edge) => edge.node);
}
