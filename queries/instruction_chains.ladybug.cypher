// LadybugDB variant of instruction_chains.cypher: ACYCLIC paths instead of the no-repeat predicate,
// list_transform instead of a list comprehension, list_to_string to order by a list.
MATCH p = (a)-[:INSTRUCTED* ACYCLIC 2..4]->(b)
WHERE NOT EXISTS { MATCH ()-[:INSTRUCTED]->(a) }
  AND NOT EXISTS { MATCH (b)-[:INSTRUCTED]->() }
WITH DISTINCT list_transform(nodes(p), n -> n.name) AS chain, length(p) AS hops
RETURN chain, hops
ORDER BY hops DESC, list_to_string('\t', chain) + '\t'
LIMIT $limit
