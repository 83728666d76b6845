import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_MS, nextPublicationChange, startPublishTimer } from './publish-timer.ts';

const at = (iso: string) => new Date(iso);
afterEach(() => vi.useRealTimers());

describe('publish at the minute', () => {
  it('finds the next publishDate or expiryDate after now, leaving drafts and the past out', () => {
    const now = Date.parse('2026-12-07T09:00:00Z');
    const items = [
      { draft: false, publishDate: at('2026-12-07T08:00:00Z') },
      { draft: false, publishDate: at('2026-12-07T08:00:00Z'), expiryDate: at('2026-12-09T17:00:00Z') },
      { draft: true, publishDate: at('2026-12-07T09:30:00Z') },
      { draft: false, publishDate: at('2026-12-08T06:00:00Z') },
      { draft: false },
    ];
    expect(nextPublicationChange(items, now)).toBe(Date.parse('2026-12-08T06:00:00Z'));
    expect(nextPublicationChange(items, Date.parse('2026-12-08T06:00:00Z'))).toBe(Date.parse('2026-12-09T17:00:00Z'));
    expect(nextPublicationChange(items, Date.parse('2026-12-10T00:00:00Z'))).toBeUndefined();
  });

  it('asks for a rebuild at the moment itself, then waits for the next one; one weeks away is re-checked daily', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T09:00:00Z') });
    const news = [{ draft: false, publishDate: at('2026-12-07T09:30:00Z') }, { draft: false, publishDate: at('2026-12-07T08:00:00Z'), expiryDate: at('2026-12-31T12:00:00Z') }];
    const rebuild = vi.fn();
    const timer = startPublishTimer({ load: () => news, rebuild });
    expect(timer.next()).toBe(Date.parse('2026-12-07T09:30:00Z'));
    vi.advanceTimersByTime(30 * 60_000 - 1);
    expect(rebuild).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(timer.next()).toBe(Date.parse('2026-12-31T12:00:00Z'));
    // 24 days away: the timer wakes daily without building, and builds at the expiry.
    vi.advanceTimersByTime(MAX_WAIT_MS * 3);
    expect(rebuild).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.parse('2026-12-31T11:59:00Z'));
    timer.reschedule();
    vi.advanceTimersByTime(60_000);
    expect(rebuild).toHaveBeenCalledTimes(2);
    expect(timer.next()).toBeUndefined();
    timer.stop();
  });

  it('looks again after a build: a new item scheduled earlier moves the timer forward', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T09:00:00Z') });
    const news = [{ draft: false, publishDate: at('2026-12-08T09:00:00Z') }];
    const rebuild = vi.fn();
    const timer = startPublishTimer({ load: () => news, rebuild });
    news.push({ draft: false, publishDate: at('2026-12-07T10:15:00Z') });
    timer.reschedule();
    expect(timer.next()).toBe(Date.parse('2026-12-07T10:15:00Z'));
    vi.advanceTimersByTime(75 * 60_000);
    expect(rebuild).toHaveBeenCalledTimes(1);
    timer.stop();
  });
});
