"""The producer sweep: the project's own sample reports printed by other producers at many page
sizes, so that every table breaks across pages at many row positions.

    python samples/build_sweep.py OUT_DIR [--only chromium,libreoffice,cairo,redrawn,ghostscript]

Writes ``OUT_DIR/*.pdf`` and ``OUT_DIR/manifest.json`` (file → sample, producer, settings, the
cells printed blank). The expected values are the hand-checked ones of the source sample
(``tests/expected.py``); a cell the sweep prints blank is expected as 0.

Producers:
- **chromium**: the sample's DOCX rendered as a plain web page (tables with ``colspan``/
  ``rowspan``, as government sites publish them), printed by headless Chromium (Skia PDF) at 17
  page heights, zooms and margins, with and without the browser's header and footer. Two border
  styles: ``stroked`` (CSS borders) and ``fills`` (no borders at all: a black table background
  showing between white cell fills, the way some WPS and web templates draw their grid).
- **libreoffice**: the sample DOCX re-paginated to 16 page heights (140–290 mm) with its header
  rows not marked to repeat, converted by LibreOffice; and at 8 of them with mirrored margins
  (35 mm inside, 12 mm outside, as a document set for double-sided printing has them), so that
  the table stands further across on every other page.
- **cairo**: every PDF the two above printed, printed again by poppler's cairo backend
  (``pdftocairo -pdf``, the print path of GTK programs): it re-embeds every font (Chromium's as
  Type 3 fonts, LibreOffice's as Type 1 fonts in other units) and rewrites coordinates in
  single precision.
- **redrawn**: every ninth of those PDFs with its pages drawn turned on their side and shown
  upright by ``/Rotate`` (90° and 270°), or shown as drawn (on their side either way, upside
  down: a landscape page put in on its side), moved 300 pt left and 500 pt down with their
  media box, cut by a crop box inside it, or sized once on the page tree, whose media box the
  pages inherit (``redraw.py``).
- **ghostscript**: every sixth PDF of all the above distilled again by Ghostscript
  (``pdfwrite``): its fonts written again, with Unicode maps that send some of Chromium's
  glyphs to other characters, and turned pages drawn upright with a transform a hair off.
- **synthetic** lives in ``tests/pdf_synth.py``: minimal reproductions of single quirks drawn
  with reportlab.

The 2019-format sample is printed with some of its table-2 cells blank (a 2019 report prints
blanks for zeros), so that a shifted value cannot hide among non-zero neighbours.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_samples import FONTCONFIG  # noqa: E402  (the builder's font aliases, written once)
from redraw import boxes_on_the_page_tree, moved, turned  # noqa: E402

SOURCES = {
    "numbered": HERE / "pingchangguan-2023-numbered.docx",
    "pagebreak": HERE / "pingchangguan-2023-pagebreak.docx",
    "format2019": HERE / "pingchangguan-2020-format2019.docx",
}
# (table index, row index, grid column) of the cells printed blank in the "format2019" web
# page: in table 2, every third numeric row from the fifth on loses its 2nd and 4th applicant
# columns (商业企业, 社会公益组织). Grid columns count the DOCX grid (3 label columns first).
BLANKED = {"format2019": [(1, r, c) for r in range(7, 28, 3) for c in (4, 6)]}

# (page height mm, margin mm, zoom %, browser header/footer)
CHROMIUM_PAGES = [
    (297, 15, 100, True),
    (280, 10, 90, False),
    (260, 20, 100, True),
    (250, 12, 110, False),
    (240, 15, 80, True),
    (230, 8, 100, False),
    (220, 18, 95, True),
    (210, 10, 100, False),
    (200, 15, 85, True),
    (190, 12, 105, False),
    (180, 10, 100, True),
    (170, 14, 90, False),
    (160, 8, 100, True),
    (150, 10, 75, False),
    (140, 12, 100, True),
    (130, 6, 80, False),
    (145, 25, 125, False),  # breaks table 3's header row between 结果 and 维持
]
FILL_PAGES = CHROMIUM_PAGES[::2]
LIBREOFFICE_HEIGHTS = [140 + 10 * i for i in range(16)]  # 140 … 290 mm
MIRRORED_HEIGHTS = LIBREOFFICE_HEIGHTS[1::2]  # 150 … 290 mm
MIRRORED_MARGINS = (Mm(35), Mm(12))  # inside (binding), outside


@dataclass
class Case:
    file: str
    sample: str
    producer: str
    settings: dict = field(default_factory=dict)
    blank: list = field(default_factory=list)  # [table, row, grid column] printed blank


# --- DOCX → web page --------------------------------------------------------------------------


def _cell_text(tc) -> str:  # tc: a w:tc element
    paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    return "<br>".join(html.escape(p) for p in paras if p)


def table_to_html(tbl, index: int, blanked: set) -> str:  # tbl: a w:tbl element
    """A DOCX table → an HTML table: gridSpan → colspan, vMerge runs → rowspan."""
    rows = tbl.findall(qn("w:tr"))
    grid: list[list[tuple]] = []  # per row: (grid col, span, vmerge, tc)
    for tr in rows:
        col, cells = 0, []
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            vmerge = None if vm is None else (vm.get(qn("w:val")) or "continue")
            cells.append((col, span, vmerge, tc))
            col += span
        grid.append(cells)
    out = [f'<table class="report" data-table="{index}">']
    for r, cells in enumerate(grid):
        out.append("<tr>")
        for col, span, vmerge, tc in cells:
            if vmerge == "continue":
                continue
            rowspan = 1
            if vmerge == "restart":
                for below in grid[r + 1 :]:
                    if any(c == col and v == "continue" for c, _, v, _ in below):
                        rowspan += 1
                    else:
                        break
            text = "" if (index, r, col) in blanked else _cell_text(tc)
            attrs = (f' colspan="{span}"' if span > 1 else "") + (
                f' rowspan="{rowspan}"' if rowspan > 1 else ""
            )
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


STYLES = {
    "stroked": "table.report{border-collapse:collapse;width:100%}"
    "table.report td{border:1px solid #000;padding:2px 4px;text-align:center}",
    "fills": "table.report{border-collapse:separate;border-spacing:1px;background:#000;width:100%}"
    "table.report td{background:#fff;border:none;padding:2px 4px;text-align:center}",
}


def docx_to_html(docx_path: Path, style: str, blanked: set, page: tuple) -> str:
    """The report as a plain web page: paragraphs and tables in document order."""
    height, margin, zoom, _ = page
    body = Document(str(docx_path)).element.body
    parts, n_table = [], 0
    for el in body:
        if el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            if text.strip():
                parts.append(f"<p>{html.escape(text)}</p>")
        elif el.tag == qn("w:tbl"):
            parts.append(table_to_html(el, n_table, blanked))
            n_table += 1
    css = (
        f"@page{{size:210mm {height}mm;margin:{margin}mm}}"
        f"body{{font-family:'Noto Serif CJK SC',serif;font-size:12pt;zoom:{zoom}%}}"
        "p{text-indent:2em;line-height:1.6;margin:0 0 .4em}" + STYLES[style]
    )
    title = html.escape(docx_path.stem)
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{css}</style></head><body>{''.join(parts)}</body></html>"
    )


# --- producers --------------------------------------------------------------------------------


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("chrome")
    if not exe:
        raise SystemExit("chromium not found (Debian: apt-get install chromium fonts-noto-cjk)")
    return exe


def print_with_chromium(html_path: Path, pdf_path: Path, header_footer: bool) -> None:
    cmd = [
        chromium(),
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        "--proxy-server=127.0.0.1:9",  # no network: the page is self-contained
        f"--print-to-pdf={pdf_path}",
        html_path.as_uri(),
    ]
    if not header_footer:
        cmd.insert(4, "--no-pdf-header-footer")
    with tempfile.TemporaryDirectory() as profile:
        cmd.insert(1, f"--user-data-dir={profile}")
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )
    if not pdf_path.exists():
        raise SystemExit(f"chromium wrote no {pdf_path}")


def build_chromium(out: Path) -> list[Case]:
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for sample, src in SOURCES.items():
            blank = BLANKED.get(sample, [])
            for style, pages in (("stroked", CHROMIUM_PAGES), ("fills", FILL_PAGES)):
                if style == "fills" and sample == "pagebreak":
                    continue
                for page in pages:
                    height, margin, zoom, hf = page
                    name = f"{sample}-chromium-{style}-{height}mm-m{margin}-z{zoom}"
                    name += "-hf" if hf else ""
                    page_html = Path(tmp) / f"{name}.html"
                    page_html.write_text(docx_to_html(src, style, set(blank), page), "utf-8")
                    print_with_chromium(page_html, out / f"{name}.pdf", hf)
                    settings = {"style": style, "height_mm": height, "margin_mm": margin}
                    settings |= {"zoom": zoom, "header_footer": hf}
                    cases.append(Case(f"{name}.pdf", sample, "chromium", settings, blank))
    return cases


def repaginated_docx(src: Path, out: Path, height_mm: int, mirrored: bool = False) -> None:
    """The DOCX with another page height and no header row marked to repeat; ``mirrored``:
    with mirrored margins (the inside one on the left of odd pages, the right of even ones)."""
    doc = Document(str(src))
    for section in doc.sections:
        section.page_height = Mm(height_mm)
        if mirrored:
            section.left_margin, section.right_margin = MIRRORED_MARGINS
    if mirrored:
        doc.settings.element.append(OxmlElement("w:mirrorMargins"))
    for el in doc.element.body.iter(qn("w:tblHeader")):
        el.getparent().remove(el)
    doc.save(str(out))


def build_libreoffice(out: Path) -> list[Case]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found (Debian: libreoffice-writer-nogui)")
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        docs = []
        for sample, src in SOURCES.items():
            heights = [(h, False) for h in LIBREOFFICE_HEIGHTS]
            heights += [(h, True) for h in MIRRORED_HEIGHTS]
            for height, mirrored in heights:
                name = f"{sample}-libreoffice-{height}mm" + ("-mirrored" if mirrored else "")
                path = Path(tmp) / f"{name}.docx"
                repaginated_docx(src, path, height, mirrored)
                docs.append(path)
                settings = {"height_mm": height, "mirrored": mirrored}
                cases.append(Case(f"{name}.pdf", sample, "libreoffice", settings))
        fc = Path(tmp) / "fonts.conf"
        fc.write_text(FONTCONFIG, encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, docs),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(profile), "FONTCONFIG_FILE": str(fc)},
            timeout=900,
        )
    missing = [c.file for c in cases if not (out / c.file).exists()]
    if missing:
        raise SystemExit(f"LibreOffice wrote no {missing}")
    return cases


def build_cairo(out: Path, printed: list[Case]) -> list[Case]:
    """Each PDF in ``printed`` printed again by pdftocairo, as ``cairo-<its name>``."""
    exe = shutil.which("pdftocairo")
    if not exe:
        raise SystemExit("pdftocairo not found (Debian: poppler-utils)")
    cases = []
    for case in printed:
        name = f"cairo-{case.file}"
        subprocess.run(
            [exe, "-pdf", str(out / case.file), str(out / name)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
        settings = {**case.settings, "printed_by": case.producer}
        cases.append(Case(name, case.sample, "cairo", settings, case.blank))
    return cases


REDRAWN_EVERY = 9  # every ninth PDF the producers printed is also redrawn eight ways
REDRAWS = {
    "turned90": lambda data: turned(data, 90),
    "turned270": lambda data: turned(data, 270),
    "sideways90": lambda data: turned(data, 90, shown_upright=False),
    "upsidedown": lambda data: turned(data, 180, shown_upright=False),
    "sideways270": lambda data: turned(data, 270, shown_upright=False),
    "moved": lambda data: moved(data, -300, -500),
    "cropped": lambda data: moved(data, 0, 0, crop=(12, 20, 8, 15)),
    "inherited": boxes_on_the_page_tree,
}


def build_redrawn(out: Path, printed: list[Case]) -> list[Case]:
    """Every REDRAWN_EVERY-th PDF in ``printed`` with its pages turned or moved (``REDRAWS``),
    as ``<way>-<its name>``."""
    cases = []
    for case in printed[::REDRAWN_EVERY]:
        for way, redraw in REDRAWS.items():
            name = f"{way}-{case.file}"
            (out / name).write_bytes(redraw((out / case.file).read_bytes()))
            settings = {**case.settings, "printed_by": case.producer}
            cases.append(Case(name, case.sample, way, settings, case.blank))
    return cases


GHOSTSCRIPT_EVERY = 6  # every sixth PDF of the sweep is also distilled again by Ghostscript


def build_ghostscript(out: Path, swept: list[Case]) -> list[Case]:
    """Every GHOSTSCRIPT_EVERY-th PDF in ``swept`` distilled again by Ghostscript
    (``gs -sDEVICE=pdfwrite``, the engine behind many 'print to PDF' tools and servers), as
    ``gs-<its name>``. It writes the fonts again, with Unicode maps that send some glyphs of
    Chromium's fonts to other characters (their text reads 'P一\x80项目数量' where
    上一年项目数量 is printed), and draws turned pages upright (AutoRotatePages) with 1e-08
    left where 0 belongs in their transform."""
    exe = shutil.which("gs")
    if not exe:
        raise SystemExit("gs not found (Debian: ghostscript)")
    cases = []
    for case in swept[::GHOSTSCRIPT_EVERY]:
        name = f"gs-{case.file}"
        subprocess.run(
            [exe, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
             f"-sOutputFile={out / name}", str(out / case.file)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )  # fmt: skip
        settings = {**case.settings, "printed_by": case.producer}
        cases.append(Case(name, case.sample, "ghostscript", settings, case.blank))
    return cases


PRODUCERS = {"chromium": build_chromium, "libreoffice": build_libreoffice}
# print again, or draw again, what the producers printed
REPRINTERS = {"cairo": build_cairo, "redrawn": build_redrawn}
# distil again what the producers and reprinters made
REDISTILLERS = {"ghostscript": build_ghostscript}


def build(out: Path, only: list[str] | None = None) -> list[Case]:
    out.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for name, producer in PRODUCERS.items():
        if only is None or name in only:
            cases += producer(out)
    printed = list(cases)
    for name, reprinter in REPRINTERS.items():
        if only is None or name in only:
            cases += reprinter(out, printed)
    swept = list(cases)
    for name, redistiller in REDISTILLERS.items():
        if only is None or name in only:
            cases += redistiller(out, swept)
    manifest = out / "manifest.json"
    manifest.write_text(json.dumps([asdict(c) for c in cases], ensure_ascii=False, indent=1))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--only", default=None, help="comma-separated producers")
    args = parser.parse_args(argv)
    cases = build(args.out, args.only.split(",") if args.only else None)
    print(f"{len(cases)} PDFs in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
