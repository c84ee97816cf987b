// LadybugDB variant of evidence.cypher: label(r) for the relation type; documents excluded by label.
MATCH (x)-[r]->(y)
WHERE label(x) <> 'Document' AND (
      ((toLower(x.name) = toLower($a) OR x.key = $a OR toLower($a) IN list_transform(x.aliases, s -> toLower(s)))
       AND (toLower(y.name) = toLower($b) OR y.key = $b OR toLower($b) IN list_transform(y.aliases, s -> toLower(s))))
   OR ((toLower(x.name) = toLower($b) OR x.key = $b OR toLower($b) IN list_transform(x.aliases, s -> toLower(s)))
       AND (toLower(y.name) = toLower($a) OR y.key = $a OR toLower($a) IN list_transform(y.aliases, s -> toLower(s)))))
RETURN x.name AS source, label(r) AS relation, y.name AS target, r.doc AS doc, r.date AS date,
       r.disputed AS disputed, r.reported_by AS reported_by, r.sentences AS sentences
ORDER BY date, doc, relation
