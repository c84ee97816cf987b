// LadybugDB variant of instruction_chains.cypher: only the ORDER BY differs (no ORDER BY on a list,
// no reduce; list_to_string instead).
MATCH (a)-[:INSTRUCTED]->(b) WHERE NOT EXISTS { MATCH ()-[:INSTRUCTED]->(a) }
WITH DISTINCT a, b
MATCH (b)-[:INSTRUCTED]->(c) WHERE c <> a AND c <> b
WITH DISTINCT a, b, c
RETURN [a.name, b.name, c.name] AS chain
ORDER BY list_to_string('\t', chain) + '\t'
LIMIT $limit
