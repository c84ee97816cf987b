// Instruction chains: who instructed someone who instructed someone else.
// One row per maximal chain of INSTRUCTED edges of 2 to 4 hops with no repeated entity: it starts
// at an entity nobody instructed and ends at one who instructed nobody. Longest chains first.
// Each path of edges is enumerated before duplicates are dropped, so an instruction reported by
// many documents makes this query slower.
// param limit (int, default 100): at most this many chains
// example: ergraph queries run instruction_chains --param limit=20
MATCH p = (a:Entity)-[:INSTRUCTED*2..4]->(b:Entity)
WHERE NOT EXISTS { MATCH (:Entity)-[:INSTRUCTED]->(a) }
  AND NOT EXISTS { MATCH (b)-[:INSTRUCTED]->(:Entity) }
  AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH DISTINCT [n IN nodes(p) | n.name] AS chain, length(p) AS hops
RETURN chain, hops
ORDER BY hops DESC, reduce(s = '', x IN chain | s + x + '\t')
LIMIT $limit
