import { Injectable } from '@nestjs/common';
import { LeadNotifications } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';

/** E-mails about new leads. */
@Injectable()
export class LeadsProcessor {
  constructor(private readonly leads: LeadNotifications) {}

  @JobHandler(JobName.LeadReportedEmail)
  leadReported(data: JobPayloads[JobName.LeadReportedEmail]): Promise<void> {
    return this.leads.sendReportedEmail(data.leadId);
  }
}
