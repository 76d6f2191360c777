/** The API's endpoints, typed. Everything goes through request.ts. */
import type { PolicyGroup } from '@zczr/eligibility';
import { request, upload, type LocalPhoto } from './request';
import type {
  AppNotification,
  MessageTemplate,
  Consent,
  ConsentInput,
  CreateHouseholdBody,
  Grid,
  Household,
  HouseholdBody,
  HouseholdEligibility,
  HouseholdSummary,
  HouseholdWriteResult,
  IdCardOcrResult,
  Me,
  Page,
  PolicyDetail,
  PolicySummary,
  Submission,
  Task,
  TaskPage,
  TokenPair,
  VisitFindings,
  WarningView,
} from './types';

export const api = {
  wechatLogin: (code: string) => request<TokenPair>('POST', '/api/v1/auth/wechat-login', { body: { code }, auth: false }),
  demoLogin: (role: 'resident' | 'grid_worker', firstVisit = false) =>
    request<TokenPair>('POST', '/api/v1/auth/demo-login', { body: { role, ...(firstVisit ? { firstVisit: true } : {}) }, auth: false }),
  me: () => request<Me>('GET', '/api/v1/auth/me'),
  bindIdentity: (realName: string, idNumber: string, faceVerifyResult?: string) =>
    request<Me>('POST', '/api/v1/auth/bind-identity', {
      body: { realName, idNumber, consentToIdentityProcessing: true, ...(faceVerifyResult ? { faceVerifyResult } : {}) },
    }),

  ocrIdCard: (filePath: LocalPhoto, opts: { forIdentityBinding?: boolean; consentId?: string }) =>
    upload<IdCardOcrResult>('/api/v1/ocr/id-card', filePath, 'image', {
      side: 'front',
      ...(opts.forIdentityBinding ? { forIdentityBinding: 'true' } : {}),
      ...(opts.consentId ? { consentId: opts.consentId } : {}),
    }),
  uploadAttachment: (filePath: LocalPhoto, householdId: string, kind: string) =>
    upload<{ id: string }>('/api/v1/attachments', filePath, 'file', { householdId, kind }),

  giveConsent: (body: ConsentInput, idempotencyKey?: string) => request<Consent>('POST', '/api/v1/consents', { body, idempotencyKey }),
  consent: (id: string) => request<Consent>('GET', `/api/v1/consents/${id}`),
  withdrawConsent: (id: string, reason?: string) => request<Consent>('POST', `/api/v1/consents/${id}/withdraw`, { body: reason ? { reason } : {} }),

  createHousehold: (body: CreateHouseholdBody, idempotencyKey: string) => request<HouseholdWriteResult>('POST', '/api/v1/households', { body, idempotencyKey }),
  household: (id: string) => request<Household>('GET', `/api/v1/households/${id}`),
  updateHousehold: (id: string, body: Partial<HouseholdBody> & { version: number }, idempotencyKey?: string) =>
    request<HouseholdWriteResult>('PATCH', `/api/v1/households/${id}`, { body, idempotencyKey }),
  households: (query: { page?: number; pageSize?: number; gridId?: string; name?: string }) =>
    request<Page<HouseholdSummary>>('GET', '/api/v1/households', { query }),
  eligibility: (id: string) => request<HouseholdEligibility>('GET', `/api/v1/households/${id}/eligibility`),
  submissions: (householdId: string) => request<Page<Submission>>('GET', '/api/v1/submissions', { query: { householdId } }),

  regions: () => request<Array<{ code: string; name: string; level: string; children: unknown[] }>>('GET', '/api/v1/regions'),
  grids: (communityCode: string) => request<Grid[]>('GET', '/api/v1/grids', { query: { communityCode } }),

  policies: (query: { group?: PolicyGroup; q?: string }) => request<PolicySummary[]>('GET', '/api/v1/policies', { query, auth: false }),
  policy: (code: string) => request<PolicyDetail>('GET', `/api/v1/policies/${encodeURIComponent(code)}`, { auth: false }),

  messageTemplates: () => request<MessageTemplate[]>('GET', '/api/v1/notifications/subscriptions'),
  acceptSubscriptions: (accepted: string[]) => request<MessageTemplate[]>('POST', '/api/v1/notifications/subscriptions', { body: { accepted } }),
  notifications: () => request<AppNotification[]>('GET', '/api/v1/notifications'),

  tasks: (query: { mine?: boolean; since?: number; pageSize?: number; householdId?: string; active?: boolean }) =>
    request<TaskPage>('GET', '/api/v1/tasks', { query }),
  task: (id: string) => request<Task>('GET', `/api/v1/tasks/${id}`),
  /** 发起核实: a grid worker starts a home visit of a family of their own grid (the task is theirs). */
  startVisit: (householdId: string) => request<Task>('POST', '/api/v1/tasks', { body: { householdId } }),
  claimTask: (id: string) => request<Task>('POST', `/api/v1/tasks/${id}/claim`),
  warnings: (query: { householdId?: string; status?: 'open' | 'tasked' | 'closed'; pageSize?: number }) =>
    request<Page<WarningView>>('GET', '/api/v1/warnings', { query }),
  submitTask: (id: string, body: VisitFindings, idempotencyKey?: string) => request<Task>('POST', `/api/v1/tasks/${id}/submit`, { body, idempotencyKey }),
};
