// The shortest chain of relations between two entities (any direction, at most 6 hops).
// $a and $b match an entity's name or alias (any case) or its key. Documents do not count as links:
// MENTIONS edges are excluded. One row: the names along the path and the number of hops (no row
// when there is no path). When several paths are equally short each database returns one of its
// choosing; `ergraph queries run evidence` shows what links two neighbours.
// param a: name, key or alias of the first entity
// param b: name, key or alias of the second entity
// example: ergraph queries run shortest_path --param a="Ana Lee" --param b="Republik Arvania"
MATCH (a:Entity) WHERE toLower(a.name) = toLower($a) OR a.key = $a OR any(s IN a.aliases WHERE toLower(s) = toLower($a))
MATCH (b:Entity) WHERE toLower(b.name) = toLower($b) OR b.key = $b OR any(s IN b.aliases WHERE toLower(s) = toLower($b))
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:!MENTIONS*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS path, length(p) AS hops
ORDER BY hops
LIMIT 1
