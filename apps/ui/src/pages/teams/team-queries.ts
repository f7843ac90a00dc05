import { gql, type Connection } from '../../graphql';

export interface TeamRow {
  id: string;
  alias: string | null;
  blocked: boolean;
  models: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  organizationId: string | null;
  budget: { spend: number; maxBudget: number | null; budgetDuration: string | null };
}

export interface Member {
  userId: string;
  role: 'ADMIN' | 'USER';
  user: { email: string | null } | null;
}

export type TeamDetail = TeamRow;

const TEAM_FIELDS =
  'id alias blocked models rpmLimit tpmLimit organizationId budget { spend maxBudget budgetDuration }';

export async function teamsPage(aliasContains: string, first: number, after: string | null) {
  const { teams } = await gql<{ teams: Connection<TeamRow> }>(
    `query Teams($first: Int!, $after: String, $filter: TeamFilter) {
      teams(first: $first, after: $after, filter: $filter) {
        totalCount pageInfo { endCursor hasNextPage } edges { cursor node { ${TEAM_FIELDS} } }
      }
    }`,
    { first, after, filter: aliasContains ? { aliasContains } : null },
  );
  return teams;
}

export async function team(id: string): Promise<TeamDetail> {
  const answer = await gql<{ team: TeamDetail }>(
    `query Team($id: ID!) { team(id: $id) { ${TEAM_FIELDS} } }`,
    {
      id,
    },
  );
  return answer.team;
}

/** One page of a team's members, oldest first. */
export async function teamMembersPage(teamId: string, first: number, after: string | null) {
  const { teamMembers } = await gql<{ teamMembers: Connection<Member> }>(
    `query TeamMembers($teamId: ID!, $first: Int!, $after: String) {
      teamMembers(teamId: $teamId, first: $first, after: $after) {
        totalCount pageInfo { endCursor hasNextPage } edges { cursor node { userId role user { email } } }
      }
    }`,
    { teamId, first, after },
  );
  return teamMembers;
}

export interface NewTeam {
  id: string | null;
  teamAlias: string;
  maxBudget: number | null;
  budgetDuration: string | null;
  models: string[];
}

export async function createTeam({ id, ...input }: NewTeam): Promise<string> {
  const answer = await gql<{ createTeam: { id: string } }>(
    `mutation CreateTeam($id: ID, $input: TeamInput!) { createTeam(id: $id, input: $input) { id } }`,
    { id, input },
  );
  return answer.createTeam.id;
}

export async function addMember(teamId: string, userEmail: string, role: 'ADMIN' | 'USER'): Promise<void> {
  await gql(
    `mutation AddMember($teamId: ID!, $members: [MemberInput!]!) { addTeamMembers(teamId: $teamId, members: $members) { id } }`,
    { teamId, members: [{ userEmail, role }] },
  );
}

export async function removeMember(teamId: string, userId: string): Promise<void> {
  await gql(
    `mutation RemoveMember($teamId: ID!, $userId: ID!) { removeTeamMember(teamId: $teamId, userId: $userId) { id } }`,
    { teamId, userId },
  );
}

export async function deleteTeam(id: string): Promise<void> {
  await gql(`mutation DeleteTeams($ids: [ID!]!) { deleteTeams(ids: $ids) }`, { ids: [id] });
}
