import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  AccountsModule,
  AuditModule,
  dragnetSchema,
  ExportsModule,
  LeadsModule,
  LiveModule,
  NetworksModule,
  NoticesModule,
  OperationsModule,
  RemindersModule,
  RollupsModule,
  TargetsModule,
  TasksModule,
} from '@dragnet/domain';
import { QueueDashboard } from './admin/queue-dashboard';
import { QueueDashboardController } from './admin/queue-dashboard.controller';
import { ConsoleModule } from './console/console.module';
import { RemindersController } from './reminders/reminders.controller';
import { RollupsController } from './rollups/rollups.controller';
import { ExportsController } from './exports/exports.controller';
import { LiveFeedController } from './live/live-feed.controller';
import { ConfigModule, DatabaseModule, HttpErrorFilter, MailModule, QueueModule } from '@dragnet/platform';
import { MeController } from './accounts/me.controller';
import { UsersController } from './accounts/users.controller';
import { AdminBootstrap } from './admin-bootstrap.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { AuditController } from './audit/audit.controller';
import { HealthController } from './health/health.controller';
import { LeadController } from './leads/lead.controller';
import { LeadsController } from './leads/leads.controller';
import { NoticeRequestsController } from './notices/notice-requests.controller';
import { NoticeRequestController } from './notices/notice-request.controller';
import { MembersController } from './operations/members.controller';
import { LinksController } from './networks/links.controller';
import { NetworksController } from './networks/networks.controller';
import { OperationsController } from './operations/operations.controller';
import { ParticipantsController } from './operations/participants.controller';
import { DuplicatesController } from './targets/duplicates.controller';
import { TargetImportController } from './targets/target-import.controller';
import { TargetsController } from './targets/targets.controller';
import { WarrantsController } from './targets/warrants.controller';
import { TaskController } from './tasks/task.controller';
import { TasksController } from './tasks/tasks.controller';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule.forRoot(dragnetSchema),
    QueueModule,
    MailModule,
    TerminusModule.forRoot({ logger: false }),
    AccountsModule,
    OperationsModule,
    TargetsModule,
    NoticesModule,
    LeadsModule,
    TasksModule,
    NetworksModule,
    LiveModule,
    RollupsModule,
    RemindersModule,
    ExportsModule,
    AuditModule,
    ConsoleModule,
  ],
  // Naming: `<things>.controller.ts` (ThingsController) serves a resource; where its routes are split, it keeps the
  // collection and `<thing>.controller.ts` (ThingController) serves one item at `<things>/:id`.
  controllers: [
    AuthController,
    MeController,
    UsersController,
    OperationsController,
    ParticipantsController,
    MembersController,
    DuplicatesController,
    // Before TargetsController, so GET targets/import-template.csv is not taken for targets/:id.
    TargetImportController,
    TargetsController,
    WarrantsController,
    NoticeRequestsController,
    NoticeRequestController,
    LeadsController,
    LeadController,
    TasksController,
    LiveFeedController,
    TaskController,
    RollupsController,
    RemindersController,
    NetworksController,
    LinksController,
    ExportsController,
    HealthController,
    AuditController,
    QueueDashboardController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    AdminBootstrap,
    QueueDashboard,
    LoginRateLimiter,
  ],
})
export class ApiModule {}
