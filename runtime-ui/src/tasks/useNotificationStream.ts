import type { Notification } from '@forecourt/schemas/api';
import { useEffect, useRef } from 'react';

export type { Notification };

/**
 * Listens to `GET /api/notifications/stream` (server-sent events) while mounted and calls back with
 * each new notification. The browser reconnects by itself (the server ends a stream every few
 * minutes and says `retry`), sending the last id so nothing that arrived meanwhile is lost.
 */
export function useNotificationStream(onNotification: (notification: Notification) => void): void {
  const callback = useRef(onNotification);
  callback.current = onNotification;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream');
    const listener = (event: MessageEvent<string>) => {
      try {
        callback.current(JSON.parse(event.data) as Notification);
      } catch {
        // A malformed event is skipped; the next one still arrives.
      }
    };
    source.addEventListener('notification', listener);
    return () => {
      source.removeEventListener('notification', listener);
      source.close();
    };
  }, []);
}
