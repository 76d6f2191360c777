/**
 * Every endpoint of the API, typed: method, path, what goes in (path parameters, query, body) and what
 * comes back. The front ends call the API through this table only (see `call`), so a path typo or a
 * wrong shape is a compile error, and the API's e2e tests pin the same paths.
 */
import type {
  AdminGrid,
  AdminGridQuery,
  AuditEntry,
  AuditListQuery,
  ChainVerification,
  CreateUserBody,
  Dictionary,
  ResetPasswordBody,
  SetGridWorkersBody,
  StaffUser,
  TotpEnrolment,
  UserListQuery,
} from './admin.js';
import type {
  BindIdentityBody,
  ChangePasswordBody,
  ConfirmIdentityBody,
  ConfirmTotpChangeBody,
  DemoLoginBody,
  Me,
  RefreshBody,
  StaffLoginBody,
  StartTotpChangeBody,
  TokenPair,
  TotpChallenge,
  WechatLoginBody,
} from './auth.js';
import type { Page, PageQuery } from './common.js';
import type { ConsentRecord, ConsentView, GiveConsentBody, WithdrawConsentBody } from './consents.js';
import type { Board, Dashboard } from './dashboard.js';
import type {
  AttachmentView,
  DisabilityCertificateOcrResult,
  HouseholdRegisterOcrResult,
  IdCardOcrFields,
  IdCardOcrResult,
  UploadAttachmentFields,
} from './documents.js';
import type { HouseholdEligibility } from './eligibility.js';
import type { DecideParameterChangeBody, ParameterChangeListQuery, ParameterChangeView, ParameterOverview, ProposeParameterChangeBody } from './parameters.js';
import type {
  CreateHouseholdBody,
  HouseholdAuditEntry,
  HouseholdAuditQuery,
  HouseholdListQuery,
  HouseholdSummary,
  HouseholdView,
  HouseholdViewQuery,
  HouseholdWriteResult,
  RevealBody,
  Revision,
  UpdateHouseholdBody,
} from './households.js';
import type { ImportErrorRow, ImportRun, ImportSource } from './imports.js';
import type { AcceptSubscriptionsBody, MessageTemplate, NotificationView } from './notifications.js';
import type { HouseholdRisk, MonitoringRun, WarningListQuery, WarningRules, WarningView } from './monitoring.js';
import type {
  CreatePolicyBody,
  ParameterDefinition,
  PolicyDetail,
  PolicyListQuery,
  PolicyPreview,
  PolicySummary,
  PolicyVersionDetail,
  PreviewBody,
  PublishBody,
  SaveDraftBody,
} from './policies.js';
import type { Grid, HealthStatus, RegionNode } from './regions.js';
import type {
  BulkApproveBody,
  BulkApproveResult,
  ReviewDonePage,
  Reminders,
  ReviewQueue,
  ReviewQueueQuery,
  ReviewSubmissionBody,
  SubmissionListQuery,
  SubmissionView,
} from './review.js';
import type { FlaggedHousehold, FlaggedHouseholdsQuery, HitsQuery, ScreeningExportQuery, ScreeningHit, ScreeningResults, ScreeningRun } from './screenings.js';
import type {
  ApprovalSetting,
  Assignee,
  CreateTaskBody,
  EscalateTaskBody,
  NoticeObjectionBody,
  ReassignTaskBody,
  ReviewTaskBody,
  TaskListQuery,
  TaskPage,
  TaskView,
  UpdateApprovalSettingBody,
  VisitFindings,
} from './tasks.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * How the body travels: JSON (the default), multipart with a file (`multipart`: Body holds the other
 * fields), an answer that is a file to download (`download`: Res is unknown), or a stream of
 * server-sent events (`events`: Res is the data of one event).
 */
export type EndpointKind = 'json' | 'multipart' | 'download' | 'events';

/** Names of the `:params` of a path, e.g. '/api/v1/tasks/:id/claim' → 'id'. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** One endpoint. The type parameters carry the shapes; at run time it is just method, path and kind. */
export interface Endpoint<Res, Body = undefined, Query = undefined, P extends string = string> {
  readonly method: HttpMethod;
  readonly path: P;
  readonly kind: EndpointKind;
  /** Type-only: never set. */
  readonly __shapes?: { response: Res; body: Body; query: Query };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any endpoint whatever its shapes
export type AnyEndpoint = Endpoint<any, any, any, string>;
export type ResponseOf<E> = E extends Endpoint<infer R, infer _B, infer _Q, string> ? R : never;
export type BodyOf<E> = E extends Endpoint<infer _R, infer B, infer _Q, string> ? B : never;
export type QueryOf<E> = E extends Endpoint<infer _R, infer _B, infer Q, string> ? Q : never;
export type PathOf<E> = E extends Endpoint<infer _R, infer _B, infer _Q, infer P> ? P : never;

/** What a call passes: path parameters, query and body, each only when the endpoint has one. */
export type ArgsOf<E extends AnyEndpoint> = ([PathParamNames<PathOf<E>>] extends [never]
  ? unknown
  : { params: Record<PathParamNames<PathOf<E>>, string | number> }) &
  // A query whose fields are all optional may be left out.
  (undefined extends QueryOf<E> ? { query?: QueryOf<E> } : Record<never, never> extends QueryOf<E> ? { query?: QueryOf<E> } : { query: QueryOf<E> }) &
  (undefined extends BodyOf<E> ? { body?: BodyOf<E> } : { body: BodyOf<E> });

const get =
  <Res, Query = undefined>() =>
  <P extends string>(path: P): Endpoint<Res, undefined, Query, P> => ({ method: 'GET', path, kind: 'json' });
const send =
  <Res, Body = undefined>(method: Exclude<HttpMethod, 'GET'>) =>
  <P extends string>(path: P): Endpoint<Res, Body, undefined, P> => ({ method, path, kind: 'json' });
const post = <Res, Body = undefined>() => send<Res, Body>('POST');
const upload =
  <Res, Fields>() =>
  <P extends string>(path: P): Endpoint<Res, Fields, undefined, P> => ({ method: 'POST', path, kind: 'multipart' });
const events =
  <Res>() =>
  <P extends string>(path: P): Endpoint<Res, undefined, undefined, P> => ({ method: 'GET', path, kind: 'events' });
const download =
  <Query = undefined>() =>
  <P extends string>(path: P): Endpoint<unknown, undefined, Query, P> => ({ method: 'GET', path, kind: 'download' });

export const ENDPOINTS = {
  health: get<HealthStatus>()('/api/health'),

  auth: {
    wechatLogin: post<TokenPair, WechatLoginBody>()('/api/v1/auth/wechat-login'),
    login: post<TokenPair, StaffLoginBody>()('/api/v1/auth/login'),
    changePassword: post<{ changed: true }, ChangePasswordBody>()('/api/v1/auth/me/password'),
    startTotpChange: post<TotpChallenge, StartTotpChangeBody>()('/api/v1/auth/me/totp'),
    confirmTotpChange: post<{ changed: true }, ConfirmTotpChangeBody>()('/api/v1/auth/me/totp/confirm'),
    refresh: post<TokenPair, RefreshBody>()('/api/v1/auth/refresh'),
    demoLogin: post<TokenPair, DemoLoginBody>()('/api/v1/auth/demo-login'),
    me: get<Me>()('/api/v1/auth/me'),
    bindIdentity: post<Me, BindIdentityBody>()('/api/v1/auth/bind-identity'),
    confirmIdentity: post<Me, ConfirmIdentityBody>()('/api/v1/auth/residents/:userId/identity'),
  },

  consents: {
    give: post<ConsentView, GiveConsentBody>()('/api/v1/consents'),
    get: get<ConsentView>()('/api/v1/consents/:id'),
    withdraw: post<ConsentView, WithdrawConsentBody>()('/api/v1/consents/:id/withdraw'),
    ofHousehold: get<ConsentRecord>()('/api/v1/consents/of-household/:householdId'),
  },

  households: {
    create: post<HouseholdWriteResult, CreateHouseholdBody>()('/api/v1/households'),
    list: get<Page<HouseholdSummary>, HouseholdListQuery>()('/api/v1/households'),
    /** The list's rows for a filter as a CSV (text/csv), audited. */
    export: download<Omit<HouseholdListQuery, keyof PageQuery | 'cursor'>>()('/api/v1/households/export'),
    get: get<HouseholdView, HouseholdViewQuery>()('/api/v1/households/:id'),
    reveal: post<HouseholdView, RevealBody>()('/api/v1/households/:id/reveal'),
    update: send<HouseholdWriteResult, UpdateHouseholdBody>('PATCH')('/api/v1/households/:id'),
    revisions: get<Revision[]>()('/api/v1/households/:id/revisions'),
    auditTrail: get<Page<HouseholdAuditEntry>, HouseholdAuditQuery>()('/api/v1/households/:id/audit-trail'),
    eligibility: get<HouseholdEligibility>()('/api/v1/households/:id/eligibility'),
    risk: get<HouseholdRisk>()('/api/v1/risk/households/:id'),
    /** The 入户调查表 as a PDF (application/pdf), pre-filled and masked by role. */
    surveyForm: download()('/api/v1/households/:id/forms/survey'),
  },

  submissions: {
    list: get<Page<SubmissionView>, SubmissionListQuery>()('/api/v1/submissions'),
    get: get<SubmissionView>()('/api/v1/submissions/:id'),
    review: post<SubmissionView, ReviewSubmissionBody>()('/api/v1/submissions/:id/review'),
  },

  reviewQueue: {
    list: get<ReviewQueue, ReviewQueueQuery>()('/api/v1/review-queue'),
    bulkApprove: post<BulkApproveResult, BulkApproveBody>()('/api/v1/review-queue/bulk-approve'),
    done: get<ReviewDonePage, PageQuery>()('/api/v1/review-queue/done'),
    /** The bell: items due for the signed-in reviewer, counted in their scope. */
    reminders: get<Reminders>()('/api/v1/review-queue/reminders'),
  },

  tasks: {
    list: get<TaskPage, TaskListQuery>()('/api/v1/tasks'),
    create: post<TaskView, CreateTaskBody>()('/api/v1/tasks'),
    get: get<TaskView>()('/api/v1/tasks/:id'),
    claim: post<TaskView>()('/api/v1/tasks/:id/claim'),
    submit: post<TaskView, VisitFindings>()('/api/v1/tasks/:id/submit'),
    review: post<TaskView, ReviewTaskBody>()('/api/v1/tasks/:id/review'),
    reassign: post<TaskView, ReassignTaskBody>()('/api/v1/tasks/:id/reassign'),
    assignees: get<Assignee[]>()('/api/v1/tasks/:id/assignees'),
    escalate: post<TaskView, EscalateTaskBody>()('/api/v1/tasks/:id/escalate'),
    /** The 告知书 of the task's decision as a PDF (application/pdf). */
    noticeForm: download()('/api/v1/tasks/:id/forms/notice'),
    objection: post<TaskView, NoticeObjectionBody>()('/api/v1/tasks/:id/objection'),
    /** Multipart: one visit photo in `file`, before the findings that name it. */
    addPhoto: upload<AttachmentView, Record<string, never>>()('/api/v1/tasks/:id/photos'),
  },

  approvals: {
    list: get<ApprovalSetting[]>()('/api/v1/approval-settings'),
    update: send<ApprovalSetting, UpdateApprovalSettingBody>('PUT')('/api/v1/approval-settings/:group'),
  },

  warnings: {
    list: get<Page<WarningView>, WarningListQuery>()('/api/v1/warnings'),
    rules: get<WarningRules>()('/api/v1/warnings/rules'),
  },

  monitoring: {
    start: post<MonitoringRun>()('/api/v1/monitoring/runs'),
    get: get<MonitoringRun>()('/api/v1/monitoring/runs/:id'),
  },

  policies: {
    list: get<PolicySummary[], PolicyListQuery>()('/api/v1/policies'),
    get: get<PolicyDetail>()('/api/v1/policies/:code'),
    create: post<PolicyDetail, CreatePolicyBody>()('/api/v1/policies'),
    saveDraft: send<PolicyDetail, SaveDraftBody>('PUT')('/api/v1/policies/:code/draft'),
    publish: post<PolicyDetail, PublishBody>()('/api/v1/policies/:code/publish'),
    preview: post<PolicyPreview, PreviewBody>()('/api/v1/policies/:code/preview'),
    version: get<PolicyVersionDetail>()('/api/v1/policies/:code/versions/:version'),
    parameters: get<ParameterDefinition[]>()('/api/v1/policy-parameters'),
  },

  parameters: {
    overview: get<ParameterOverview>()('/api/v1/parameters'),
    changes: get<ParameterChangeView[], ParameterChangeListQuery>()('/api/v1/parameters/changes'),
    propose: post<ParameterChangeView, ProposeParameterChangeBody>()('/api/v1/parameters/changes'),
    approve: post<ParameterChangeView, DecideParameterChangeBody>()('/api/v1/parameters/changes/:id/approve'),
    reject: post<ParameterChangeView, DecideParameterChangeBody>()('/api/v1/parameters/changes/:id/reject'),
  },

  screenings: {
    list: get<Page<ScreeningRun>, PageQuery>()('/api/v1/screenings'),
    start: post<ScreeningRun>()('/api/v1/screenings'),
    get: get<ScreeningRun>()('/api/v1/screenings/:id'),
    cancel: post<ScreeningRun>()('/api/v1/screenings/:id/cancel'),
    /** Server-sent `progress` events until the run ends. */
    events: events<ScreeningRun>()('/api/v1/screenings/:id/events'),
    results: get<ScreeningResults>()('/api/v1/screenings/:id/results'),
    households: get<Page<FlaggedHousehold>, FlaggedHouseholdsQuery>()('/api/v1/screenings/:id/households'),
    hits: get<Page<ScreeningHit>, HitsQuery>()('/api/v1/screenings/:id/hits'),
    export: download<ScreeningExportQuery>()('/api/v1/screenings/:id/export'),
  },

  imports: {
    sources: get<ImportSource[]>()('/api/v1/imports/sources'),
    list: get<Page<ImportRun>, PageQuery>()('/api/v1/imports'),
    /** Multipart: the file in `file`. */
    start: upload<ImportRun, Record<string, never>>()('/api/v1/imports/:source'),
    get: get<ImportRun>()('/api/v1/imports/:id'),
    /** Stops a running import: rows already imported are kept. */
    cancel: post<ImportRun>()('/api/v1/imports/:id/cancel'),
    errorRows: get<Page<ImportErrorRow>, PageQuery>()('/api/v1/imports/:id/error-rows'),
    errorReport: download()('/api/v1/imports/:id/errors'),
    /** The header row of a source as a CSV to fill in. */
    template: download()('/api/v1/imports/sources/:source/template'),
  },

  notifications: {
    list: get<NotificationView[]>()('/api/v1/notifications'),
    templates: get<MessageTemplate[]>()('/api/v1/notifications/subscriptions'),
    accept: post<MessageTemplate[], AcceptSubscriptionsBody>()('/api/v1/notifications/subscriptions'),
  },

  dashboard: {
    get: get<Dashboard>()('/api/v1/dashboard'),
    board: get<Board>()('/api/v1/dashboard/board'),
  },

  regions: {
    tree: get<RegionNode[]>()('/api/v1/regions'),
    grids: get<Grid[], { communityCode?: string }>()('/api/v1/grids'),
  },

  attachments: {
    /** Multipart: the photo in `file`. */
    upload: upload<AttachmentView, UploadAttachmentFields>()('/api/v1/attachments'),
    list: get<AttachmentView[], { householdId: string }>()('/api/v1/attachments'),
    content: download()('/api/v1/attachments/:id/content'),
  },

  ocr: {
    /** Multipart: the photo in `image`. */
    idCard: upload<IdCardOcrResult, IdCardOcrFields>()('/api/v1/ocr/id-card'),
    disabilityCertificate: upload<DisabilityCertificateOcrResult, { consentId?: string }>()('/api/v1/ocr/disability-certificate'),
    householdRegister: upload<HouseholdRegisterOcrResult, { consentId?: string }>()('/api/v1/ocr/household-register'),
  },

  admin: {
    users: get<Page<StaffUser>, UserListQuery>()('/api/v1/admin/users'),
    createUser: post<TotpEnrolment, CreateUserBody>()('/api/v1/admin/users'),
    resetTotp: post<TotpEnrolment>()('/api/v1/admin/users/:id/reset-totp'),
    resetPassword: post<StaffUser, ResetPasswordBody>()('/api/v1/admin/users/:id/reset-password'),
    unlock: post<StaffUser>()('/api/v1/admin/users/:id/unlock'),
    disable: post<StaffUser>()('/api/v1/admin/users/:id/disable'),
    enable: post<StaffUser>()('/api/v1/admin/users/:id/enable'),
    grids: get<AdminGrid[], AdminGridQuery>()('/api/v1/admin/grids'),
    setGridWorkers: send<AdminGrid, SetGridWorkersBody>('PUT')('/api/v1/admin/grids/:id/workers'),
    dictionaries: get<Dictionary[]>()('/api/v1/admin/dictionaries'),
    auditLogs: get<Page<AuditEntry>, AuditListQuery>()('/api/v1/audit-logs'),
    verifyAuditChain: get<ChainVerification>()('/api/v1/audit-logs/verify'),
  },
} as const;

/** Fills a path's `:params` (URI-encoded). */
export function pathOf<P extends string>(path: P, params: Record<PathParamNames<P>, string | number>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = (params as Record<string, string | number | undefined>)[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} of ${path}`);
    return encodeURIComponent(String(v));
  });
}

/** A query string from a flat object (undefined and null left out); '' when empty. */
export function queryString(query: object | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** What carries a request: each app brings its own (fetch with the console's session, Taro.request in the mini-program). */
export interface Transport {
  (request: { method: HttpMethod; path: string; query?: object; body?: unknown; kind: EndpointKind }): Promise<unknown>;
}

/** Calls one endpoint through a transport, typed by the table. */
export function call<E extends AnyEndpoint>(
  transport: Transport,
  endpoint: E,
  ...[args]: object extends ArgsOf<E> ? [ArgsOf<E>?] : [ArgsOf<E>]
): Promise<ResponseOf<E>> {
  const a = (args ?? {}) as { params?: Record<string, string | number>; query?: object; body?: unknown };
  const path = a.params ? pathOf(endpoint.path, a.params as never) : endpoint.path;
  return transport({ method: endpoint.method, path, query: a.query, body: a.body, kind: endpoint.kind }) as Promise<ResponseOf<E>>;
}
