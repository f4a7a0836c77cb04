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
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true })
  );
})();
