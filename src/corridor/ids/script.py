"""The writing system of a name, as an ISO 15924 code (``Latn``, ``Cyrl``, ``Arab``...).

>>> name_script("Лукашенко"), name_script("Łukašenka"), name_script("عبد الله")
('Cyrl', 'Latn', 'Arab')
>>> name_script("1234") is None
True
"""

from __future__ import annotations

from collections import Counter

from rigour.text.scripts import codepoint_script

_ISO15924 = {
    "Latin": "Latn",
    "Cyrillic": "Cyrl",
    "Arabic": "Arab",
    "Greek": "Grek",
    "Hebrew": "Hebr",
    "Armenian": "Armn",
    "Georgian": "Geor",
    "Han": "Hani",
    "Hangul": "Hang",
    "Hiragana": "Hira",
    "Katakana": "Kana",
    "Thai": "Thai",
    "Devanagari": "Deva",
    "Bengali": "Beng",
    "Ethiopic": "Ethi",
    "Syriac": "Syrc",
    "Thaana": "Thaa",
    "Tamil": "Taml",
    "Myanmar": "Mymr",
    "Khmer": "Khmr",
}


def name_script(text: str) -> str | None:
    """The ISO 15924 code of the script most of the letters of ``text`` are written in."""
    if text.isascii():
        return "Latn" if any(c.isalpha() for c in text) else None
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        script = codepoint_script(ord(char))
        if script is not None and script in _ISO15924:
            counts[_ISO15924[script]] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
