// Instruction chains: who instructed someone who instructed someone else.
// One row per chain of INSTRUCTED edges starting at an entity nobody instructed: two hops
// (a instructed b, b instructed c), extended by a third hop wherever c instructed someone (a longer
// chain shows as its first three hops). No entity repeats. Longest first, then by names.
// Built hop by hop with DISTINCT, so an instruction reported by many documents counts once; the
// cost grows with roots x fan-out squared, not with the number of paths through parallel edges.
// param limit (int, default 100): at most this many chains
// example: ergraph queries run instruction_chains --param limit=20
MATCH (a)-[:INSTRUCTED]->(b) WHERE NOT EXISTS { MATCH ()-[:INSTRUCTED]->(a) }
WITH DISTINCT a, b
MATCH (b)-[:INSTRUCTED]->(c) WHERE c <> a AND c <> b
WITH DISTINCT a, b, c
OPTIONAL MATCH (c)-[:INSTRUCTED]->(d) WHERE d <> a AND d <> b AND d <> c
WITH DISTINCT a, b, c, d
RETURN CASE WHEN d IS NULL THEN [a.name, b.name, c.name] ELSE [a.name, b.name, c.name, d.name] END AS chain,
       CASE WHEN d IS NULL THEN 2 ELSE 3 END AS hops
ORDER BY hops DESC, reduce(s = '', x IN chain | s + x + '\t')
LIMIT $limit
