import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, escapeHtml, MailService } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { countryName } from '../common';
import { Operation } from './operation.entity';
import { Participant } from './participant.entity';

/** Composes and sends the e-mails about participating countries. */
@Injectable()
export class ParticipantNotifications {
  private readonly logger = new Logger(ParticipantNotifications.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  /** Tells a country's focal points that their country has joined the operation; once per participant. */
  async sendJoinedEmail(participantId: string): Promise<void> {
    const participant = await this.dataSource.getRepository(Participant).findOne({
      where: { id: participantId },
      relations: { operation: true },
    });
    if (!participant) {
      this.logger.log(`Participant ${participantId} was removed before its welcome e-mail went out`);
      return;
    }
    const operation = participant.operation as Operation;
    const country = countryName(participant.country);
    const link = `${this.config.PUBLIC_URL}/api/operations/${operation.id}`;
    const phase = [
      operation.nominationOpensOn && `Nominations open: ${operation.nominationOpensOn}`,
      operation.operationalStart &&
        `Operational phase: ${operation.operationalStart} to ${operation.operationalEnd ?? 'open'}`,
    ].filter(Boolean) as string[];
    const roles = participant.roles.length ? participant.roles.join(', ') : 'to be confirmed';
    const subject = `[${operation.code}] ${country} has joined ${operation.name}`;
    const text = [
      `Dear colleagues at ${participant.ncbName},`,
      '',
      `${country} (${participant.country}) now takes part in operation ${operation.name} (${operation.code}) as a ${roles} country.`,
      ...phase,
      '',
      `Operation details: ${link}`,
      '',
      'You receive this message as a focal point of your National Central Bureau for this operation.',
    ].join('\n');
    const html = `<p>Dear colleagues at ${escapeHtml(participant.ncbName)},</p>
<p><strong>${escapeHtml(country)} (${escapeHtml(participant.country)})</strong> now takes part in operation
<strong>${escapeHtml(operation.name)}</strong> (${escapeHtml(operation.code)}) as a ${escapeHtml(roles)} country.</p>
${phase.length ? `<ul>${phase.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}
<p><a href="${escapeHtml(link)}">Open the operation in Dragnet</a></p>
<p>You receive this message as a focal point of your National Central Bureau for this operation.</p>`;
    await this.mail.sendOnce(`participant-joined:${participant.id}`, {
      to: participant.focalPointEmails,
      subject,
      text,
      html,
    });
  }
}
