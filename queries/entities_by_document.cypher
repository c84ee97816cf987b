// The entities each document mentions, with the surface forms it used.
// One row per (document, entity). An empty $doc lists every document.
// param doc (default ""): a document id, or empty for all documents
// example: ergraph queries run entities_by_document --param doc=000_0c5e1cae42b521e1
MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
WHERE $doc = '' OR d.id = $doc
RETURN d.id AS doc, d.title AS title, e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
       m.aliases AS aliases
ORDER BY doc, type, entity
