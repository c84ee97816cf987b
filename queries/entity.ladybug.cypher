// LadybugDB variant of entity.cypher: no Entity label (entities are "not a Document"), label()
// for the entity's type and the relation type.
MATCH (e) WHERE label(e) <> 'Document'
  AND (toLower(e.name) = toLower($name) OR e.key = $name OR ('\t' + toLower(list_to_string('\t', e.aliases)) + '\t') CONTAINS ('\t' + toLower($name) + '\t'))
MATCH (e)-[r]->(o)
RETURN e.name AS entity, label(e) AS type, label(r) AS relation,
       'out' AS direction, o.name AS other, r.doc AS doc, r.date AS date
UNION ALL
MATCH (e) WHERE label(e) <> 'Document'
  AND (toLower(e.name) = toLower($name) OR e.key = $name OR ('\t' + toLower(list_to_string('\t', e.aliases)) + '\t') CONTAINS ('\t' + toLower($name) + '\t'))
MATCH (o)-[r]->(e) WHERE label(r) <> 'MENTIONS'
RETURN e.name AS entity, label(e) AS type, label(r) AS relation,
       'in' AS direction, o.name AS other, r.doc AS doc, r.date AS date
UNION ALL
MATCH (e) WHERE label(e) <> 'Document'
  AND (toLower(e.name) = toLower($name) OR e.key = $name OR ('\t' + toLower(list_to_string('\t', e.aliases)) + '\t') CONTAINS ('\t' + toLower($name) + '\t'))
MATCH (d:Document)-[:MENTIONS]->(e)
RETURN e.name AS entity, label(e) AS type, 'MENTIONED_IN' AS relation,
       'in' AS direction, d.title AS other, d.id AS doc, d.date AS date
