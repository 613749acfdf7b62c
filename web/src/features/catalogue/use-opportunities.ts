// The catalogue list, page by page with the API's cursor: the public list, or for a signed-in
// member their own (nearest their home, each with its prediction). "More" appends the next page.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ListQuery, type Opportunity, type Prediction, listMyOpportunities, listOpportunities } from './api';

export const PAGE_SIZE = 10;

export type ListedOpportunity = Opportunity & { prediction?: Prediction };

interface State {
  items: ListedOpportunity[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
}

/** `accountId` undefined: not known yet (nothing loads); null: the public list. */
export function useOpportunities(accountId: string | null | undefined, query: ListQuery) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: true, loadingMore: false, error: undefined });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (cursor?: string) => {
      const q = { ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
      return accountId ? listMyOpportunities(accountId, q) : listOpportunities(q);
    },
    [accountId, key],
  );

  useEffect(() => {
    if (accountId === undefined) return;
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fetchPage().then(
      (page) => mine === generation.current && setState({ items: page.items, nextCursor: page.nextCursor, loading: false, loadingMore: false, error: undefined }),
      (error: unknown) => mine === generation.current && setState({ items: [], nextCursor: null, loading: false, loadingMore: false, error }),
    );
  }, [fetchPage, tick]);

  /** Loads the next page; resolves with the id of its first item (to move focus there). */
  const more = useCallback(async (): Promise<string | undefined> => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return undefined;
    const mine = generation.current;
    setState((s) => ({ ...s, loadingMore: true, error: undefined }));
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation.current) return undefined;
      setState((s) => ({ ...s, items: [...s.items, ...page.items.filter((i) => !s.items.some((x) => x.id === i.id))], nextCursor: page.nextCursor, loadingMore: false }));
      return page.items[0]?.id;
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, loadingMore: false, error }));
      return undefined;
    }
  }, [fetchPage, state.nextCursor, state.loadingMore]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, more, reload };
}
