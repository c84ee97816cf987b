// LadybugDB variant of most_connected.cypher: no Entity label, so MENTIONS edges are excluded
// by type; label(e) for the entity's type.
MATCH (e)-[r]-(o) WHERE label(r) <> 'MENTIONS'
WITH e, count(DISTINCT o) AS neighbours, count(r) AS relations
RETURN e.name AS entity, label(e) AS type, e.key AS key, neighbours, relations
ORDER BY neighbours DESC, relations DESC, entity, key
LIMIT $limit
