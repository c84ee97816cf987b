// Who contacted whom.
// One row per (source, target) pair of CONTACTED edges: how many documents report the contact,
// the first and last document dates, and in how many of those documents it is disputed.
// The same text runs on both stores.
// param limit (int, default 100): at most this many pairs, most reported first
// example: ergraph queries run contacts --param limit=20
MATCH (a)-[r:CONTACTED]->(b)
RETURN a.name AS source, b.name AS target, count(r) AS documents,
       min(r.date) AS first_seen, max(r.date) AS last_seen,
       count(CASE WHEN r.disputed THEN 1 END) AS disputed
ORDER BY documents DESC, source, target
LIMIT $limit
