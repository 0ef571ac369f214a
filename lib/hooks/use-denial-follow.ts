'use client';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import useSWR from 'swr';
import { fetchJson, type ApiClientError } from './fetcher';
import { useHostId } from './host-context';
import { denialFollowKey, type DenialFollowResponse, type DenialQuery } from '../contracts/denials';
import { EMPTY_FEED, followFeed } from '../denials/follow-feed';

/** How often a follower asks; the server reads the host's log at most this often anyway. */
export const FOLLOW_EVERY_MS = 2_000;

interface Answer {
  /** The cursor the request was made with: an answer to an outdated one is not applied twice. */
  after: string | null;
  answer: DenialFollowResponse;
}

/**
 * Live follow of a host's denials: while `following`, asks /api/denials/follow
 * every 2 s from where the last answer ended. Pausing keeps following (what
 * arrives waits, counted) so Resume loses nothing; new filters start afresh.
 */
export function useDenialFollow(query: Pick<DenialQuery, 'snap' | 'kind'>, following: boolean) {
  const host = useHostId();
  const key = following ? denialFollowKey(host, query) : null;
  const cursor = useRef<string | null>(null);
  const [feed, dispatch] = useReducer(followFeed, EMPTY_FEED);

  useEffect(() => {
    cursor.current = null;
    dispatch({ type: 'reset' });
  }, [key]);

  const { error } = useSWR<Answer, ApiClientError>(
    key,
    async () => {
      const after = cursor.current;
      return { after, answer: await fetchJson<DenialFollowResponse>(denialFollowKey(host, query, after)) };
    },
    {
      refreshInterval: FOLLOW_EVERY_MS,
      dedupingInterval: 0,
      revalidateOnFocus: false,
      // SWR stops polling while the last ask failed: ask again in 2 s, from the same place (nothing is lost),
      // unless asking again cannot help
      onErrorRetry: (err, _key, _config, revalidate, { retryCount }) => {
        if ([400, 401, 403, 404].includes(err.status)) return;
        setTimeout(() => void revalidate({ retryCount }), FOLLOW_EVERY_MS);
      },
      onSuccess: ({ after, answer }) => {
        if (after !== cursor.current) return;
        cursor.current = answer.cursor;
        dispatch({ type: 'answer', answer });
      },
    },
  );
  const pause = useCallback(() => dispatch({ type: 'pause' }), []);
  const resume = useCallback(() => dispatch({ type: 'resume' }), []);
  return { feed, error: following ? error : undefined, pause, resume };
}
