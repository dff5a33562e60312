#!/usr/bin/env python3
"""Time `compare`, `seed` and `search` on a store: a generated one (default) or --db.

    .venv/bin/python bench/analyse.py                      # 12 regions x 5 years x report+plan x 40 actions
    .venv/bin/python bench/analyse.py --regions 30 --actions 60
    .venv/bin/python bench/analyse.py --db outputs/mine.db  # e.g. the sample corpus store

The generated store is deterministic (seeded): actions are drawn from templates per theme,
with partners, results, statuses and figures, and some plans are repeated in later reports
(so plan-versus-report matching and near-duplicate merging have work to do).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.models import Action, DocMeta, Document, Figure, Page, Partner, SourceFile  # noqa: E402
from pipeline.store import Store  # noqa: E402

TEMPLATES = {  # theme -> (domain, title templates, text templates)
    "taal": ("sociale_economie", ["Taalcoaching op de werkvloer", "Taaltraject in {org}", "Nederlands op de werkvloer"],
             ["Een taalcoach begeleidt anderstalige medewerkers in {n} bedrijven.", "Het taalcoachingtraject met {org} loopt in {n} maatwerkbedrijven."]),
    "mobiliteit": ("activering", ["Fietsrijschool voor nieuwkomers", "Deelfietsen voor werkzoekenden", "Rijbewijs als opstap naar werk"],
                   ["Werkzoekenden krijgen een fiets om naar het werk te gaan.", "Met de vervoersregio werken we aan bereikbare bedrijventerreinen."]),
    "overleg": ("netwerking", ["Regionaal overleg sociale economie", "Stuurgroep werk en sociale economie", "Lerend netwerk trajectbegeleiders"],
                ["Het overleg komt {n} keer per jaar samen met {org}.", "De stuurgroep volgt de acties op."]),
    "werkgevers": ("mvo_ondernemen", ["Jobbeurs met lokale werkgevers", "Open hiring bij {org}", "Werkgeversbenadering"],
                   ["Werkgevers en werkzoekenden ontmoeten elkaar.", "{n} werkgevers namen deel."]),
    "sociaal_aankopen": ("mvo_ondernemen", ["Sociale clausules in overheidsopdrachten", "Sociaal aankopen bij lokale besturen"],
                         ["Lokale besturen nemen sociale clausules op.", "Een aankoopgids voor sociale economie."]),
    "art60_twe": ("activering", ["Tijdelijke werkervaring afstemmen", "Artikel 60 in de regio"],
                  ["De trajectbegeleiders stemmen de plaatsen af.", "{n} leefloongerechtigden startten een traject."]),
    "wijk_werken": ("activering", ["Wijk-werken opvolgen"], ["De regisseur volgt wijk-werken op met {org}."]),
    "kinderopvang": ("activering", ["Flexibele kinderopvang voor werkzoekenden"], ["Ouders vinden opvang tijdens hun opleiding."]),
    "zichtbaarheid": ("sociale_economie", ["Promotie van de sociale economie", "Brochure sociale economie"],
                      ["Een campagne maakt de sociale economie zichtbaar.", "De brochure ging naar {n} bedrijven."]),
    "samenwerking": ("samenwerking_vdab", ["Samenwerkingsovereenkomst met VDAB", "Afspraken met VDAB over trajecten"],
                     ["Het lokaal bestuur en VDAB maken afspraken.", "Maandelijks overleg met VDAB."]),
}
ORGS = ["VDAB", "Ligo", "Voka", "VVSG", "OCMW", "Groep Intro", "SAAMO", "CAW", "Kind en Gezin", "De Lijn", "Vervoersregio", "Mivas", "Werkmaat"]


def generate(path: Path, regions: int = 12, years: int = 5, actions: int = 40, seed: int = 7) -> int:
    """Write a synthetic store; returns the number of actions."""
    rng = random.Random(seed)
    total = 0
    with Store(path) as store:
        for r in range(regions):
            region = f"Regio {r + 1:02d}"
            local = [f"Lokale partner {r + 1}-{k}" for k in range(5)]
            previous_plan: list[Action] = []
            for y in range(years):
                year = 2020 + y
                for doc_type in ("plan", "report"):
                    doc_id = f"{r:03d}{y}{doc_type[0]}".ljust(16, "0")
                    source = f"{region.replace(' ', '_').lower()}_{doc_type}_{year}.pdf"
                    store.write_document(
                        Document(doc_id=doc_id, source=source, path=f"/bench/{source}", format="pdf", size=1, pages=20),
                        [Page(doc_id=doc_id, page=1)], SourceFile(path=f"/bench/{source}", source=source, size=1, mtime=0.0),
                    )
                    records = []
                    for i in range(actions):
                        if doc_type == "report" and previous_plan and i < len(previous_plan) // 2:
                            base = previous_plan[i]
                            title, text = base.title, base.text + " Dit werd uitgevoerd zoals gepland."
                            theme, domain = base.themes[0], base.domain
                        else:
                            theme = rng.choice(list(TEMPLATES))
                            domain, titles, texts = TEMPLATES[theme]
                            org = rng.choice(ORGS + local)
                            title = rng.choice(titles).format(org=org)
                            text = " ".join(rng.choice(texts).format(org=org, n=rng.randint(2, 40)) for _ in range(rng.randint(1, 3)))
                        partners = tuple({Partner(rng.choice(ORGS + local), rng.choice(["lead", "partner"])) for _ in range(rng.randint(0, 3))})
                        status = "planned" if doc_type == "plan" else rng.choice(["done", "done", "ongoing", "cancelled", "unknown"])
                        result = f"{rng.randint(2, 60)} deelnemers." if doc_type == "report" and rng.random() < 0.6 else None
                        records.append(Action(
                            action_id=f"{doc_id}-{i:04d}", doc_id=doc_id, page=1 + i // 4, position=i, title=title, text=f"{title}. {text}",
                            result=result, year=year, doc_type=doc_type, status=status, region=region, domain=domain,
                            themes=(theme,), partners=partners,
                            figures=(Figure(result.split(".")[0], float(result.split()[0])),) if result else (),
                        ))
                    store.write_analysis(doc_id, DocMeta(region=region, doc_type=doc_type, years=(year,)), [], records, [])
                    total += len(records)
                    if doc_type == "plan":
                        previous_plan = records
    return total


QUERIES = ["taalcoaching", "fiets", "werkgevers jobbeurs", "sociale clausules", "kinderopvang", "VDAB samenwerking",
           "wijk-werken", "brochure", "rijbewijs", "artikel 60", "stuurgroep", "open hiring"]


def timed(fn, repeat: int = 1) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="An existing store (default: generate one)")
    parser.add_argument("--regions", type=int, default=12)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--actions", type=int, default=40, help="Actions per document")
    args = parser.parse_args(argv)

    from pipeline.analyse import load_corpus
    from pipeline.compare import compare
    from pipeline.search import ActionSearcher, search
    from pipeline.seedplan import seed_plan, write_docx

    with tempfile.TemporaryDirectory(prefix="mine-bench-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.db"
            seconds, n = timed(lambda: generate(db, args.regions, args.years, args.actions))
            print(f"generated store: {n} actions, {args.regions} regions, {args.years} years ({seconds:.2f} s)")
        with Store(db, readonly=True) as store:
            corpus_s, corpus = timed(lambda: load_corpus(store))
            print(f"load actions:       {corpus_s * 1000:8.1f} ms  ({len(corpus.actions)} actions, {len(corpus.regions)} regions)")
            compare_s, paths = timed(lambda: compare(store, out_dir=Path(tmp) / "compare"))
            html_kb = paths["html"].stat().st_size / 1024
            xlsx_kb = paths["xlsx"].stat().st_size / 1024
            print(f"compare (all):      {compare_s * 1000:8.1f} ms  (html {html_kb:.0f} KiB, xlsx {xlsx_kb:.0f} KiB)")
            seed_s, plan = timed(lambda: seed_plan(store, "Nieuwe regio", themes=["taal", "mobiliteit"]))
            print(f"seed (2 themes):    {seed_s * 1000:8.1f} ms  ({len(plan.ranked())} precedents)")
            docx_s, _ = timed(lambda: write_docx(plan, Path(tmp) / "plan.docx"))
            print(f"  write docx:       {docx_s * 1000:8.1f} ms")
            one_s, _ = timed(lambda: search(store, "taalcoaching"), repeat=3)
            print(f"search (cold):      {one_s * 1000:8.1f} ms  per query, index built each call")
            def build_index() -> ActionSearcher:
                searcher = ActionSearcher(corpus)
                searcher.search("index")  # the index is built on first use
                return searcher

            index_s, searcher = timed(build_index)
            print(f"  build index:      {index_s * 1000:8.1f} ms")
            warm = [timed(lambda q=q: searcher.search(q), repeat=3)[0] for q in QUERIES]
            print(f"search (warm):      {statistics.median(warm) * 1000:8.1f} ms  median over {len(QUERIES)} queries (max {max(warm) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
