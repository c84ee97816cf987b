// Instruction chains: who instructed someone who instructed someone else.
// One row per distinct chain a -> b -> c of INSTRUCTED edges where nobody instructed a and no
// entity repeats; longer chains show as their overlapping two-hop pieces. Built hop by hop with
// DISTINCT, so an instruction reported by many documents counts once and the cost stays near
// (roots x fan-out) instead of growing with every path through parallel edges and hubs.
// param limit (int, default 100): at most this many chains, ordered by names
// example: ergraph queries run instruction_chains --param limit=20
MATCH (a)-[:INSTRUCTED]->(b) WHERE NOT EXISTS { MATCH ()-[:INSTRUCTED]->(a) }
WITH DISTINCT a, b
MATCH (b)-[:INSTRUCTED]->(c) WHERE c <> a AND c <> b
WITH DISTINCT a, b, c
RETURN [a.name, b.name, c.name] AS chain
ORDER BY reduce(s = '', x IN chain | s + x + '\t')
LIMIT $limit
