export enum ExportFormat {
  Csv = 'csv',
  Xlsx = 'xlsx',
  Json = 'json',
}

/** Which parts of the results a file holds. */
export enum ExportScope {
  Targets = 'targets',
  Summary = 'summary',
  /** The per-network figures alone (a CSV of its own; a sheet or key in the others with the summary). */
  Networks = 'networks',
  All = 'all',
}

export enum ExportStatus {
  Queued = 'queued',
  Running = 'running',
  Ready = 'ready',
  Failed = 'failed',
  Expired = 'expired',
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  [ExportFormat.Csv]: 'text/csv; charset=utf-8',
  [ExportFormat.Xlsx]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ExportFormat.Json]: 'application/json',
};
