// Every relation between two entities, either way, with the sentences that state it.
// $a and $b match an entity's name or alias (any case) or its key. One row per (relation, document).
// param a: name, key or alias of one entity
// param b: name, key or alias of the other
// example: ergraph queries run evidence --param a="Ana Lee" --param b="Budi Santoso"
MATCH (x:Entity)-[r]->(y:Entity)
WHERE ((toLower(x.name) = toLower($a) OR x.key = $a OR any(s IN x.aliases WHERE toLower(s) = toLower($a)))
       AND (toLower(y.name) = toLower($b) OR y.key = $b OR any(s IN y.aliases WHERE toLower(s) = toLower($b))))
   OR ((toLower(x.name) = toLower($b) OR x.key = $b OR any(s IN x.aliases WHERE toLower(s) = toLower($b)))
       AND (toLower(y.name) = toLower($a) OR y.key = $a OR any(s IN y.aliases WHERE toLower(s) = toLower($a))))
RETURN x.name AS source, type(r) AS relation, y.name AS target, r.doc AS doc, r.date AS date,
       r.disputed AS disputed, r.reported_by AS reported_by, r.sentences AS sentences
ORDER BY date, doc, relation
