// LadybugDB variant of entities_by_document.cypher: label(e) for the entity's type.
MATCH (d:Document)-[m:MENTIONS]->(e)
WHERE $doc = '' OR d.id = $doc
RETURN d.id AS doc, d.title AS title, e.name AS entity, label(e) AS type, m.aliases AS aliases
ORDER BY doc, type, entity
