"""ergraph's graph side: the domain model, the stores, exports, visualisation and the CLI."""
