import { useState } from 'preact/hooks';

import { BudgetBar } from '../components/budget-bar';
import { ErrorBanner } from '../components/error-banner';
import { Field, SelectField } from '../components/field';
import { Table, type Column } from '../components/table';
import { useAction } from '../components/use-action';
import { usePagedList } from '../components/use-paged-list';
import { gql, type Connection } from '../graphql';
import { isAdmin, type UserRole, type Viewer } from '../viewer';

interface UserRow {
  id: string;
  email: string | null;
  role: UserRole;
  budget: { spend: number; maxBudget: number | null };
  memberships: { teamId: string; role: 'ADMIN' | 'USER' }[];
}

const ROLES: readonly UserRole[] = [
  'INTERNAL_USER',
  'INTERNAL_USER_VIEWER',
  'PROXY_ADMIN',
  'PROXY_ADMIN_VIEWER',
];

async function usersPage(emailContains: string, first: number, after: string | null) {
  const { users } = await gql<{ users: Connection<UserRow> }>(
    `query Users($first: Int!, $after: String, $filter: UserFilter) {
      users(first: $first, after: $after, filter: $filter) {
        totalCount pageInfo { endCursor hasNextPage }
        edges { cursor node { id email role budget { spend maxBudget } memberships { teamId role } } }
      }
    }`,
    { first, after, filter: emailContains ? { emailContains } : null },
  );
  return users;
}

async function createUser(userEmail: string, userRole: UserRole): Promise<void> {
  await gql(`mutation CreateUser($input: UserInput!) { createUser(input: $input) { user { id } } }`, {
    input: { userEmail, userRole },
  });
}

/** Users (admins see everyone, others themselves); admins add users by e-mail and role. */
export function UsersPage({ viewer }: { viewer: Viewer }) {
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('INTERNAL_USER');
  const action = useAction();
  const list = usePagedList((first, after) => usersPage(applied, first, after), applied);
  const columns: Column<UserRow>[] = [
    { header: 'E-mail', cell: (u) => u.email ?? '—' },
    { header: 'Id', cell: (u) => <code>{u.id}</code> },
    { header: 'Role', cell: (u) => u.role },
    {
      header: 'Teams',
      cell: (u) =>
        u.memberships.map((m) => `${m.teamId}${m.role === 'ADMIN' ? ' (admin)' : ''}`).join(', ') || '—',
    },
    { header: 'Budget', cell: (u) => <BudgetBar spend={u.budget.spend} maxBudget={u.budget.maxBudget} /> },
  ];
  return (
    <>
      <h1>Users</h1>
      <ErrorBanner error={action.error} />
      {isAdmin(viewer) ? (
        <form
          class="panel form-grid"
          aria-label="New user"
          onSubmit={(event) => {
            event.preventDefault();
            void action.run(async () => {
              await createUser(email.trim(), role);
              setEmail('');
              list.reload();
            });
          }}
        >
          <h2>New user</h2>
          <Field label="E-mail" name="userEmail" type="email" value={email} onInput={setEmail} required />
          <SelectField
            label="Role"
            name="userRole"
            value={role}
            onChange={(value) => setRole(value as UserRole)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>
              Add user
            </button>
          </div>
        </form>
      ) : null}
      <form
        class="filters"
        role="search"
        aria-label="Filter users"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(search.trim());
        }}
      >
        <Field label="E-mail contains" name="user-search" value={search} onInput={setSearch} />
        <button type="submit">Filter</button>
      </form>
      <Table caption="Users" columns={columns} list={list} rowKey={(u) => u.id} />
    </>
  );
}
