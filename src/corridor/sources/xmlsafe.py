"""Reading XML from official lists safely: no DTDs, no entities, no network.

Shared by every XML parser (OFAC, UN, Canada, EU FSF).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from corridor.sources.context import SourceContext


def read_xml(path: Path, context: SourceContext) -> etree._Element:
    """The root element of an XML file, read without DTDs, entities or network access.

    Hostile XML (entity expansion, external entities) and any DTD raise InvalidData naming
    the file; so does malformed or truncated XML.
    """
    with path.open("rb") as fh:
        head = fh.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise context.error("XML with a DTD or entity declarations is refused (unsafe input)")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        raise context.error(f"malformed XML: {exc.msg}", line=line) from exc
    if tree.docinfo.internalDTD is not None or tree.docinfo.externalDTD is not None:
        raise context.error("XML with a DTD or entity declarations is refused (unsafe input)")
    root = tree.getroot()
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise context.error("XML with entity references is refused (unsafe input)")
    return root


def xml_file(path: Path, context: SourceContext) -> Path:
    """``path`` itself, or the one ``.xml`` file of the folder ``path``."""
    if not path.is_dir():
        return path
    found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
    if len(found) != 1:
        raise context.error(f"expected one .xml file in this folder, found {len(found)}")
    return found[0]


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    return str(etree.QName(element).localname)
