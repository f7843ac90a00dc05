import { useEffect, useState } from 'preact/hooks';

import { BudgetBar } from '../../components/budget-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Field, SelectField } from '../../components/field';
import { useAction } from '../../components/use-action';
import { href } from '../../router';
import { canManageTeam, type Viewer } from '../../viewer';
import { addMember, removeMember, team as loadTeam, type TeamDetail } from './team-queries';

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
  const reload = () => setGeneration((g) => g + 1);

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
      <div class="table-scroll">
        <table>
          <caption>Members</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              {manage ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {detail.members.map((member) => (
              <tr key={member.userId}>
                <td data-label="User">{member.user?.email ?? member.userId}</td>
                <td data-label="Role">{member.role === 'ADMIN' ? 'Team admin' : 'Member'}</td>
                {manage ? (
                  <td data-label="Actions">
                    <button
                      type="button"
                      class="danger"
                      aria-label={`Remove ${member.user?.email ?? member.userId}`}
                      onClick={() =>
                        action.confirm(
                          {
                            title: `Remove ${member.user?.email ?? member.userId}?`,
                            message: 'They lose access to this team and its keys.',
                            confirmLabel: 'Remove',
                          },
                          async () => {
                            await removeMember(detail.id, member.userId);
                            reload();
                          },
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
