import {
  Injectable,
  RequestMethod,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { principalOf } from '../guards/principal-request-key.js';
import { routeAccess } from '../guards/route-access.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import {
  newEventScope,
  runInEventScope,
  settleEventScope,
  type RequestEventScope,
} from './request-event-context.js';
import { UserEventsPublisher } from './user-events.publisher.js';

const USER_AGENT_MAX = 512;
const PARAM_MAX = 100;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface HttpRequest {
  method?: string;
  ip?: unknown;
  headers?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

/**
 * On the library's controllers (@UserKitApi()), only while anyone listens to its events: the
 * caller (after the guards: the signed-in user and session), its address and user agent, for the
 * events the request causes; `admin.action` after an admin route changed something; and the
 * answer waits for the in-process subscribers' writes (the audit record precedes the answer).
 */
@Injectable()
export class EventContextInterceptor implements NestInterceptor {
  private readonly routes = new WeakMap<object, string>();

  constructor(
    private readonly publisher: UserEventsPublisher,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.publisher.listening || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = principalOf(request);
    const userAgent = request.headers?.['user-agent'];
    // In an impersonation session the admin acts: the actor is the admin, not the user.
    const impersonator = principal?.impersonatorId ?? null;
    const scope = newEventScope({
      actorId: impersonator ?? principal?.id ?? null,
      actorSessionId: principal?.sessionId ?? null,
      ip: typeof request.ip === 'string' ? request.ip : null,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, USER_AGENT_MAX) : null,
      ...(impersonator && principal ? { impersonatedUserId: principal.id } : {}),
    });
    const isAdminWrite =
      routeAccess(this.reflector, context).roles?.includes(ADMIN_ROLE) === true &&
      !READS.has(String(request.method).toUpperCase());
    // A request that caused no event (most reads) passes its answer on as it came.
    return runInEventScope(scope, () => next.handle()).pipe(
      mergeMap((value) =>
        isAdminWrite || scope.pending.length > 0
          ? from(this.finish(scope, isAdminWrite, context, request, value))
          : of(value),
      ),
      catchError((error: unknown) =>
        scope.pending.length > 0
          ? from(
              settleEventScope(scope).then(() => {
                throw error;
              }),
            )
          : throwError(() => error),
      ),
    );
  }

  private async finish(
    scope: RequestEventScope,
    isAdminWrite: boolean,
    context: ExecutionContext,
    request: HttpRequest,
    value: unknown,
  ): Promise<unknown> {
    if (isAdminWrite)
      runInEventScope(scope, () => {
        const params = routeParams(request.params);
        const route = this.routeOf(context);
        // `/admin/users/:id...` names the user by `id`; other admin routes by `userId`, if at all.
        const targetUserId =
          (route.includes(' /admin/users/:id') ? params.id : params.userId) ?? null;
        this.publisher.emit('admin.action', { route, targetUserId, params });
      });
    await settleEventScope(scope);
    return value;
  }

  /** `PUT /admin/users/:id/roles`: the method and path pattern, from the route's metadata. */
  private routeOf(context: ExecutionContext): string {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const parts = [
        Reflect.getMetadata(PATH_METADATA, context.getClass()),
        Reflect.getMetadata(PATH_METADATA, handler),
      ]
        .flat()
        .filter((part): part is string => typeof part === 'string')
        .flatMap((part) => part.split('/'))
        .filter((part) => part.length > 0);
      route = `${method === undefined ? 'ANY' : RequestMethod[method]} /${parts.join('/')}`;
      this.routes.set(handler, route);
    }
    return route;
  }
}

function routeParams(params: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {}))
    if (typeof value === 'string') out[name] = value.slice(0, PARAM_MAX);
  return out;
}
