"""US OFAC SDN list: the legacy CSV folder and the XML (``sdn.xml``, ``consolidated.xml``).

The CSV folder holds four files without header rows, joined on ``ent_num``:

- ``sdn.csv``: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks
- ``add.csv``: ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
- ``alt.csv``: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
- ``sdn_comments.csv``: ent_num, continuation of Remarks

Quirks handled: the null ``-0- ``, a last line holding only 0x1A (DOS end of file), programs
joined by ``] [``, aircraft as their own records whose facts (model, MSN, "Linked To:") live in
the Remarks, weak aliases in quotes in the Remarks (``a.k.a. 'ANA I'``).

``parse`` takes the folder, ``sdn.csv`` inside it, or an XML file (or a folder holding one). The CSV files state no
publication date: a folder named ``YYYY-MM-DD`` gives it (:func:`corridor.sources.values.date_from_folder`). XML is read with
:func:`corridor.sources.xmlsafe.read_xml`, which refuses DTDs and entities (billion laughs, external entities).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corridor.model import (
    Entity,
)
from corridor.sources.context import SourceContext
from corridor.sources.ofac_common import find_file, ofac_date, split_programs
from corridor.sources.ofac_sdn_csv import parse_csv
from corridor.sources.ofac_sdn_xml import parse_xml
from corridor.sources.values import date_from_folder
from corridor.sources.xmlsafe import xml_file

__all__ = ["ofac_date", "parse", "parse_csv", "parse_xml", "split_programs"]


# --- entry point -------------------------------------------------------------------------


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Entities of an OFAC CSV folder (or its ``sdn.csv``) or of an OFAC XML file."""
    if path.is_file() and path.suffix.lower() == ".xml":
        yield from parse_xml(path, context)
        return
    folder = path if path.is_dir() else path.parent
    sdn = find_file(folder, "sdn.csv")
    if sdn is None and path.is_dir() and any(p.suffix.lower() == ".xml" for p in path.iterdir()):
        yield from parse_xml(xml_file(path, context), context)
        return
    if sdn is None:
        raise context.error("no sdn.csv in this folder: not an OFAC SDN CSV snapshot")
    date_from_folder(folder, context)
    yield from parse_csv(folder, sdn, context)
