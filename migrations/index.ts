import { Initial1795457525566 } from './1795457525566-Initial';
import { Targets1795458906219 } from './1795458906219-Targets';
import { NoticeRequests1795460324879 } from './1795460324879-NoticeRequests';
import { LeadsAndTasks1795462802849 } from './1795462802849-LeadsAndTasks';
import { SecurityAudit1795953537786 } from './1795953537786-SecurityAudit';
import { IdempotencyInOneTransaction1795953545158 } from './1795953545158-IdempotencyInOneTransaction';
import { StatusAndReminders1795953680034 } from './1795953680034-StatusAndReminders';
import { Exports1795953693911 } from './1795953693911-Exports';
import { FinalStatusSnapshot1795956279509 } from './1795956279509-FinalStatusSnapshot';
import { RateLimits1796188902754 } from './1796188902754-RateLimits';
import { Networks1796189028679 } from './1796189028679-Networks';
import { NetworksExportScope1796193630843 } from './1796193630843-NetworksExportScope';
import { TargetListSorts1796200000000 } from './1796200000000-TargetListSorts';

/** Every migration, oldest first. New ones are generated with `npm run migration:generate -- Name`. */
export const migrations = [
  Initial1795457525566,
  Targets1795458906219,
  NoticeRequests1795460324879,
  LeadsAndTasks1795462802849,
  SecurityAudit1795953537786,
  IdempotencyInOneTransaction1795953545158,
  StatusAndReminders1795953680034,
  Exports1795953693911,
  FinalStatusSnapshot1795956279509,
  RateLimits1796188902754,
  Networks1796189028679,
  NetworksExportScope1796193630843,
  TargetListSorts1796200000000,
];
