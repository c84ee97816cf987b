// LadybugDB variant of denials.cypher: label(c) instead of type(c); no Entity label, so
// MENTIONS edges (which have no `disputed`) fall out by the WHERE. LadybugDB joins the edges by
// hash, so the plain scan is fast here.
MATCH (a)-[d:DENIED]->(b)
OPTIONAL MATCH (x)-[c]->(y)
WHERE c.doc = d.doc AND c.disputed = true AND label(c) <> 'DENIED'
RETURN a.name AS denier, b.name AS denied, d.doc AS doc, d.date AS date, d.sentences AS evidence,
       x.name AS claim_source, label(c) AS claim, y.name AS claim_target
ORDER BY date, doc, denier, denied
