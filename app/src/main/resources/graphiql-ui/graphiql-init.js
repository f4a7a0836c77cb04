// Starts GraphiQL against this gateway. Kept out of the HTML so the page needs no inline script.
(function () {
  'use strict';
  var container = document.getElementById('graphiql');
  var path = container.getAttribute('data-graphql-path') || '/graphql';
  var defaultQuery = [
    '# playlist-gateway: your playlists and their tracks.',
    '# extensions.cache in the response shows what the query cost (hits, misses, upstream calls).',
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
    '          edges { addedAt track { name artists { name } album { name } } }',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');
  // Same-origin POST with Content-Type: application/json (createFetcher's own), as the gateway requires.
  var fetcher = GraphiQL.createFetcher({ url: path });
  showSession(path);
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true })
  );

  // Who am I: "Sign in with Spotify" for anonymous callers, the name and "Sign out" otherwise. The
  // session cookie is HttpOnly, so the page asks the API rather than reading it.
  function showSession(graphqlPath) {
    var bar = document.getElementById('session');
    fetch(graphqlPath, { method: 'POST', credentials: 'same-origin',
                         headers: { 'Content-Type': 'application/json' },
                         body: JSON.stringify({ query: '{ me { id displayName } }' }) })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        var me = result && result.data ? result.data.me : null;
        bar.textContent = '';
        if (!me) {
          var link = document.createElement('a');
          link.href = bar.getAttribute('data-sign-in-path');
          link.textContent = 'Sign in with Spotify';
          bar.appendChild(link);
          return;
        }
        bar.appendChild(document.createTextNode('Signed in as ' + (me.displayName || me.id) + ' · '));
        var out = document.createElement('button');
        out.type = 'button';
        out.textContent = 'Sign out';
        out.addEventListener('click', function () {
          fetch(bar.getAttribute('data-sign-out-path'), { method: 'POST', credentials: 'same-origin',
                                                          headers: { 'Content-Type': 'application/json' } })
            .then(function (response) {
              if (response.status === 404) {
                bar.textContent = 'Demo mode: every caller is ' + (me.displayName || me.id) + '; there is no sign-in.';
              } else {
                window.location.reload();
              }
            });
        });
        bar.appendChild(out);
      })
      .catch(function () { bar.textContent = ''; });
  }
})();
