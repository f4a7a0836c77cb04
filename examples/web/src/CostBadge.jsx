/**
 * What one response cost at the gateway (its extensions.cache): calls to Spotify (or the demo
 * catalog) and the gateway cache's hits and misses. A result the client's own cache answered made
 * no request at all.
 */
export function CostBadge({ result }) {
  const cost = result?.extensions?.cache;
  if (cost) {
    const stale = cost.stale ? ` · ${cost.stale} stale` : '';
    return (
      <span className={cost.upstreamCalls === 0 ? 'cost warm' : 'cost cold'} data-testid="cost-badge"
            title="This response's extensions.cache: calls the gateway made upstream, and its cache hits and misses">
        {plural(cost.upstreamCalls, 'upstream call')} · {plural(cost.hits, 'hit')} · {plural(cost.misses, 'miss', 'misses')}{stale}
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
