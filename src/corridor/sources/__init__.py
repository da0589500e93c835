"""Official list sources: one small parser module per source, behind a shared context.

``sources.yml`` beside this file names each source (official URL, format, licence,
jurisdiction, parser module). A parser is a module with
``parse(path: Path, context: SourceContext) -> Iterator[Entity]`` that reads only through its
arguments: no network, no store. :mod:`corridor.sources.context` builds ids and provenance and
turns problems into :class:`corridor.exc.InvalidData` naming file and place.
"""
