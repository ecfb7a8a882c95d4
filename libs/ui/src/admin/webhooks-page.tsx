import { useState } from 'preact/hooks';
import {
  ActionButton,
  Button,
  ConfirmButton,
  Field,
  Form,
  Notice,
  PageHeading,
} from '../components/index.js';
import type { RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import { formatDate } from './user-labels.js';
import { useLoad } from './use-load.js';
import { webhooksApi, type WebhookEndpoint } from './webhooks-api.js';
import { WebhookDeliveries } from './webhook-deliveries.js';

/** A secret shown once, right after it was made (creation or rotation). */
interface ShownSecret {
  endpointId: string;
  secret: string;
}

/**
 * Webhook endpoints (UserWebhooksModule): the list, each one's delivery log (with retry), a
 * rotation of its secret, deletion, and a form to add one. A new secret is shown once, here.
 */
export function WebhooksPage(_props: RouteProps) {
  const endpoints = useLoad(() => webhooksApi.list(), 'webhooks');
  const [open, setOpen] = useState<string | null>(null);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('');
  const replace = (saved: WebhookEndpoint) =>
    endpoints.setData((endpoints.data ?? []).map((kept) => (kept.id === saved.id ? saved : kept)));
  return (
    <section class="admin">
      <AdminNav current="webhooks" />
      <PageHeading>Webhooks</PageHeading>
      {endpoints.error && <Notice kind="error">{endpoints.error}</Notice>}
      {shown && (
        <Notice>
          Signing secret, shown only now: <code class="secret mono">{shown.secret}</code>
        </Notice>
      )}
      {status && <Notice>{status}</Notice>}
      <section class="panel" aria-labelledby="webhook-list">
        <h2 id="webhook-list">Endpoints</h2>
        {endpoints.loading && !endpoints.data && (
          <p class="loading" role="status">
            Loading…
          </p>
        )}
        {endpoints.data?.length === 0 && <p>No endpoint yet.</p>}
        {endpoints.data && endpoints.data.length > 0 && (
          <div class="table-wrap">
            <table role="table" class="admin-table webhooks-table">
              <caption class="visually-hidden">Webhook endpoints</caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col">
                    URL
                  </th>
                  <th role="columnheader" scope="col">
                    Events
                  </th>
                  <th role="columnheader" scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {endpoints.data.map((endpoint) => [
                  <tr role="row" key={endpoint.id}>
                    <th role="rowheader" scope="row" data-label="URL">
                      <span>
                        <span class="mono">{endpoint.url}</span>
                        <span class="badges">
                          {endpoint.fromOptions && (
                            <span class="badge badge-muted">from options</span>
                          )}
                          {!endpoint.enabled && <span class="badge badge-danger">disabled</span>}
                        </span>
                      </span>
                    </th>
                    <td role="cell" data-label="Events">
                      {endpoint.events.length === 0 ? 'every event' : endpoint.events.join(', ')}
                    </td>
                    <td role="cell" class="row-action">
                      <span class="actions">
                        <Button
                          kind="link"
                          label={`${open === endpoint.id ? 'Hide' : 'Show'} deliveries to ${endpoint.url}`}
                          onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
                        >
                          {open === endpoint.id ? 'Hide deliveries' : 'Deliveries'}
                        </Button>
                        {!endpoint.fromOptions && (
                          <ActionButton
                            kind="link"
                            label={`Rotate the secret of ${endpoint.url}`}
                            onClick={async () => {
                              const rotated = await webhooksApi.rotateSecret(endpoint.id);
                              replace(rotated);
                              setShown({ endpointId: rotated.id, secret: rotated.secret });
                              setStatus(
                                `New secret for ${endpoint.url}; the old one signs too until ${formatDate(rotated.previousSecretExpiresAt)}.`,
                              );
                            }}
                          >
                            Rotate secret
                          </ActionButton>
                        )}
                        {!endpoint.fromOptions && (
                          <ConfirmButton
                            label={`Delete endpoint ${endpoint.url}`}
                            confirmLabel="Yes, delete it"
                            onConfirm={async () => {
                              await webhooksApi.remove(endpoint.id);
                              endpoints.setData(
                                (endpoints.data ?? []).filter((kept) => kept.id !== endpoint.id),
                              );
                              if (open === endpoint.id) setOpen(null);
                              if (shown?.endpointId === endpoint.id) setShown(null);
                              setStatus(`Endpoint ${endpoint.url} deleted.`);
                            }}
                          >
                            Delete
                          </ConfirmButton>
                        )}
                      </span>
                    </td>
                  </tr>,
                  open === endpoint.id && (
                    <tr role="row" key={`${endpoint.id}-deliveries`} class="edit-row">
                      <td role="cell" colSpan={3}>
                        <WebhookDeliveries endpoint={endpoint} />
                      </td>
                    </tr>
                  ),
                ])}
              </tbody>
            </table>
          </div>
        )}
        <p class="hint">
          Endpoints from the module options are listed here and changed in code. Receivers verify
          the Standard Webhooks signature with the endpoint's secret and deduplicate by webhook-id.
        </p>
      </section>
      <section class="panel" aria-labelledby="webhook-create">
        <h2 id="webhook-create">Add an endpoint</h2>
        <Form
          label="Add an endpoint"
          submitLabel="Add endpoint"
          onSubmit={async () => {
            const names = events
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean);
            const created = await webhooksApi.create({
              url: url.trim(),
              ...(names.length > 0 ? { events: names } : {}),
            });
            const { secret, ...saved } = created;
            endpoints.setData([...(endpoints.data ?? []), saved]);
            setShown({ endpointId: saved.id, secret });
            setStatus(null);
            setUrl('');
            setEvents('');
            return `Endpoint ${saved.url} added.`;
          }}
        >
          <Field label="URL" name="url" type="url" value={url} onValue={setUrl} required />
          <Field
            label="Events"
            name="events"
            value={events}
            onValue={setEvents}
            hint="Comma-separated, e.g. user.created, user.deleted; empty: every event"
          />
        </Form>
      </section>
    </section>
  );
}
