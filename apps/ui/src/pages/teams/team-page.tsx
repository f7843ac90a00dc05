import { useEffect, useState } from 'preact/hooks';

import { BudgetBar } from '../../components/budget-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Field, SelectField } from '../../components/field';
import { useAction } from '../../components/use-action';
import { href } from '../../router';
import { canManageTeam, type Viewer } from '../../viewer';
import { Table, type Column } from '../../components/table';
import { usePagedList } from '../../components/use-paged-list';
import {
  addMember,
  removeMember,
  team as loadTeam,
  teamMembersPage,
  type Member,
  type TeamDetail,
} from './team-queries';

/** One team: budget, limits and members; its admins and leads add and remove members. */
export function TeamPage({ viewer, teamId }: { viewer: Viewer; teamId: string }) {
  const [detail, setDetail] = useState<TeamDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'ADMIN' | 'USER'>('USER');
  const [generation, setGeneration] = useState(0);
  const action = useAction();
  useEffect(() => {
    setLoadError(null);
    loadTeam(teamId).then(setDetail, (error: unknown) => {
      setDetail(null);
      setLoadError(error);
    });
  }, [teamId, generation]);
  const manage = canManageTeam(viewer, teamId);
  const members = usePagedList(
    (first: number, after: string | null) => teamMembersPage(teamId, first, after),
    teamId,
  );
  const reload = () => {
    setGeneration((g) => g + 1);
    members.reload();
  };
  const nameOf = (member: Member) => member.user?.email ?? member.userId;
  const columns: Column<Member>[] = [
    { header: 'User', cell: nameOf },
    { header: 'Role', cell: (member) => (member.role === 'ADMIN' ? 'Team admin' : 'Member') },
    ...(manage
      ? [
          {
            header: 'Actions',
            cell: (member: Member) => (
              <button
                type="button"
                class="danger"
                aria-label={`Remove ${nameOf(member)}`}
                onClick={() =>
                  action.confirm(
                    {
                      title: `Remove ${nameOf(member)}?`,
                      message: 'They lose access to this team and its keys.',
                      confirmLabel: 'Remove',
                    },
                    async () => {
                      await removeMember(teamId, member.userId);
                      reload();
                    },
                  )
                }
              >
                Remove
              </button>
            ),
          },
        ]
      : []),
  ];

  if (loadError) {
    return (
      <>
        <h1>Team {teamId}</h1>
        <ErrorBanner error={loadError} />
        <p>
          <a href={href('teams')}>Back to teams</a>
        </p>
      </>
    );
  }
  if (!detail) return <p aria-busy="true">Loading team…</p>;
  return (
    <>
      <header class="page-head">
        <h1>Team {detail.alias ?? detail.id}</h1>
        <a href={`${href('keys')}?team=${encodeURIComponent(detail.id)}`}>Keys of this team</a>
      </header>
      <dl class="facts">
        <dt>Id</dt>
        <dd>
          <code>{detail.id}</code>
        </dd>
        <dt>Budget</dt>
        <dd>
          <BudgetBar spend={detail.budget.spend} maxBudget={detail.budget.maxBudget} />
        </dd>
        <dt>Models</dt>
        <dd>{detail.models.join(', ') || 'all'}</dd>
        <dt>Limits</dt>
        <dd>
          rpm {detail.rpmLimit ?? '—'} · tpm {detail.tpmLimit ?? '—'}
        </dd>
      </dl>
      <ErrorBanner error={action.error} />
      <Table caption="Members" columns={columns} list={members} rowKey={(member) => member.userId} />
      {manage ? (
        <form
          class="panel form-grid"
          aria-label="Add member"
          onSubmit={(event) => {
            event.preventDefault();
            void action.run(async () => {
              await addMember(detail.id, email.trim(), role);
              setEmail('');
              reload();
            });
          }}
        >
          <h2>Add member</h2>
          <Field label="E-mail" name="memberEmail" type="email" value={email} onInput={setEmail} required />
          <SelectField
            label="Role"
            name="memberRole"
            value={role}
            onChange={(value) => setRole(value as 'ADMIN' | 'USER')}
          >
            <option value="USER">Member</option>
            <option value="ADMIN">Team admin</option>
          </SelectField>
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>
              Add member
            </button>
          </div>
        </form>
      ) : null}
      <ConfirmDialog request={action.confirmation} onClose={action.closeConfirmation} />
    </>
  );
}
