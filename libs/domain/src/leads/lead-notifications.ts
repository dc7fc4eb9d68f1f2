import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, escapeHtml, MailService, type MailMessage } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { countryName, Role } from '../common';
import { User } from '../accounts';
import { Operation, Participant } from '../operations';
import { Target } from '../targets';
import { Lead } from './lead.entity';
import { isRestricted, type LeadType } from './lead-vocabulary';

/** Composes and sends the e-mails about new leads. */
@Injectable()
export class LeadNotifications {
  private readonly logger = new Logger(LeadNotifications.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Tells the wanted-by country's focal points and the coordinators, in two messages so neither
   * sees the other's addresses. An H2 or H3 lead's content (narrative, place, coordinates) never goes
   * into an e-mail: those messages only say that a restricted lead is waiting in Dragnet.
   */
  async sendReportedEmail(leadId: string): Promise<void> {
    const manager = this.dataSource.manager;
    const lead = await manager.findOneBy(Lead, { id: leadId });
    if (!lead) {
      this.logger.log(`Lead ${leadId} is gone; no e-mail`);
      return;
    }
    const [target, operation] = await Promise.all([
      manager.findOneByOrFail(Target, { id: lead.targetId }),
      manager.findOneByOrFail(Operation, { id: lead.operationId }),
    ]);
    const [wantedBy, coordinators] = await Promise.all([
      manager.findOneBy(Participant, { operationId: operation.id, country: target.wantedByCountry }),
      manager.find(User, { where: { role: Role.Coordinator, active: true }, order: { email: 'ASC' } }),
    ]);
    const message = this.compose(lead, target, operation);
    const audiences: [string, string[]][] = [
      ['wanted-by', wantedBy?.focalPointEmails ?? []],
      ['coordinators', coordinators.map((user) => user.email)],
    ];
    for (const [audience, to] of audiences) {
      if (to.length > 0) await this.mail.sendOnce(`lead-reported:${lead.id}:${audience}`, { ...message, to });
    }
  }

  private compose(lead: Lead, target: Target, operation: Operation): Omit<MailMessage, 'to'> {
    const restricted = isRestricted(lead.handlingCode);
    const facts = factsOf(lead, target, restricted);
    const about = restricted ? `(${lead.handlingCode}, restricted)` : `in ${countryName(lead.country)}`;
    const subject = `[${operation.code}] New lead on ${target.reference}: ${typeLabel(lead.type)} ${about}`;
    const intro = `A new location lead was reported in operation ${operation.name} (${operation.code}).`;
    const notice = `This lead is graded ${lead.handlingCode}: its content is restricted and is not sent by e-mail. Coordinators and the reporting country can read it in Dragnet.`;
    const link = `${this.config.PUBLIC_URL}/api/leads/${lead.id}`;
    const text = [
      intro,
      '',
      ...facts.map(([label, value]) => `${label}: ${value}`),
      '',
      ...(restricted ? [notice] : ['Narrative:', lead.narrative]),
      '',
      `Lead in Dragnet: ${link}`,
    ].join('\n');
    const html = `<p>${escapeHtml(intro)}</p>
<ul>${facts.map(([label, value]) => `<li>${escapeHtml(label)}: ${escapeHtml(value)}</li>`).join('')}</ul>
${restricted ? `<p>${escapeHtml(notice)}</p>` : `<p>Narrative:</p><blockquote>${escapeHtml(lead.narrative)}</blockquote>`}
<p><a href="${escapeHtml(link)}">Open the lead in Dragnet</a></p>`;
    return { subject, text, html };
  }
}

const typeLabel = (type: LeadType): string => type.replace(/_/g, ' ');

/** What an e-mail says of a lead; where the person is only when the handling code lets it travel. */
function factsOf(lead: Lead, target: Target, restricted: boolean): [string, string][] {
  const name = [target.givenNames, target.familyName].filter(Boolean).join(' ');
  const facts: [string, string][] = [
    ['Target', `${target.reference} (${name})`],
    ['Reported by', `${countryName(lead.reportingCountry)} (${lead.reportingCountry})`],
    ['Lead type', typeLabel(lead.type)],
    ['Grading', `${lead.sourceReliability}${lead.informationAssessment} ${lead.handlingCode}`],
    ['Observed at', lead.observedAt.toISOString()],
  ];
  if (restricted) return facts;
  facts.push(['Believed to be in', `${lead.place}, ${countryName(lead.country)} (${lead.country})`]);
  if (lead.latitude !== null) facts.push(['Coordinates', `${lead.latitude}, ${lead.longitude}`]);
  return facts;
}
