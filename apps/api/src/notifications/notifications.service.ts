import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MatcherService } from '../eligibility/matcher.service.js';
import type { ScreeningRunEntity } from '../screenings/screening.entity.js';
import { ScreeningsService } from '../screenings/screenings.service.js';
import type { SubmissionEntity } from '../submissions/submission.entity.js';
import { SubmissionsService } from '../submissions/submissions.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { policyFoundText, statusChangeText, type FoundPolicy, type MessageText } from './message-text.js';
import type { MessageTemplateDto, NotificationDto } from './notification.dto.js';
import { MESSAGE_KINDS, type MessageKind, type NotificationEntity } from './notification.entity.js';
import { NotificationsRepository } from './notifications.repository.js';
import { WechatMessagesClient } from './wechat-messages.client.js';

const TITLES: Readonly<Record<MessageKind, string>> = {
  policy_found: '有新的帮助可能适合您家时通知我',
  status_change: '我提交的信息有审核结果时通知我',
};

/** WeChat: the user refused or withdrew the subscription (no acceptance left on WeChat's side). */
const REFUSED = 43101;

/**
 * 订阅消息. "The policy found you": after a screening, each bound resident whose household was
 * found newly eligible is told once, in plain words, what they may receive and how to apply; and a
 * resident is told when their report is reviewed. Never more messages than the resident accepted
 * (one per acceptance of a template, as WeChat's one-time subscriptions allow); without an
 * acceptance the message is kept for the resident's own list in the mini-program only. The grid
 * worker's outreach task (monitoring) is untouched.
 */
@Injectable()
export class NotificationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly users: UsersRepository,
    private readonly wechat: WechatMessagesClient,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly screenings: ScreeningsService,
    private readonly submissions: SubmissionsService,
    private readonly matcher: MatcherService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.screenings.onCompleted((run) => this.afterScreening(run));
    this.submissions.onReviewed((s) => this.afterReview(s));
  }

  templateId(kind: MessageKind): string {
    return kind === 'policy_found' ? this.config.wechat.templates.policyFound : this.config.wechat.templates.statusChange;
  }

  async templates(auth: AuthContext): Promise<MessageTemplateDto[]> {
    this.residentOnly(auth);
    const rows = new Map((await this.repo.subscriptionsOf(auth.userId)).map((r) => [r.kind, r]));
    return MESSAGE_KINDS.map((kind) => {
      const templateId = this.templateId(kind);
      const row = rows.get(kind);
      return { kind, templateId, title: TITLES[kind], remaining: row && row.templateId === templateId ? row.remaining : 0 };
    });
  }

  /** Counts what the resident accepted in wx.requestSubscribeMessage: one message per accepted template. */
  async accept(auth: AuthContext, accepted: readonly string[]): Promise<MessageTemplateDto[]> {
    this.residentOnly(auth);
    const now = this.clock.iso();
    const kinds = MESSAGE_KINDS.filter((k) => accepted.includes(this.templateId(k)));
    if (kinds.length === 0 && accepted.length > 0) throw new AppError('VALIDATION_FAILED', '没有可订阅的消息模板');
    for (const kind of kinds) await this.repo.addAcceptances(auth.userId, kind, this.templateId(kind), 1, now);
    await this.audit.record(auth, { action: 'notification.subscribe', entityType: 'user', entityId: auth.userId, detail: { kinds } });
    return this.templates(auth);
  }

  async list(auth: AuthContext): Promise<NotificationDto[]> {
    this.residentOnly(auth);
    return (await this.repo.listFor(auth.userId, 50)).map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      page: n.page,
      status: n.status,
      createdAt: n.createdAt,
      fields: (JSON.parse(n.content) as Array<{ label: string; value: string }>).map((f) => ({ label: f.label, value: f.value })),
    }));
  }

  private residentOnly(auth: AuthContext): void {
    if (auth.role !== 'resident') throw new AppError('FORBIDDEN');
  }

  /** After a completed screening: one message per resident and household newly found eligible. */
  async afterScreening(run: ScreeningRunEntity): Promise<void> {
    const rows = await this.repo.newlyEligibleRecipients(run.id);
    if (rows.length === 0) return;
    const lib = await this.matcher.load();
    const groups = new Map<string, { userId: string; openid: string | null; householdId: string; codes: string[] }>();
    for (const r of rows) {
      const key = `${r.userId}:${r.householdId}`;
      const g = groups.get(key) ?? { userId: r.userId, openid: r.openid, householdId: r.householdId, codes: [] };
      if (!g.codes.includes(r.policyCode)) g.codes.push(r.policyCode);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      const found: FoundPolicy[] = [];
      // In the library's order (basic assistance first), so ties in the estimate name the main one.
      for (const def of lib.policies.map((p) => p.definition).filter((d) => g.codes.includes(d.code))) {
        found.push({ name: def.name, amount: await this.repo.benefitAmount(g.householdId, def.code), unit: def.benefitFormula?.unit });
      }
      if (found.length === 0) continue;
      await this.tell(g.userId, g.openid, g.householdId, 'policy_found', `screening:${run.id}:${g.householdId}`, policyFoundText(found), 'pages/help/index');
    }
  }

  /** After a review decision on a resident's own report. */
  async afterReview(s: SubmissionEntity): Promise<void> {
    if (s.submittedByRole !== 'resident' || !['approved', 'returned', 'rejected'].includes(s.status)) return;
    const user = await this.users.findById(s.submittedBy);
    if (!user || user.role !== 'resident' || user.disabledAt) return;
    const page = s.status === 'approved' ? 'pages/help/index' : 'pages/status/index';
    await this.tell(
      user.id,
      user.openid,
      s.householdId,
      'status_change',
      `submission:${s.id}:${s.status}`,
      statusChangeText(s.kind, s.status, s.reviewReason, s.updatedAt),
      page,
    );
  }

  /** Records the message once per event, and sends it through WeChat only against an unspent acceptance. */
  private async tell(
    userId: string,
    openid: string | null,
    householdId: string | null,
    kind: MessageKind,
    eventKey: string,
    text: MessageText,
    page: string,
  ): Promise<void> {
    const now = this.clock.iso();
    const n: NotificationEntity = {
      id: randomUUID(),
      userId,
      householdId,
      kind,
      eventKey: eventKey.slice(0, 100),
      title: text.title,
      content: JSON.stringify(text.fields.map((f) => ({ label: f.label, value: f.value }))),
      page,
      status: 'not_subscribed',
      errcode: null,
      createdAt: now,
    };
    if (!(await this.repo.insertOnce(n))) return;
    if (!openid || !(await this.repo.spend(userId, kind, now))) {
      await this.audit.record(null, {
        action: 'notification.withheld',
        entityType: 'notification',
        entityId: n.id,
        householdId,
        detail: { kind, reason: openid ? 'not_subscribed' : 'no_openid' },
      });
      return;
    }
    if (!this.config.wechat.sendMessages) {
      await this.repo.setStatus(n.id, 'recorded', null);
      await this.audit.record(null, { action: 'notification.recorded', entityType: 'notification', entityId: n.id, householdId, detail: { kind } });
      return;
    }
    let errcode: number;
    try {
      errcode = await this.wechat.send(openid, this.templateId(kind), page, text);
    } catch {
      errcode = -1; // WeChat unreachable
    }
    if (errcode === 0) {
      await this.repo.setStatus(n.id, 'sent', null);
    } else {
      await this.repo.setStatus(n.id, 'failed', errcode);
      if (errcode === REFUSED) await this.repo.exhaust(userId, kind, now);
      else await this.repo.refund(userId, kind, now);
      this.logger.warn(`Subscription message ${n.id} (${kind}) not delivered: errcode ${errcode}`);
    }
    await this.audit.record(null, {
      action: errcode === 0 ? 'notification.sent' : 'notification.failed',
      entityType: 'notification',
      entityId: n.id,
      householdId,
      detail: { kind, errcode },
    });
  }
}
