/**
 * Every server-state cache key, in one place, so a change seen in one feature (a live event, a
 * mutation) can refresh what another feature shows without the features importing each other.
 */
export const queryKeys = {
  me: ['me'] as const,
  operations: (filters?: object) => (filters ? (['operations', filters] as const) : (['operations'] as const)),
  operation: (operationId: string) => ['operation', operationId] as const,
  participants: (operationId: string) => ['operation', operationId, 'participants'] as const,
  members: (operationId: string) => ['operation', operationId, 'members'] as const,
  figures: (operationId: string) => ['operation', operationId, 'figures'] as const,
  figuresHistory: (operationId: string) => ['operation', operationId, 'figures-history'] as const,
  targets: (operationId: string, filters?: object) =>
    filters
      ? (['operation', operationId, 'targets', filters] as const)
      : (['operation', operationId, 'targets'] as const),
  duplicates: (operationId: string) => ['operation', operationId, 'duplicates'] as const,
  target: (targetId: string) => ['target', targetId] as const,
  tasks: (operationId: string, filters?: object) =>
    filters ? (['operation', operationId, 'tasks', filters] as const) : (['operation', operationId, 'tasks'] as const),
  task: (taskId: string) => ['task', taskId] as const,
  leads: (operationId: string, filters?: object) =>
    filters ? (['operation', operationId, 'leads', filters] as const) : (['operation', operationId, 'leads'] as const),
  lead: (leadId: string) => ['lead', leadId] as const,
  request: (requestId: string) => ['request', requestId] as const,
  exports: (operationId: string) => ['operation', operationId, 'exports'] as const,
  export: (exportId: string) => ['export', exportId] as const,
  users: (filters?: object) => (filters ? (['users', filters] as const) : (['users'] as const)),
  audit: (filters?: object) => (filters ? (['audit', filters] as const) : (['audit'] as const)),
};
