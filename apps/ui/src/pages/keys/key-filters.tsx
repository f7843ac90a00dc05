import { useState } from 'preact/hooks';

import { Field, SelectField } from '../../components/field';
import type { KeyFilter, KeyStatus, TeamChoice } from './key-queries';

/** Team, user, alias and status: applied on submit, so typing does not query the server. */
export function KeyFilters({
  initial,
  teams,
  onApply,
}: {
  initial: KeyFilter;
  teams: readonly TeamChoice[];
  onApply: (filter: KeyFilter) => void;
}) {
  const [teamId, setTeamId] = useState(initial.teamId ?? '');
  const [userId, setUserId] = useState(initial.userId ?? '');
  const [alias, setAlias] = useState(initial.aliasContains ?? '');
  const [status, setStatus] = useState<string>(initial.status ?? '');
  const submit = (event: Event) => {
    event.preventDefault();
    onApply({
      ...(teamId ? { teamId } : {}),
      ...(userId.trim() ? { userId: userId.trim() } : {}),
      ...(alias.trim() ? { aliasContains: alias.trim() } : {}),
      ...(status ? { status: status as KeyStatus } : {}),
    });
  };
  return (
    <form class="filters" role="search" aria-label="Filter keys" onSubmit={submit}>
      <SelectField label="Team" name="filter-team" value={teamId} onChange={setTeamId}>
        <option value="">Any team</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.alias ?? team.id}
          </option>
        ))}
      </SelectField>
      <Field label="User id" name="filter-user" value={userId} onInput={setUserId} />
      <Field label="Alias contains" name="filter-alias" value={alias} onInput={setAlias} />
      <SelectField label="Status" name="filter-status" value={status} onChange={setStatus}>
        <option value="">Any status</option>
        <option value="ACTIVE">Active</option>
        <option value="BLOCKED">Blocked</option>
        <option value="EXPIRED">Expired</option>
      </SelectField>
      <button type="submit">Filter</button>
    </form>
  );
}
