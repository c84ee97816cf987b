// Everything about one entity: its relations in both directions and the documents mentioning it.
// $name matches the entity's name or one of its aliases (any case), or its key. One row per relation
// edge (relation, direction out/in, the other entity, document, date) and one MENTIONED_IN row per
// document (other = the document's title).
// param name: the entity's name, key or alias
// example: ergraph queries run entity --param name="Ana Lee"
MATCH (e:Entity) WHERE toLower(e.name) = toLower($name) OR e.key = $name OR any(s IN e.aliases WHERE toLower(s) = toLower($name))
MATCH (e)-[r]->(o:Entity)
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, type(r) AS relation,
       'out' AS direction, o.name AS other, r.doc AS doc, r.date AS date
UNION ALL
MATCH (e:Entity) WHERE toLower(e.name) = toLower($name) OR e.key = $name OR any(s IN e.aliases WHERE toLower(s) = toLower($name))
MATCH (o:Entity)-[r]->(e)
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, type(r) AS relation,
       'in' AS direction, o.name AS other, r.doc AS doc, r.date AS date
UNION ALL
MATCH (e:Entity) WHERE toLower(e.name) = toLower($name) OR e.key = $name OR any(s IN e.aliases WHERE toLower(s) = toLower($name))
MATCH (d:Document)-[:MENTIONS]->(e)
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, 'MENTIONED_IN' AS relation,
       'in' AS direction, d.title AS other, d.id AS doc, d.date AS date
