"""From a document's pages to what users want: metadata, section tree, actions, mentions.

This chains the analysis stages, each a pure function of records:

    pages -> docmeta.detect -> structure.build_sections -> segment.find_actions
          -> classify.classify_actions -> entities.annotate

It reads nothing from disk but the resources loaded once in `Resources` (registry, model,
spaCy pipeline), and writes nothing: the caller hands the result to the store.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from pipeline.config import Settings
from pipeline.models import Action, DocMeta, Document, Mention, Page, Section


@dataclass
class Resources:
    """What the analysis stages load once per run (not per document)."""

    regions: Any  # docmeta.RegionRegistry
    classifier: Any  # classify.ActionClassifier
    annotator: Any  # entities.Annotator

    @classmethod
    def load(cls, settings: Settings) -> "Resources":
        from pipeline import classify, docmeta, entities

        regions = docmeta.RegionRegistry.load(settings.regions_file)
        return cls(
            regions=regions,
            classifier=classify.ActionClassifier.load(settings.model_dir),
            annotator=entities.Annotator.load(regions=regions, aliases_file=settings.aliases_file),
        )


@dataclass(frozen=True)
class Analysis:
    meta: DocMeta
    sections: list[Section]
    actions: list[Action]
    mentions: list[Mention]


def analyse(doc: Document, pages: Sequence[Page], resources: Resources, region: str | None = None) -> Analysis:
    """Run every analysis stage over one document's pages. `region` overrides detection."""
    from pipeline import classify, docmeta, entities, segment, structure

    meta = docmeta.detect(doc.source, pages, resources.regions, region_override=region)
    sections = structure.build_sections(pages)
    # Documents outside the genre (council minutes, …) yield no actions: none are invented.
    actions = segment.find_actions(doc.doc_id, pages, sections, meta) if meta.in_genre else []
    actions = classify.classify_actions(actions, resources.classifier)
    actions, mentions = entities.annotate(actions, pages, meta, resources.annotator)
    return Analysis(meta=meta, sections=sections, actions=actions, mentions=mentions)
