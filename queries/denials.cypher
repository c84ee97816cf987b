// All denials, with what they deny.
// One row per DENIED edge (denier, the entity the denial is about, document, date and the
// sentences), joined with each claim marked disputed in the same document (claim_source,
// claim, claim_target; empty when the document disputes nothing else).
// The claims are reached through the document's mentions (an index lookup), not by scanning
// every edge for each denial.
// example: ergraph queries run denials
MATCH (a:Entity)-[d:DENIED]->(b:Entity)
OPTIONAL MATCH (m:Document)-[:MENTIONS]->(x:Entity)-[c]->(y:Entity)
WHERE m.id = d.doc AND c.doc = d.doc AND c.disputed = true AND type(c) <> 'DENIED'
RETURN a.name AS denier, b.name AS denied, d.doc AS doc, d.date AS date, d.sentences AS evidence,
       x.name AS claim_source, type(c) AS claim, y.name AS claim_target
ORDER BY date, doc, denier, denied
