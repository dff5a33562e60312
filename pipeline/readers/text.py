"""Plain text and Markdown: paragraphs separated by blank lines; Markdown headings kept."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import TextDecodeError
from pipeline.models import Block, Page
from pipeline.readers.base import ReadResult

_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·✓✔☐☑□■*\-–]|\d+[.)]\s)\s*")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else Windows-1252, else a typed error."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise TextDecodeError("not readable as UTF-8 or Windows-1252 text (binary file?)")


def paragraphs_to_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Blocks from text: one per blank-line-separated paragraph; line breaks inside are kept.

    A Markdown `## Kop` line becomes a heading block of level 2.
    """
    blocks: list[Block] = []
    for para in re.split(r"\n[ \t\f\v]*\n+", text):
        para = para.strip("\n")
        if not para.strip():
            continue
        heading = _MD_HEADING.match(para.strip()) if markdown else None
        if heading and "\n" not in para.strip():
            blocks.append(Block(text=heading.group(2).strip(), kind="heading", level=len(heading.group(1))))
        elif _BULLET.match(para) and not re.match(r"^\s*\d+[.)]\s", para):
            blocks.append(Block(text=para.strip(), kind="list_item"))
        else:
            blocks.append(Block(text=para.rstrip()))
    return blocks


class TextReader:
    """`.txt` and `.md` files; one page."""

    format = "txt"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return suffix in (".txt", ".md") and b"\x00" not in head[:4096]

    def read(self, path: Path, data: bytes, doc_id: str, settings: Settings) -> ReadResult:
        text = decode(data)
        blocks = paragraphs_to_blocks(text, markdown=path.suffix.lower() == ".md")
        return ReadResult(pages=[Page(doc_id=doc_id, page=1, method="text", blocks=tuple(blocks))])
