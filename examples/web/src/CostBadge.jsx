import { useRef } from 'react';

/**
 * What the last response for a query cost at the gateway (its extensions.cache): calls to Spotify
 * (or the demo catalog) and the gateway cache's hits and misses. It stays while the client's cache
 * later re-renders the same query (another query wrote to a record it shows): that made no request.
 * A query the client's cache answered from the start made none either.
 */
export function CostBadge({ result }) {
  const seen = useRef(null);
  const cost = result?.extensions?.cache;
  if (cost) {
    seen.current = cost;
  }
  const shown = seen.current;
  if (shown) {
    const stale = shown.stale ? ` · ${shown.stale} stale` : '';
    return (
      <span className={shown.upstreamCalls === 0 ? 'cost warm' : 'cost cold'} data-testid="cost-badge"
            title="This query's last response, its extensions.cache: calls the gateway made upstream, and its cache hits and misses">
        {plural(shown.upstreamCalls, 'upstream call')} · {plural(shown.hits, 'hit')} · {plural(shown.misses, 'miss', 'misses')}{stale}
      </span>
    );
  }
  if (result?.operation?.context?.meta?.cacheOutcome === 'hit') {
    return <span className="cost client" data-testid="cost-badge" title="Answered by the client's normalised cache: no request">client cache</span>;
  }
  return null;
}

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
