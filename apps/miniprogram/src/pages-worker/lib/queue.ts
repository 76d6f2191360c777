/**
 * The grid worker's outbox. Everything typed at a doorstep is stored on the phone first, then sent
 * when the network allows. Each step carries its own Idempotency-Key, fixed when the item is
 * queued, so a resend after a lost answer is applied once. A conflict (409) or a refusal stays in
 * the outbox with the API's message until the worker deals with it: nothing is dropped silently.
 */
import { api } from '../../services/api';
import { ApiError, newIdempotencyKey } from '../../services/request';
import { readStored, writeStored } from '../../services/storage';
import { cachedMe } from '../../services/session';
import type { ConsentInput, HouseholdBody, VisitFindings } from '../../services/types';
import { toLocalPhoto, type VisitPhoto } from './visit-photos';

export type OutboxStatus = 'pending' | 'sending' | 'done' | 'conflict' | 'failed';

interface Base {
  id: string;
  createdAt: string;
  status: OutboxStatus;
  /** The API's message for a conflict or refusal, or the last network problem. */
  message?: string;
  attempts: number;
  doneAt?: string;
}

export interface CollectItem extends Base {
  kind: 'collect';
  title: string;
  consent: ConsentInput;
  consentKey: string;
  /** Set once the consent is recorded, so a retry continues with the household. */
  consentId?: string;
  household: HouseholdBody;
  householdKey: string;
  householdId?: string;
}

export interface VisitItem extends Base {
  kind: 'visit';
  title: string;
  taskId: string;
  claimFirst: boolean;
  claimed?: boolean;
  findings: VisitFindings;
  findingsKey: string;
  /** Photos to upload before the findings, each with its own Idempotency-Key; `id` once the API has it. */
  photos?: Array<VisitPhoto & { uploadKey: string; id?: string }>;
}

export type OutboxItem = CollectItem | VisitItem;

const KEY = 'zczr.worker.outbox';

export function outbox(): OutboxItem[] {
  return readStored<OutboxItem[]>(KEY) ?? [];
}

function save(items: OutboxItem[]): void {
  writeStored(KEY, items);
}

function update(id: string, patch: Partial<OutboxItem>): void {
  save(outbox().map((x) => (x.id === id ? ({ ...x, ...patch } as OutboxItem) : x)));
}

export function enqueueCollect(title: string, consent: ConsentInput, household: HouseholdBody): CollectItem {
  const item: CollectItem = {
    id: newIdempotencyKey('item'),
    kind: 'collect',
    title,
    createdAt: new Date().toISOString(),
    status: 'pending',
    attempts: 0,
    consent,
    consentKey: newIdempotencyKey('consent'),
    household,
    householdKey: newIdempotencyKey('hh'),
  };
  save([...outbox(), item]);
  return item;
}

export function enqueueVisit(title: string, taskId: string, claimFirst: boolean, findings: VisitFindings, photos: VisitPhoto[] = []): VisitItem {
  const item: VisitItem = {
    id: newIdempotencyKey('item'),
    kind: 'visit',
    title,
    createdAt: new Date().toISOString(),
    status: 'pending',
    attempts: 0,
    taskId,
    claimFirst,
    findings,
    findingsKey: newIdempotencyKey('visit'),
    ...(photos.length ? { photos: photos.map((p) => ({ ...p, uploadKey: newIdempotencyKey('photo') })) } : {}),
  };
  save([...outbox(), item]);
  return item;
}

/** The worker chose to try a conflicting or refused item again (after fixing it at the API side). */
export function retryItem(id: string): void {
  update(id, { status: 'pending', message: undefined });
}

/** The worker read the conflict and chose to discard the item: an explicit act, never automatic. */
export function discardItem(id: string): void {
  save(outbox().filter((x) => x.id !== id));
}

export function clearDone(): void {
  save(outbox().filter((x) => x.status !== 'done'));
}

async function sendCollect(item: CollectItem): Promise<void> {
  let consentId = item.consentId;
  if (!consentId) {
    consentId = (await api.giveConsent(item.consent, item.consentKey)).id;
    update(item.id, { consentId });
  }
  const r = await api.createHousehold({ ...item.household, consentId }, item.householdKey);
  update(item.id, { householdId: r.household.id });
}

async function sendVisit(item: VisitItem): Promise<void> {
  if (item.claimFirst && !item.claimed) {
    try {
      await api.claimTask(item.taskId);
    } catch (e) {
      // Already ours (claimed on an earlier try whose answer was lost) is fine; someone else's is a conflict.
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      const task = await api.task(item.taskId);
      if (!(task.status === 'in_progress' && task.assigneeId === cachedMe()?.id)) throw e;
    }
    update(item.id, { claimed: true });
  }
  // Photos one by one, each remembered once the API has it, so a retry sends only what is missing.
  let photos = item.photos ?? [];
  for (const p of photos) {
    if (p.id) continue;
    const { id } = await api.addVisitPhoto(item.taskId, toLocalPhoto(p), p.uploadKey);
    // Once uploaded, the bytes leave the phone's storage.
    photos = photos.map((x) => (x.key === p.key ? { key: x.key, path: x.path, uploadKey: x.uploadKey, id } : x));
    update(item.id, { photos });
  }
  const photoIds = photos.map((p) => p.id).filter((id): id is string => Boolean(id));
  await api.submitTask(item.taskId, photoIds.length ? { ...item.findings, photoIds } : item.findings, item.findingsKey);
}

let running: Promise<SyncReport> | null = null;

export interface SyncReport {
  sent: number;
  waiting: number;
  problems: number;
  offline: boolean;
}

/** Sends every pending item once, in order; one sync at a time. */
export function syncOutbox(): Promise<SyncReport> {
  if (running) return running;
  running = (async () => {
    let sent = 0;
    let offline = false;
    for (const item of outbox()) {
      if (item.status !== 'pending' && item.status !== 'sending') continue;
      if (offline) break;
      update(item.id, { status: 'sending', attempts: item.attempts + 1 });
      try {
        const fresh = outbox().find((x) => x.id === item.id);
        if (!fresh) continue;
        if (fresh.kind === 'collect') await sendCollect(fresh);
        else await sendVisit(fresh);
        update(item.id, { status: 'done', doneAt: new Date().toISOString(), message: undefined });
        sent++;
      } catch (e) {
        if (e instanceof ApiError && e.offline) {
          offline = true;
          update(item.id, { status: 'pending', message: '等待网络' });
        } else if (e instanceof ApiError && e.conflict) {
          update(item.id, { status: 'conflict', message: e.message });
        } else if (e instanceof ApiError && e.status >= 500) {
          update(item.id, { status: 'pending', message: e.message });
        } else {
          update(item.id, { status: 'failed', message: e instanceof Error ? e.message : '提交失败' });
        }
      }
    }
    const all = outbox();
    return {
      sent,
      waiting: all.filter((x) => x.status === 'pending' || x.status === 'sending').length,
      problems: all.filter((x) => x.status === 'conflict' || x.status === 'failed').length,
      offline,
    };
  })().finally(() => {
    running = null;
  });
  return running;
}
