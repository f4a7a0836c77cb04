import { gql } from '@urql/core';

export const PLAYLISTS_PAGE_SIZE = 5;
export const TRACKS_PAGE_SIZE = 50;

export const ViewerPlaylists = gql`
  query ViewerPlaylists($first: Int!, $after: String) {
    me {
      id
      displayName
      playlists(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node { id spotifyId name trackCount public collaborative owner { id displayName } }
        }
      }
    }
  }
`;

export const Viewer = gql`
  query Viewer {
    me { id displayName }
  }
`;

export const PlaylistHeader = gql`
  query PlaylistHeader($id: ID!) {
    playlist(id: $id) {
      id
      spotifyId
      name
      description
      public
      collaborative
      trackCount
      snapshotId
      owner { id displayName }
    }
  }
`;

export const PlaylistTracksPage = gql`
  query PlaylistTracksPage($id: ID!, $first: Int!, $after: String) {
    playlist(id: $id) {
      id
      tracks(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          addedAt
          node {
            id
            spotifyId
            name
            durationMs
            explicit
            artists { id name }
            album { id name releaseDate }
          }
        }
      }
    }
  }
`;

export const AddTrack = gql`
  mutation AddTrack($playlistId: ID!, $trackIds: [ID!]!) {
    addTracksToPlaylist(playlistId: $playlistId, trackIds: $trackIds) { id trackCount snapshotId }
  }
`;

export const RemoveTrack = gql`
  mutation RemoveTrack($playlistId: ID!, $trackIds: [ID!]!) {
    removeTracksFromPlaylist(playlistId: $playlistId, trackIds: $trackIds) { id trackCount snapshotId }
  }
`;
