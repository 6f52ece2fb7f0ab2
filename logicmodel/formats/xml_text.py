"""XML from outside (GraphML, a workbook's parts) as text, decoded before it is looked at, DTDs refused.

A DTD is how external entities and entity expansion ("billion laughs") come in, and no file this builder
reads needs one. Looking for ``<!DOCTYPE`` in the bytes finds it only in UTF-8 (or ASCII) text: written in
UTF-16 or UTF-32 the same declaration is other bytes, and the parser would expand it. So the text is decoded
first, as an XML parser decodes it (a byte-order mark, else the first bytes, else the declared encoding), and
the declaration looked for in the text itself; the parser is then given that text, so what was checked is
what is parsed.

>>> xml_text('<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16"))
'<?xml version="1.0" encoding="UTF-16"?><a/>'
>>> xml_text('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'.encode("utf-32-le"))
Traceback (most recent call last):
logicmodel.core.errors.FrameworkError: the XML declares a DTD or entities (<!DOCTYPE or <!ENTITY), refused
"""

from __future__ import annotations

import codecs
import re

from logicmodel.core.errors import FrameworkError, Problem, quoted

__all__ = ["xml_text"]

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_FIRST_BYTES = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
"""A document without a byte-order mark starts '<' (XML 1.0, appendix F): its first bytes say how wide."""
_DECLARED = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]{0,40})["']""")
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _encoding(data: bytes) -> tuple[str, int]:
    """The encoding of XML bytes, and the length of its byte-order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    for first, name in _FIRST_BYTES:
        if data.startswith(first):
            return name, 0
    declared = _DECLARED.match(data[:256])
    return (declared.group(1).decode("ascii") if declared else "utf-8"), 0


def xml_text(data: bytes, where: str = "") -> str:
    """The text of XML bytes, or ``FrameworkError`` (at ``where``): an encoding Python does not know, bytes
    that are not text in it, or a DTD or entity declaration, in whatever encoding it is written."""
    name, bom = _encoding(data)
    try:
        codecs.lookup(name)
    except LookupError:
        raise FrameworkError(
            [Problem(where, f"the XML is in an encoding this builder does not read ({quoted(name)})")]
        ) from None
    try:
        text = data[bom:].decode(name)
    except UnicodeDecodeError as exc:
        raise FrameworkError(
            [Problem(where, f"not valid {name} text (bad byte at position {exc.start + bom})")]
        ) from None
    if _DTD.search(text):
        raise FrameworkError([Problem(where, "the XML declares a DTD or entities (<!DOCTYPE or <!ENTITY), refused")])
    return text
