import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueBackend } from '../backends/queue-backend';
import { LiveEventBus } from '../events/live-event-bus';
import { DeploymentNamespace } from './deployment-namespace';
import { JobDispatcher } from './job-dispatcher.service';
import { JobProducer } from './job-producer.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';

/** What every process needs: writing jobs to the outbox, and publishing live events. */
@Global()
@Module({
  providers: [QueueBackend, DeploymentNamespace, OutboxService, JobProducer, LiveEventBus],
  exports: [QueueBackend, OutboxService, JobProducer, LiveEventBus],
})
export class QueueModule {}

/** What only the worker process runs: the outbox relay and the BullMQ workers. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay, JobDispatcher],
})
export class QueueWorkerModule {}
