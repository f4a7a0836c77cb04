// Starts GraphiQL against this gateway. Kept out of the HTML so the page needs no inline script.
(function () {
  'use strict';
  var container = document.getElementById('graphiql');
  var path = container.getAttribute('data-graphql-path') || '/graphql';
  var defaultQuery = [
    '# playlist-gateway: your playlists and their tracks.',
    '# The bar above shows what the last response cost (its extensions.cache: upstream calls, hits, misses).',
    '{',
    '  me {',
    '    displayName',
    '    playlists(first: 5) {',
    '      totalCount',
    '      nodes {',
    '        id',
    '        name',
    '        trackCount',
    '        tracks(first: 5) {',
    '          edges { addedAt node { name artists { name } album { name } } }',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');
  // Same-origin POST with Content-Type: application/json (createFetcher's own), as the gateway requires.
  // No incremental delivery (the gateway has no @defer): each answer is one JSON object, whose cost
  // the bar can show.
  var fetcher = showingCost(GraphiQL.createFetcher({ url: path, enableIncrementalDelivery: false }));
  showSession(path);
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true })
  );

  // The last response's cost, in the bar above the editor: in the result pane it is the last key of
  // what can be thousands of lines. GraphiQL's own schema fetch does not count.
  function showingCost(fetch) {
    var cost = document.getElementById('cost');
    return function (params, options) {
      var answer = fetch(params, options);
      if (params.operationName === 'IntrospectionQuery' || !answer || typeof answer.then !== 'function') {
        return answer;
      }
      return answer.then(function (result) {
        var spent = result && result.extensions && result.extensions.cache;
        if (spent) {
          cost.textContent = 'Last response: ' + count(spent.upstreamCalls, 'upstream call') + ' · '
            + count(spent.hits, 'hit') + ' · ' + count(spent.misses, 'miss', 'misses')
            + (spent.stale ? ' · ' + spent.stale + ' stale' : '');
          cost.className = 'cost ' + (spent.upstreamCalls === 0 ? 'warm' : 'cold');
        } else if (result && !result[Symbol.asyncIterator]) {
          cost.textContent = 'Last response: no cost report';
          cost.className = 'cost';
        }
        return result;
      });
    };
  }

  function count(n, one, many) {
    return n + ' ' + (n === 1 ? one : (many || one + 's'));
  }

  // Demo mode: a banner and nothing to sign in or out of. Spotify mode: "Sign in with Spotify" for
  // anonymous callers, the name and "Sign out" otherwise. GET /mode says which; the session cookie is
  // HttpOnly, so the page asks the API who is signed in rather than reading it.
  function showSession(graphqlPath) {
    var bar = document.getElementById('session');
    fetch(bar.getAttribute('data-mode-path'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (mode) {
        return whoAmI(graphqlPath).then(function (me) { render(bar, mode, me); });
      })
      .catch(function () { bar.textContent = ''; });
  }

  function whoAmI(graphqlPath) {
    return fetch(graphqlPath, { method: 'POST', credentials: 'same-origin',
                                headers: { 'Content-Type': 'application/json' },
                                body: JSON.stringify({ query: '{ me { id displayName } }' }) })
      .then(function (response) { return response.json(); })
      .then(function (result) { return result && result.data ? result.data.me : null; });
  }

  function render(bar, mode, me) {
    bar.textContent = '';
    if (mode.mode === 'demo') {
      bar.className = 'demo';
      bar.textContent = 'Demo mode: the bundled offline catalog; every caller is '
        + (me ? me.displayName || me.id : 'its demo user') + ', with no sign-in.';
      return;
    }
    if (!me) {
      var link = document.createElement('a');
      link.href = mode.signInPath;
      link.textContent = 'Sign in with Spotify';
      bar.appendChild(link);
      return;
    }
    bar.appendChild(document.createTextNode('Signed in as ' + (me.displayName || me.id) + ' · '));
    var out = document.createElement('button');
    out.type = 'button';
    out.textContent = 'Sign out';
    out.addEventListener('click', function () {
      fetch(mode.signOutPath, { method: 'POST', credentials: 'same-origin',
                                headers: { 'Content-Type': 'application/json' } })
        .then(function () { window.location.reload(); });
    });
    bar.appendChild(out);
  }
})();
