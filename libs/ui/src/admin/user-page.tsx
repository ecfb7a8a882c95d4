import { Link, type RouteProps } from '../router.js';
import { Notice, PageHeading } from '../components/index.js';
import { AdminNav } from './admin-nav.js';
import { adminApi } from './api.js';
import { StatusBadges } from './users-page.js';
import { UserMetadata } from './user-metadata.js';
import { UserModeration } from './user-moderation.js';
import { UserImpersonation } from './user-impersonation.js';
import { UserRecovery } from './user-recovery.js';
import { UserRoles } from './user-roles.js';
import { UserSessions } from './user-sessions.js';
import { UserSummary } from './user-summary.js';
import { userName } from './user-labels.js';
import { useLoad } from './use-load.js';

/** One user: read-only profile, roles, metadata, sessions, ban/unban, delete. */
export function UserPage({ params }: RouteProps) {
  const user = useLoad(() => adminApi.getUser(params.id), params.id);
  const roles = useLoad(() => adminApi.listRoles(), 'roles');
  const data = user.data;
  return (
    <section class="admin">
      <AdminNav current="users" />
      <p class="back">
        <Link href="/admin/users">← All users</Link>
      </p>
      <PageHeading>{data ? userName(data) : 'User'}</PageHeading>
      {user.error && <Notice kind="error">{user.error}</Notice>}
      {user.loading && !data && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {data && (
        <>
          <p>
            <StatusBadges user={data} />
          </p>
          <div class="detail-grid">
            <UserSummary user={data} />
            <div>
              {roles.data && <UserRoles user={data} roles={roles.data} onSaved={user.setData} />}
              {roles.error && <Notice kind="error">{roles.error}</Notice>}
              <UserModeration user={data} onSaved={user.setData} />
              <UserRecovery user={data} onSaved={user.setData} />
              <UserImpersonation user={data} />
            </div>
          </div>
          <UserSessions user={data} />
          <UserMetadata user={data} onSaved={user.setData} />
        </>
      )}
    </section>
  );
}
