// LadybugDB variant of shortest_path.cypher: `* SHORTEST 1..6` with a filter on the relationships
// instead of shortestPath with a negated type, list_transform instead of a list comprehension.
MATCH (a) WHERE label(a) <> 'Document' AND (toLower(a.name) = toLower($a) OR a.key = $a OR ('\t' + toLower(list_to_string('\t', a.aliases)) + '\t') CONTAINS ('\t' + toLower($a) + '\t'))
MATCH (b) WHERE label(b) <> 'Document' AND (toLower(b.name) = toLower($b) OR b.key = $b OR ('\t' + toLower(list_to_string('\t', b.aliases)) + '\t') CONTAINS ('\t' + toLower($b) + '\t'))
MATCH p = (a)-[* SHORTEST 1..6 (x, n | WHERE label(x) <> 'MENTIONS')]-(b)
WHERE a.key <> b.key
RETURN list_transform(nodes(p), n -> n.name) AS path, length(p) AS hops
ORDER BY hops
LIMIT 1
