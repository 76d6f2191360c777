/** The API's endpoints, typed. Everything goes through request.ts. */
import type { PolicyGroup } from '@zczr/eligibility';
import { ENDPOINTS as E, type AttachmentKind } from '@zczr/contract';
import { callApi, uploadTo, type LocalPhoto } from './request';
import type { ConsentInput, CreateHouseholdBody, HouseholdBody, IdCardOcrResult, VisitFindings } from './types';

export const api = {
  wechatLogin: (code: string) => callApi(E.auth.wechatLogin, { body: { code } }, { auth: false }),
  demoLogin: (role: 'resident' | 'grid_worker', firstVisit = false) =>
    callApi(E.auth.demoLogin, { body: { role, ...(firstVisit ? { firstVisit: true } : {}) } }, { auth: false }),
  me: () => callApi(E.auth.me),
  bindIdentity: (realName: string, idNumber: string, faceVerifyResult?: string) =>
    callApi(E.auth.bindIdentity, {
      body: { realName, idNumber, consentToIdentityProcessing: true, ...(faceVerifyResult ? { faceVerifyResult } : {}) },
    }),

  ocrIdCard: (filePath: LocalPhoto, opts: { forIdentityBinding?: boolean; consentId?: string }) =>
    uploadTo(E.ocr.idCard, filePath, 'image', {
      side: 'front',
      ...(opts.forIdentityBinding ? { forIdentityBinding: true } : {}),
      ...(opts.consentId ? { consentId: opts.consentId } : {}),
    }) as Promise<IdCardOcrResult>,
  uploadAttachment: (filePath: LocalPhoto, householdId: string, kind: AttachmentKind) =>
    uploadTo(E.attachments.upload, filePath, 'file', { householdId, kind }),

  giveConsent: (body: ConsentInput, idempotencyKey?: string) => callApi(E.consents.give, { body }, { idempotencyKey }),
  consent: (id: string) => callApi(E.consents.get, { params: { id } }),
  withdrawConsent: (id: string, reason?: string) => callApi(E.consents.withdraw, { params: { id }, body: reason ? { reason } : {} }),

  createHousehold: (body: CreateHouseholdBody, idempotencyKey: string) => callApi(E.households.create, { body }, { idempotencyKey }),
  household: (id: string) => callApi(E.households.get, { params: { id } }),
  updateHousehold: (id: string, body: Partial<HouseholdBody> & { version: number }, idempotencyKey?: string) =>
    callApi(E.households.update, { params: { id }, body }, { idempotencyKey }),
  households: (query: { page?: number; pageSize?: number; gridId?: string; name?: string }) => callApi(E.households.list, { query }),
  eligibility: (id: string) => callApi(E.households.eligibility, { params: { id } }),
  submissions: (householdId: string) => callApi(E.submissions.list, { query: { householdId } }),

  regions: () => callApi(E.regions.tree),
  grids: (communityCode: string) => callApi(E.regions.grids, { query: { communityCode } }),

  policies: (query: { group?: PolicyGroup; q?: string }) => callApi(E.policies.list, { query }, { auth: false }),
  policy: (code: string) => callApi(E.policies.get, { params: { code } }, { auth: false }),

  messageTemplates: () => callApi(E.notifications.templates),
  acceptSubscriptions: (accepted: string[]) => callApi(E.notifications.accept, { body: { accepted } }),
  notifications: () => callApi(E.notifications.list),

  tasks: (query: { mine?: boolean; since?: number; pageSize?: number; householdId?: string; active?: boolean }) => callApi(E.tasks.list, { query }),
  task: (id: string) => callApi(E.tasks.get, { params: { id } }),
  /** 发起核实: a grid worker starts a home visit of a family of their own grid (the task is theirs). */
  startVisit: (householdId: string) => callApi(E.tasks.create, { body: { householdId } }),
  claimTask: (id: string) => callApi(E.tasks.claim, { params: { id } }),
  warnings: (query: { householdId?: string; status?: 'open' | 'tasked' | 'closed'; pageSize?: number }) => callApi(E.warnings.list, { query }),
  submitTask: (id: string, body: VisitFindings, idempotencyKey?: string) => callApi(E.tasks.submit, { params: { id }, body }, { idempotencyKey }),
  addVisitPhoto: (taskId: string, photo: LocalPhoto, idempotencyKey: string) =>
    uploadTo(E.tasks.addPhoto, photo, 'file', {}, { params: { id: taskId }, idempotencyKey }),
};
