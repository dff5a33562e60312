"""Typed errors, each with a one-line reason and a remedy, and the CLI's exit codes.

A reader raises one of these for a whole file; the ingest turns it into a document status
(`failed`, `unsupported`) with `code: message` as its reason, and the batch goes on.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the `mine` command (also listed in the README)."""

    OK = 0
    FAILED_INPUTS = 1  # the command ran, but some inputs failed
    USAGE = 2  # bad options or arguments
    NOT_FOUND = 3  # a named thing (path, action, store) does not exist
    INTERNAL = 4  # a bug: please report with --verbose output


class MineError(Exception):
    """Base class: `code` is stable (used in the store and exports), `remedy` tells what to do."""

    code = "error"
    remedy = ""

    def __init__(self, message: str, remedy: str | None = None) -> None:
        super().__init__(message)
        if remedy is not None:
            self.remedy = remedy

    @property
    def reason(self) -> str:
        """The one-line reason stored with the document: `code: message`."""
        return f"{self.code}: {self}"


class InputError(MineError):
    """A file cannot be read as what it claims to be."""

    code = "input_error"


class EmptyFile(InputError):
    code = "empty_file"
    remedy = "The file has zero bytes; export it again from its source."


class UnsupportedFormat(InputError):
    code = "unsupported_format"
    remedy = "Convert it to PDF, DOCX, TXT or MD."


class CorruptPdf(InputError):
    code = "corrupt_pdf"
    remedy = "Open and re-save the file (or print it to PDF) and ingest it again."


class NotAPdf(InputError):
    code = "not_a_pdf"
    remedy = "The file is named .pdf but its bytes are not a PDF; check what it really is."


class EncryptedPdf(InputError):
    code = "encrypted_pdf"
    remedy = "Remove the password (e.g. `qpdf --decrypt in.pdf out.pdf`) and ingest again."


class CorruptDocx(InputError):
    code = "corrupt_docx"
    remedy = "Open and re-save the file in a word processor, or export it to PDF."


class TextDecodeError(InputError):
    code = "text_decode_error"
    remedy = "Save the file as UTF-8 text."


class PageError(MineError):
    """One page failed; the rest of the document is kept (status `partial`)."""

    code = "page_error"


class OcrTimeout(PageError):
    code = "ocr_timeout"
    remedy = "Raise --ocr-timeout, or split the document; the other pages were kept."


class OcrFailed(PageError):
    code = "ocr_failed"
    remedy = "Check that tesseract and its Dutch data (tesseract-ocr-nld) are installed."


class PageTooLarge(PageError):
    code = "page_too_large"
    remedy = "The page image exceeds the render limit; its text layer (if any) was kept."


class StoreError(MineError):
    code = "store_error"
    remedy = "Check the --db path, or delete the store and ingest again."


class UsageError(MineError):
    """A bad option value found by the library (unknown theme, unreadable year range)."""

    code = "usage_error"


class NotFound(MineError):
    code = "not_found"
