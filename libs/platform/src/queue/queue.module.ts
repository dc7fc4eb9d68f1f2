import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobDispatcher } from './job-dispatcher.service';
import { JobProducer } from './job-producer.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';

/** What every process needs: writing jobs to the outbox. */
@Global()
@Module({
  providers: [OutboxService, JobProducer],
  exports: [OutboxService, JobProducer],
})
export class QueueModule {}

/** What only the worker process runs: the outbox relay and the BullMQ workers. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay, JobDispatcher],
})
export class QueueWorkerModule {}
