// The most connected entities: distinct neighbours and relation edges (documents excluded).
// param limit (int, default 20): how many entities
// example: ergraph queries run most_connected --param limit=10
MATCH (e:Entity)-[r]-(o:Entity)
WITH e, count(DISTINCT o) AS neighbours, count(r) AS relations
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, e.key AS key, neighbours, relations
ORDER BY neighbours DESC, relations DESC, entity, key
LIMIT $limit
