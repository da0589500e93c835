"""Evidence: articles and official texts turned into reviewable claims with provenance.

- :mod:`corridor.evidence.document`: reading text, HTML and PDF text into a :class:`Document`.
- :mod:`corridor.evidence.extract`: entities, figures, dates, events and quotes.
- :mod:`corridor.evidence.claim`: the :class:`Claim` every extractor produces.
- :mod:`corridor.services.review`, :mod:`corridor.evidence.cluster`: the reviewer's side.
- :mod:`corridor.evidence.evaluate`: precision, recall and F1 against a gold file.
"""
