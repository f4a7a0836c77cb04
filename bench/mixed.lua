-- Mixed GraphQL load for wrk (bench/soak.sh runs it; docs/benchmarks.md "Memory under a soak").
-- Each wrk connection walks the same cycle of 20 requests, starting at a different place:
-- the README queries, the 260-item playlist paged with cursors, tracks by id, artists with genres,
-- and a mutation pair (add a track to "New Finds", then remove it) so the catalogue stays the same size.

local function body(query)
  return '{"query":"' .. query:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"}'
end

local readme = body([[{ me { playlists { nodes { name tracks { edges { track { name } } } } } } }]])
local page1 = body([[{ playlist(id: "xZHueUT5881pdetA7Jgz1x") { name trackCount tracks(first: 100) { pageInfo { hasNextPage endCursor } edges { addedAt track { name album { name releaseDate } artists { name genres } } } } } }]])
local page2 = body([[{ playlist(id: "xZHueUT5881pdetA7Jgz1x") { tracks(first: 100, after: "cG9zOnYxOjk5") { pageInfo { hasNextPage endCursor } edges { track { name album { name } } } } } }]])
local page3 = body([[{ playlist(id: "xZHueUT5881pdetA7Jgz1x") { tracks(first: 100, after: "cG9zOnYxOjE5OQ") { pageInfo { hasNextPage endCursor } edges { track { name album { name } } } } } }]])
local genres = body([[{ playlist(id: "wYog1zmWxOnf8NVxsMQ7Ru") { name tracks(first: 100) { edges { track { name album { name } artists { name genres } } } } } }]])
local tracks = body([[{ tracks(ids: ["SP6bJZ3eydTn1TQ1Hat2fo", "BsAv65KxqLEkQjh9zJAaUv", "XuHJF84WWZ3z7yrzQYpDP4", "XljDa5T6HXhO9CmdJfbWm3", "4N3oayqO4AugDQmLTIJzDt", "kZPInBVuB8semR4cbbMS41", "PUemllH2fThjOlxoCGLfrk", "3UsXffa4LURhBvmJEKbtc8", "qHRYJiNrcSVsZPH86AazJw", "3wXG2hrhqTYCgTpbQjJEir"]) { id name durationMs album { name } artists { name } } }]])
local track = body([[{ track(id: "OE7dDxtJ8amnnV49x93n5K") { name album { name releaseDate } artists { name genres } } }]])
local artist1 = body([[{ artist(id: "Fb6AlmYfgQdoexEIVT6wru") { name genres } }]])
local artist2 = body([[{ artist(id: "aTHtGnFNZCXVs08pswLLwk") { name genres } }]])
local other = body([[{ playlist(id: "pdEi3PM3BMpzUxBe8YSyBX") { name owner { displayName } tracks { edges { track { name artists { name } } } } } }]])
local add = body([[mutation { addTracksToPlaylist(playlistId: "GD40jTnLyAjr6HOVzJYa14", trackIds: ["TQMO1kVzxLPjmC3FVPPisB"]) { trackCount snapshotId } }]])
local remove = body([[mutation { removeTracksFromPlaylist(playlistId: "GD40jTnLyAjr6HOVzJYa14", trackIds: ["TQMO1kVzxLPjmC3FVPPisB"]) { trackCount snapshotId } }]])
local newFinds = body([[{ playlist(id: "GD40jTnLyAjr6HOVzJYa14") { name trackCount tracks { edges { track { name } } } } }]])

local cycle = { readme, page1, page2, page3, genres, tracks, track, artist1, artist2, other,
                readme, page1, tracks, artist1, genres, add, newFinds, remove, newFinds, other }

local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local counter = 0
local requests = {}

function init(args)
  for i, b in ipairs(cycle) do
    requests[i] = wrk.format("POST", "/graphql", headers, b)
  end
  counter = math.random(#cycle)
end

function request()
  counter = counter % #cycle + 1
  return requests[counter]
end

-- Every answer must be a 200 without GraphQL errors; done() prints how many were not.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

failures = 0
function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then
    failures = failures + 1
    if failures <= 3 then
      io.stderr:write("unexpected answer " .. status .. ": " .. body:sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("failures")
  end
  io.write(string.format("failed answers: %d of %d\n", total, summary.requests))
end
