// LadybugDB variant of instruction_chains.cypher: only the ORDER BY differs (no ORDER BY on a list,
// no reduce; list_to_string instead).
MATCH (a)-[:INSTRUCTED]->(b) WHERE NOT EXISTS { MATCH ()-[:INSTRUCTED]->(a) }
WITH DISTINCT a, b
MATCH (b)-[:INSTRUCTED]->(c) WHERE c <> a AND c <> b
WITH DISTINCT a, b, c
OPTIONAL MATCH (c)-[:INSTRUCTED]->(d) WHERE d <> a AND d <> b AND d <> c
WITH DISTINCT a, b, c, d
RETURN CASE WHEN d IS NULL THEN [a.name, b.name, c.name] ELSE [a.name, b.name, c.name, d.name] END AS chain,
       CASE WHEN d IS NULL THEN 2 ELSE 3 END AS hops
ORDER BY hops DESC, list_to_string('\t', chain) + '\t'
LIMIT $limit
