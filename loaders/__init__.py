"""ergraph's loaders: read documents and extract entities and evidenced relations from them."""
