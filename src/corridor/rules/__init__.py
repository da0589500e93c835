"""Route measures as rules: schema, reference evaluator, SQL compiler, lint."""
