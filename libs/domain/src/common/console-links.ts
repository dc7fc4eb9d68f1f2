/**
 * The web console's pages that e-mails link to: the one place their paths are written. E-mails link
 * to pages a browser can open after signing in, never to JSON API URLs (those answer 401 there).
 */
export function consoleLinks(publicUrl: string) {
  const page = (path: string) => `${publicUrl.replace(/\/+$/, '')}${path}`;
  const operation = (operationId: string) => page(`/operations/${operationId}`);
  return {
    /** The operation board. */
    operation,
    target: (operationId: string, targetId: string) => `${operation(operationId)}/targets/${targetId}`,
    task: (operationId: string, taskId: string) => `${operation(operationId)}/tasks/${taskId}`,
    lead: (operationId: string, leadId: string) => `${operation(operationId)}/leads/${leadId}`,
    noticeRequest: (operationId: string, requestId: string) => `${operation(operationId)}/notice-requests/${requestId}`,
    export: (operationId: string, exportId: string) => `${operation(operationId)}/exports/${exportId}`,
    audit: () => page('/admin/audit'),
  };
}
