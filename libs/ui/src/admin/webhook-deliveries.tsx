import { ActionButton, Button, Notice } from '../components/index.js';
import { formatDate } from './user-labels.js';
import { useLoad } from './use-load.js';
import { webhooksApi, type WebhookEndpoint } from './webhooks-api.js';

/** One endpoint's delivery log, newest first: status, attempts, answer, duration; retry. */
export function WebhookDeliveries(props: { endpoint: WebhookEndpoint }) {
  const deliveries = useLoad(
    () => webhooksApi.deliveries(props.endpoint.id),
    `deliveries:${props.endpoint.id}`,
  );
  const rows = deliveries.data?.data ?? [];
  return (
    <section class="webhook-deliveries" aria-label={`Deliveries to ${props.endpoint.url}`}>
      {deliveries.error && <Notice kind="error">{deliveries.error}</Notice>}
      {deliveries.loading && !deliveries.data && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {deliveries.data && rows.length === 0 && <p>No delivery yet.</p>}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table role="table" class="admin-table deliveries-table">
            <caption class="visually-hidden">Deliveries to {props.endpoint.url}</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  Event
                </th>
                <th role="columnheader" scope="col">
                  Status
                </th>
                <th role="columnheader" scope="col">
                  Attempts
                </th>
                <th role="columnheader" scope="col">
                  Response
                </th>
                <th role="columnheader" scope="col">
                  Duration
                </th>
                <th role="columnheader" scope="col">
                  Last attempt
                </th>
                <th role="columnheader" scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {rows.map((delivery) => (
                <tr role="row" key={delivery.id} data-delivery={delivery.id}>
                  <th role="rowheader" scope="row" data-label="Event">
                    <span>
                      <span>{delivery.eventType}</span>
                      <span class="mono hint">{delivery.id}</span>
                    </span>
                  </th>
                  <td role="cell" data-label="Status">
                    <span
                      class={`badge ${delivery.status === 'failed' ? 'badge-danger' : 'badge-muted'}`}
                    >
                      {delivery.status}
                    </span>
                  </td>
                  <td role="cell" data-label="Attempts">
                    {delivery.attempts}
                  </td>
                  <td role="cell" data-label="Response">
                    {delivery.responseStatusCode ?? delivery.error ?? '—'}
                  </td>
                  <td role="cell" data-label="Duration">
                    {delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}
                  </td>
                  <td role="cell" data-label="Last attempt">
                    {formatDate(delivery.lastAttemptAt)}
                  </td>
                  <td role="cell" class="row-action">
                    <ActionButton
                      kind="link"
                      label={`Retry delivery ${delivery.id}`}
                      onClick={async () => {
                        const retried = await webhooksApi.retry(props.endpoint.id, delivery.id);
                        deliveries.setData({
                          ...deliveries.data!,
                          data: rows.map((kept) => (kept.id === retried.id ? retried : kept)),
                        });
                      }}
                    >
                      Retry
                    </ActionButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Button kind="link" onClick={() => deliveries.reload()}>
        Refresh
      </Button>
    </section>
  );
}
