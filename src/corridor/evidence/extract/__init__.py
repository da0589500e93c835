"""Extractors: each takes the text of a document (and its publication date) and returns spans."""
