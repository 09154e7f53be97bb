"""A run's own bookkeeping: the same bytes under two names extracted once, a name given twice
taken once, failures named at every input that has their bytes."""

from __future__ import annotations

from extractor.bulk import Listener, run_bulk
from tests.conftest import DATA, SAMPLES
from tests.test_bulk import catalog, csv_rows, distinct_copies, output_bytes


class Errors(Listener):
    """The inputs a run says failed, in the order it says so."""

    def __init__(self) -> None:
        self.sources: list[str] = []

    def error(self, source: str, kind: str, reason: str) -> None:
        self.sources.append(source)


def test_the_same_bytes_twice_are_extracted_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    pdf = SAMPLES / "pingchangguan-2023-numbered.pdf"
    (folder / "a.pdf").write_bytes(pdf.read_bytes())
    (folder / "sub" / "a-again.pdf").write_bytes(pdf.read_bytes())
    (folder / "b.txt").write_bytes((SAMPLES / "pingchangguan-2023.txt").read_bytes())
    truncated = (DATA / "bad" / "truncated.pdf").read_bytes()
    (folder / "broken.pdf").write_bytes(truncated)
    (folder / "sub" / "broken-again.pdf").write_bytes(truncated)
    listener = Errors()
    result = run_bulk([folder], tmp_path / "out", jobs=2, listener=listener)
    assert (result.inputs, result.extracted, result.failed, result.skipped) == (5, 2, 1, 2)
    assert listener.sources == [
        str(folder / "broken.pdf"),
        str(folder / "sub" / "broken-again.pdf"),
    ]
    sources = [r["source"] for r in csv_rows(tmp_path / "out" / "reports.csv")]
    assert sources == [str(folder / "a.pdf"), str(folder / "b.txt")]
    errors = [r["source"] for r in csv_rows(tmp_path / "out" / "errors.csv")]
    assert errors == [str(folder / "broken.pdf"), str(folder / "sub" / "broken-again.pdf")]
    with catalog(tmp_path / "out") as db:
        hashes = dict(db.execute("SELECT source, sha256 FROM sources"))
    assert hashes[str(folder / "a.pdf")] == hashes[str(folder / "sub" / "a-again.pdf")]


def test_a_name_given_twice_is_taken_once(tmp_path):
    """A file given again (itself, or in its folder given twice) and a missing path given
    twice are taken at their first place, in a fresh output folder and in one that has a
    catalog (where names are looked up)."""
    folder = tmp_path / "in"
    first, _ = distinct_copies(folder, 2)
    gone = tmp_path / "gone.pdf"
    once = run_bulk([folder, gone], tmp_path / "once", jobs=1)
    twice = run_bulk([folder, first, gone, gone, folder], tmp_path / "twice", jobs=1)
    assert (once.extracted, once.failed, once.skipped) == (2, 1, 0)
    assert (twice.extracted, twice.failed, twice.skipped) == (2, 1, 3)
    assert output_bytes(tmp_path / "twice") == output_bytes(tmp_path / "once")
    again = run_bulk([folder, first, gone, folder], tmp_path / "twice", jobs=1)
    assert (again.extracted, again.failed, again.skipped) == (0, 1, 5)
    assert output_bytes(tmp_path / "twice") == output_bytes(tmp_path / "once")


def test_a_name_wrongly_said_taken_is_asked_of_the_catalog(tmp_path, monkeypatch):
    """The names a run took are kept as bits that may say yes for a name never taken: the
    catalog confirms, and such a name is extracted as any other."""
    from extractor.bulk import seen

    folder = tmp_path / "in"
    distinct_copies(folder, 3)
    clean = run_bulk([folder], tmp_path / "clean", jobs=1)
    monkeypatch.setattr(seen.Seen, "__contains__", lambda self, text: True)
    doubted = run_bulk([folder, folder], tmp_path / "doubted", jobs=1)
    assert (doubted.extracted, doubted.skipped) == (clean.extracted, 3) == (3, 3)
    assert output_bytes(tmp_path / "doubted") == output_bytes(tmp_path / "clean")


def test_a_compilation_gives_a_row_per_report(tmp_path):
    """A 汇编 in a run is not a failure: each of its reports gets its rows, under the file's
    name and its pages (as ``extractor.extract_all`` names them), with 1 worker (the run makes
    the CSV lines) or 2 (the workers do), and again from the pack when the run is repeated."""
    import extractor

    pdf = SAMPLES / "compilation-three-towns.pdf"
    expected = extractor.extract_all(pdf)
    sources = [f"{pdf}#pages=1-4", f"{pdf}#pages=5-9", f"{pdf}#pages=10-13"]
    assert [r.source for r in expected] == sources
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        result = run_bulk([pdf, SAMPLES / "pingchangguan-2023.txt"], out, jobs=jobs)
        assert (result.extracted, result.failed, result.reports) == (2, 0, 4)
        rows = csv_rows(out / "reports.csv")
        assert [r["source"] for r in rows] == [*sources, str(SAMPLES / "pingchangguan-2023.txt")]
        assert [r["body"] for r in rows[:3]] == ["平昌关镇", "高丘镇", "邢集镇"]
        facts = csv_rows(out / "facts.csv")
        for report in expected:
            mine = {
                (f["table"], f["row"], f["column"]): f["value"]
                for f in facts
                if f["source"] == report.source
            }
            theirs = {
                (f.table, f.row, f.column): "" if f.value is None else str(f.value)
                for f in report.facts.itertuples()
            }
            assert mine == theirs
        outs[jobs] = output_bytes(out)
        again = run_bulk([pdf, SAMPLES / "pingchangguan-2023.txt"], out, jobs=jobs)
        assert (again.extracted, again.skipped, again.reports) == (0, 2, 4)
        assert output_bytes(out) == outs[jobs]
    assert outs[1] == outs[2]
