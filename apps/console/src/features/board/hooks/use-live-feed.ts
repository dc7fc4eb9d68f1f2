import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { authorizationHeaders } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';
import { session } from '../../../lib/session';

export type LiveEventType = 'lead.created' | 'lead.status' | 'task.created' | 'task.status' | 'target.status';

export interface LiveEvent {
  id: string;
  type: LiveEventType;
  at: string;
  data: Record<string, unknown> & { id: string };
}

export type FeedState = 'connecting' | 'open' | 'retrying' | 'closed';

class FatalFeedError extends Error {}

const KEEP = 200;

/**
 * The operation's live feed, read with fetch so the bearer token travels in a header (EventSource
 * cannot send one, and a token in a URL would end up in logs). Each event refreshes the lists and
 * records it touches; the running list keeps the newest 200.
 */
export function useLiveFeed(operationId: string) {
  const client = useQueryClient();
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [state, setState] = useState<FeedState>('connecting');

  useEffect(() => {
    const controller = new AbortController();
    let sequence = 0;
    void fetchEventSource(`/api/operations/${operationId}/events`, {
      headers: { ...authorizationHeaders(), Accept: 'text/event-stream' },
      signal: controller.signal,
      openWhenHidden: true,
      async onopen(response) {
        if (response.ok) return setState('open');
        if (response.status === 401) session.expire();
        throw new FatalFeedError(`HTTP ${response.status}`);
      },
      onmessage(message) {
        if (!message.data) return;
        const parsed = JSON.parse(message.data) as Omit<LiveEvent, 'id'>;
        const event: LiveEvent = {
          ...parsed,
          type: (message.event || parsed.type) as LiveEventType,
          id: `${Date.now()}-${sequence++}`,
        };
        setEvents((previous) => [event, ...previous].slice(0, KEEP));
        invalidateFor(event);
      },
      onerror(error) {
        if (error instanceof FatalFeedError) {
          setState('closed');
          throw error;
        }
        setState('retrying');
        return 2_000;
      },
    }).catch(() => setState('closed'));
    return () => controller.abort();

    function invalidateFor(event: LiveEvent) {
      void client.invalidateQueries({ queryKey: queryKeys.figures(operationId) });
      if (event.type.startsWith('lead.')) {
        void client.invalidateQueries({ queryKey: queryKeys.leads(operationId) });
        void client.invalidateQueries({ queryKey: queryKeys.lead(event.data.id) });
      } else if (event.type.startsWith('task.')) {
        void client.invalidateQueries({ queryKey: queryKeys.tasks(operationId) });
        void client.invalidateQueries({ queryKey: queryKeys.task(event.data.id) });
      } else {
        void client.invalidateQueries({ queryKey: queryKeys.targets(operationId) });
        void client.invalidateQueries({ queryKey: queryKeys.target(event.data.id) });
      }
    }
  }, [client, operationId]);

  return { events, state };
}
