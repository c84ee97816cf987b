// LadybugDB variant of evidence.cypher: label(r) for the relation type; documents excluded by label.
MATCH (x)-[r]->(y)
WHERE label(x) <> 'Document' AND (
      ((toLower(x.name) = toLower($a) OR x.key = $a OR ('\t' + toLower(list_to_string('\t', x.aliases)) + '\t') CONTAINS ('\t' + toLower($a) + '\t'))
       AND (toLower(y.name) = toLower($b) OR y.key = $b OR ('\t' + toLower(list_to_string('\t', y.aliases)) + '\t') CONTAINS ('\t' + toLower($b) + '\t')))
   OR ((toLower(x.name) = toLower($b) OR x.key = $b OR ('\t' + toLower(list_to_string('\t', x.aliases)) + '\t') CONTAINS ('\t' + toLower($b) + '\t'))
       AND (toLower(y.name) = toLower($a) OR y.key = $a OR ('\t' + toLower(list_to_string('\t', y.aliases)) + '\t') CONTAINS ('\t' + toLower($a) + '\t'))))
RETURN x.name AS source, label(r) AS relation, y.name AS target, r.doc AS doc, r.date AS date,
       r.disputed AS disputed, r.reported_by AS reported_by, r.sentences AS sentences
ORDER BY date, doc, relation
