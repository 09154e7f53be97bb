"""overview.html: self-contained, drawn in a real headless Chromium with the network off."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from extractor.analysis.compare import COMPARE_COLUMNS
from extractor.cli import app
from extractor.outputs.overview import overview_html
from tests.conftest import SAMPLES, require_tool
from tests.variants import write_variant

CHART_IDS = ("chart-new-requests", "chart-years", "chart-outcomes", "chart-rates", "chart-appeals")


def record(**values):
    r = dict.fromkeys(COMPARE_COLUMNS)
    r.update(checks_failed=0, incomplete=0, ocr_unsure=0, **values)
    return r


def test_text_is_escaped_and_nothing_is_fetched():
    page = overview_html([record(body_key="<script>alert(1)</script>", year=2023, new_requests=5)])
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no CDN, no network
    assert "@import" not in page and "url(" not in page


def test_a_chart_without_values_says_so():
    page = overview_html([record(body_key="东山乡", year=2023)])
    assert "no value to draw" in page


def chromium(*args, cwd):
    return subprocess.run(
        ["chromium", "--headless", "--disable-gpu", "--no-sandbox", "--proxy-server=127.0.0.1:9",
         "--enable-logging=stderr", "--v=0", "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


@pytest.mark.slow
def test_overview_draws_in_chromium(tmp_path):
    require_tool("chromium", shutil.which("chromium") is not None,
                 "apt-get install chromium fonts-noto-cjk")  # fmt: skip
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, (body, year) in enumerate([("平昌关镇", 2022), ("平昌关镇", 2023), ("东山乡", 2023)]):
        write_variant(inputs, f"{i}.docx", body, year, i + 1)
    shutil.copy(SAMPLES / "pingchangguan-2023-pagebreak.docx", inputs / "3.docx")  # a failed check
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [str(inputs), "-o", str(out), "--format", "csv,xlsx,html",
                                      "-q", "-j", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("compare.csv", "dictionary.csv", "reports.xlsx", "overview.html"):
        assert (out / name).exists(), name
    page = (out / "overview.html").as_uri()
    dom = chromium("--dump-dom", page, cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr
    html = dom.stdout
    assert 'data-ready="1"' in html  # the page's script ran to the end
    assert "data-errors" not in html  # and met no error
    assert "CONSOLE" not in dom.stderr and "Uncaught" not in dom.stderr
    for chart in CHART_IDS:
        part = html.split(f'id="{chart}"', 1)[1].split("</div>", 1)[0]
        assert "<svg" in part and len(re.findall(r"data-value=", part)) >= 3, chart
    assert "平昌关镇" in html and 'class="fail"' in html  # years.carry_over fails: marked
    shot = tmp_path / "overview.png"
    done = chromium(f"--screenshot={shot}", "--window-size=1200,1800", page, cwd=tmp_path)
    assert done.returncode == 0 and shot.stat().st_size > 10_000
