"""mine: a document-mining pipeline over Flemish regierol sociale economie reports and plans."""

__version__ = "0.1.0"
