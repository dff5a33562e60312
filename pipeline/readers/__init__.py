"""Reader registry: a new input format is one module plus one line in READERS."""
from __future__ import annotations

from pathlib import Path

from pipeline.errors import CorruptDocx, EmptyFile, NotAPdf, UnsupportedFormat
from pipeline.readers.base import OcrJob, Reader, ReadResult
from pipeline.readers.docx import DocxReader
from pipeline.readers.pdf import PdfReader
from pipeline.readers.text import TextReader

READERS: tuple[Reader, ...] = (PdfReader(), DocxReader(), TextReader())
SUPPORTED_SUFFIXES = {".pdf", ".docx", ".txt", ".md"}

__all__ = ["OcrJob", "ReadResult", "Reader", "READERS", "SUPPORTED_SUFFIXES", "detect"]


def detect(path: Path, head: bytes) -> Reader:
    """The reader for a file, from its bytes first and its name second.

    Raises a typed error for what cannot be read: zero bytes, a `.pdf` that is no PDF,
    a `.docx` that is no zip, any other suffix.
    """
    suffix = path.suffix.lower()
    if not head:
        raise EmptyFile("zero-byte file")
    for reader in READERS:
        if reader.sniff(head, suffix):
            return reader
    if suffix == ".pdf":
        raise NotAPdf(f"no PDF header (starts with {head[:8]!r})")
    if suffix == ".docx":
        raise CorruptDocx("not a zip archive, so not a DOCX")
    raise UnsupportedFormat(f"unsupported file type {suffix or '(no suffix)'}")
