import { useEffect, useState } from 'preact/hooks';
import { AUDIT_TYPES, auditTypeLabel, describeDevice } from '../audit-labels.js';
import { Field, Form, Notice, PageHeading } from '../components/index.js';
import { Link, navigate, type RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import { Pager } from './pager.js';
import { adminApi, AUDIT_LOG_PARAMS, type AuditLogEntryResponse } from './api.js';
import { SelectField } from './fields.js';
import { formatDate } from './user-labels.js';
import { useLoad } from './use-load.js';

type FilterName = Exclude<(typeof AUDIT_LOG_PARAMS)[number], 'cursor'>;
type Filters = Record<FilterName, string>;
const FILTER_NAMES = AUDIT_LOG_PARAMS.filter((name): name is FilterName => name !== 'cursor');

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, query.get(name) ?? ''])) as Filters;
}

function logPath(filters: Partial<Filters>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return `/admin/audit-log${query ? `?${query}` : ''}`;
}

/** The audit log: newest first, filtered by user, type, actor and days; keyset paging. */
export function AuditLogPage({ query }: RouteProps) {
  const applied = filtersOf(query);
  const cursor = query.get('cursor') ?? '';
  const [filters, setFilters] = useState<Filters>(applied);
  const appliedKey = JSON.stringify(applied);
  useEffect(() => setFilters(applied), [appliedKey]);
  const [earlier, setEarlier] = useState<string[]>([]);
  const page = useLoad(() => adminApi.listAuditLog(query), query.toString());
  const set = (name: keyof Filters) => (value: string) => setFilters({ ...filters, [name]: value });
  const entries = page.data?.data ?? [];

  return (
    <section class="admin">
      <AdminNav current="audit-log" />
      <PageHeading>Audit log</PageHeading>
      <Form
        label="Filter the audit log"
        submitLabel="Filter"
        class="admin-filters"
        onSubmit={async () => {
          setEarlier([]);
          navigate(logPath(filters));
        }}
      >
        <div class="filter-grid">
          <Field
            label="User id"
            name="userId"
            type="text"
            value={filters.userId}
            onValue={set('userId')}
          />
          <SelectField
            label="Type"
            name="type"
            value={filters.type}
            onValue={set('type')}
            options={[
              { value: '', label: 'Any type' },
              ...AUDIT_TYPES.map((type) => ({ value: type, label: auditTypeLabel(type) })),
            ]}
          />
          <Field
            label="Actor id"
            name="actorId"
            type="text"
            value={filters.actorId}
            onValue={set('actorId')}
            hint="Who did it: the user, or an admin"
          />
          <Field
            label="From (day)"
            name="from"
            type="date"
            value={filters.from}
            onValue={set('from')}
          />
          <Field
            label="Before (day)"
            name="to"
            type="date"
            value={filters.to}
            onValue={set('to')}
          />
        </div>
      </Form>

      {page.error && <Notice kind="error">{page.error}</Notice>}
      <p class="admin-count" role="status">
        {page.loading
          ? 'Loading records…'
          : `Page ${earlier.length + 1}: ${entries.length} record${entries.length === 1 ? '' : 's'}`}
      </p>
      {entries.length > 0 && <AuditTable entries={entries} busy={page.loading} />}

      <Pager
        cursor={cursor}
        nextCursor={page.data?.nextCursor}
        loading={page.loading}
        earlier={earlier}
        setEarlier={setEarlier}
        pathTo={(to) => logPath(applied, to)}
      />
    </section>
  );
}

function UserLink({ id }: { id: string | null }) {
  if (!id) return <>—</>;
  return <Link href={`/admin/users/${encodeURIComponent(id)}`}>{id}</Link>;
}

function AuditTable(props: { entries: AuditLogEntryResponse[]; busy: boolean }) {
  return (
    <div class="table-wrap" aria-busy={props.busy}>
      <table role="table" class="admin-table audit-table">
        <caption class="visually-hidden">Audit records on this page</caption>
        <thead role="rowgroup">
          <tr role="row">
            {['Time', 'Event', 'User', 'Actor', 'Device', 'Details'].map((heading) => (
              <th role="columnheader" scope="col" key={heading}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {props.entries.map((entry) => (
            <tr role="row" key={entry.id} data-audit-type={entry.type}>
              <th role="rowheader" scope="row" data-label="Time">
                <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>
              </th>
              <td role="cell" data-label="Event">
                {auditTypeLabel(entry.type)}
                <br />
                <code>{entry.type}</code>
              </td>
              <td role="cell" data-label="User">
                <UserLink id={entry.userId} />
              </td>
              <td role="cell" data-label="Actor">
                <UserLink id={entry.actorId} />
              </td>
              <td role="cell" data-label="Device">
                {describeDevice(entry.userAgent, entry.ip)}
              </td>
              <td role="cell" data-label="Details">
                {Object.keys(entry.details).length > 0 ? (
                  <code class="audit-details">{JSON.stringify(entry.details)}</code>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
