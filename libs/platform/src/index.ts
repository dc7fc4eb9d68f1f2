export * from './config/app-config';
export * from './config/config.module';
export * from './database/data-source-options';
export * from './database/database-url';
export * from './database/database.module';
export * from './database/migrate';
export * from './errors/domain-error';
export * from './http/http-error.filter';
export * from './http/pagination';
export * from './http/request-id';
export * from './http/validation';
export * from './mail/html';
export * from './mail/mail-delivery.entity';
export * from './mail/mail.module';
export * from './mail/mail.service';
export * from './queue/job-catalog';
export * from './queue/job-dispatcher.service';
export * from './queue/job-handler.decorator';
export * from './queue/job-producer.service';
export * from './queue/outbox-message.entity';
export * from './queue/outbox-relay.service';
export * from './queue/outbox.service';
export * from './queue/queue.module';
export * from './queue/redis-connection';

import { MailDelivery } from './mail/mail-delivery.entity';
import { OutboxMessage } from './queue/outbox-message.entity';

export const platformEntities = [OutboxMessage, MailDelivery];
