"""HTML: the report found inside a site's page, tables from colspan/rowspan, encodings as served."""

from __future__ import annotations

import pytest

import extractor
from extractor.errors import EmptyFile, NotAReport
from extractor.model import Paragraph
from extractor.readers import detect_format
from extractor.readers.docx import read_docx
from extractor.readers.html import (
    content_root,
    declared_charset,
    decode_html,
    element_lines,
    read_html,
)
from tests.conftest import SAMPLES
from tests.expected import NUMBERED_2023, table_values

PAGE = SAMPLES / "pingchangguan-2023-numbered.html"
PAGE_GBK = SAMPLES / "pingchangguan-2023-numbered-gbk.html"
FRAGMENT = SAMPLES / "pingchangguan-2023-numbered-fragment.htm"


@pytest.mark.parametrize("path", [PAGE, PAGE_GBK, FRAGMENT], ids=lambda p: p.name)
def test_every_cell(path):
    report = extractor.extract(path)
    assert report.meta["format"] == "html"
    assert table_values(report) == NUMBERED_2023
    assert [c for c in report.check_list if c.status != "pass"] == []
    assert [p for p in report.problems if p.status == "fail"] == []


@pytest.mark.parametrize("path", [PAGE, PAGE_GBK, FRAGMENT], ids=lambda p: p.name)
def test_metadata_from_headline_and_signature(path):
    meta = extractor.extract(path).meta
    assert (meta["body"], meta["year"], meta["signed"]) == ("平昌关镇", 2023, "2023-12-20")
    assert meta["sections_found"] == 6


def test_site_layout_left_out():
    """Navigation, info bar, related links, footer and scripts are not report text; the
    headline (outside the content div) is the first paragraph."""
    doc = read_html(PAGE.read_bytes(), PAGE.name)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "平昌关镇 2023 年政府信息公开工作年度报告"
    assert texts[1] == "一、总体情况"
    assert texts[-2:] == ["平昌关镇人民政府", "2023年12月20日"]
    page_only = ("首页", "发布时间", "相关信息", "主办单位", "豫ICP备", "统计代码", "索引号")
    assert not [t for t in texts if any(w in t for w in page_only)]
    assert len(doc.tables) == 3  # the page's info table is outside the content


def test_same_prose_and_grids_as_the_word_file():
    """The page holds the Word sample's text; table 2 and 3 have the same merges cell for cell."""
    html = read_html(PAGE.read_bytes(), PAGE.name)
    word = read_docx((SAMPLES / "pingchangguan-2023-numbered.docx").read_bytes(), "w.docx")
    assert [p.text for p in html.paragraphs] == [p.text for p in word.paragraphs]
    for h, w in zip(html.tables[1:], word.tables[1:], strict=True):
        assert (h.n_rows, h.n_cols) == (w.n_rows, w.n_cols)
        for hr, wr in zip(h.grid, w.grid, strict=True):
            assert [(c.origin, c.rowspan, c.colspan) for c in hr] == [
                (c.origin, c.rowspan, c.colspan) for c in wr
            ]


def test_br_in_labels_is_a_line_break():
    requests = read_html(PAGE.read_bytes(), PAGE.name).tables[1]
    assert requests.grid[1][3].text == "自然\n人"
    assert requests.grid[2][6].text == "社会\n公益\n组织"
    assert requests.grid[5][0].text == "三、本年度\n办理结果" and requests.grid[5][0].rowspan == 22
    assert requests.text(10, 0) == "三、本年度\n办理结果"  # covered cells point at it


def test_nbsp_cells_are_blank():
    """行政许可 … keep their value cell unmerged beside two &nbsp; cells."""
    proactive = read_html(PAGE.read_bytes(), PAGE.name).tables[0]
    row = proactive.grid[6]
    assert [c.text for c in row] == ["行政许可", "140", "", ""]
    assert not any(c.covered for c in row)


def test_provenance_names_source_line_table_row_col():
    doc = read_html(PAGE.read_bytes(), PAGE.name)
    cell = doc.tables[1].grid[3][9]
    assert cell.text == "7913"
    assert (cell.prov.table, cell.prov.row, cell.prov.col) == (1, 3, 9)
    source_line = PAGE.read_text(encoding="utf-8").splitlines()[cell.prov.line - 1]
    assert ">7913<" in source_line
    heading = next(p for p in doc.paragraphs if p.text == "五、存在的主要问题及改进情况")
    assert (
        "五、存在的主要问题及改进情况"
        in (PAGE.read_text(encoding="utf-8").splitlines()[heading.prov.line - 1])
    )
    assert heading.prov.para is not None


def test_gb2312_declared_page_with_gbk_characters():
    """Real quirk: pages declare gb2312 but hold GBK-only characters (喆, 堃)."""
    data = PAGE_GBK.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert declared_charset(data) == "gb18030"
    assert "联系人：王喆 陈堃" in decode_html(data, PAGE_GBK.name)


def test_undeclared_gbk_fragment_is_sniffed():
    data = FRAGMENT.read_bytes()
    assert declared_charset(data) is None
    assert b"<html" not in data and b"<body" not in data
    doc = read_html(data, FRAGMENT.name)
    assert doc.paragraphs[0].text == "平昌关镇 2023 年政府信息公开工作年度报告"


def test_declared_charsets():
    assert declared_charset(b'<meta charset="UTF-8">') == "utf-8"
    assert declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=GBK'>") == (
        "gb18030"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="gb2312"?><html>') == "gb18030"
    assert declared_charset(b"\xef\xbb\xbf<html>") == "utf-8-sig"
    assert declared_charset(b'<meta charset="no-such-codec">') is None


def test_mislabelled_utf8_page_declared_gbk():
    """Declared GBK, saved as UTF-8 (an editor re-saved it): the declaration fails, UTF-8 wins."""
    data = '<meta charset="gbk"><p>一、总体情况：本年度新收申请</p>'.encode()
    assert "一、总体情况：本年度新收申请" in decode_html(data, "x.html")


def test_content_area_without_hints_is_where_the_text_is():
    page = (
        "<html><body><div><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
        "<div><div><p>" + "一、总体情况。" * 40 + "</p><p>二、主动公开</p>"
        "<table><tr><td>规章</td><td>3</td></tr><tr><td>行政许可</td><td>5</td></tr></table>"
        "</div></div><div>版权所有 联系电话</div></body></html>"
    )
    import lxml.html

    tree = lxml.html.document_fromstring(page)
    root = content_root(tree.find("body"))
    assert root.xpath("./p") and root.xpath("./table")
    doc = read_html(page.encode(), "x.html")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph", "Table"]
    assert doc.tables[0].rows_text() == [["规章", "3"], ["行政许可", "5"]]


def test_layout_table_around_the_report_is_not_a_data_table():
    """Old sites wrap the whole article in a one-cell layout table."""
    page = (
        "<table width=100%><tr><td><p>一、总体情况</p><p>" + "正文。" * 30 + "</p>"
        "<table border=1><tr><td>行政许可</td><td>7</td></tr></table></td></tr></table>"
    )
    doc = read_html(page.encode("gbk"), "x.htm")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][0] == "一、总体情况"
    assert len(doc.tables) == 1 and doc.tables[0].rows_text() == [["行政许可", "7"]]


def test_rowspan_and_colspan_model():
    page = (
        "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
        "<tr><td>c</td><td>d</td></tr><tr><td>e</td><td rowspan=0>f</td><td>g</td></tr></table>"
    )
    table = read_html(page.encode(), "t.html").tables[0]
    assert table.rows_text() == [["A", "B", "B"], ["A", "c", "d"], ["e", "f", "g"]]
    assert table.grid[1][0].origin == (0, 0) and table.grid[0][2].origin == (0, 1)


def test_element_lines_breaks_and_spaces():
    import lxml.html

    el = lxml.html.fragment_fromstring("<td>社会<br/>公益 <span>组\n织</span><p>x&nbsp;y</p></td>")
    assert element_lines(el) == ["社会", "公益 组 织", "x y"]


def test_detect_html_by_content_and_name():
    assert detect_format("report", b"\xef\xbb\xbf  <!DOCTYPE html><html>") == "html"
    assert detect_format("page.shtml", b"plain words") == "html"
    assert detect_format("notes.txt", b"<!-- saved --> <p>one</p>") == "html"
    assert detect_format("notes.txt", b"a < b") == "text"


def test_empty_and_textless_pages():
    with pytest.raises(EmptyFile):
        read_html(b"  \n", "e.html")
    with pytest.raises(NotAReport):
        read_html(b"<html><body><script>var a = 1;</script></body></html>", "s.html")


MHT = SAMPLES / "pingchangguan-2023-numbered.mht"


def test_page_saved_as_one_file_mhtml():
    """Sample quirk: a browser's single-file save re-encodes the page as UTF-8 (quoted-printable)
    while the page's own <meta> still says gb2312: the MIME part's charset wins."""
    from extractor.readers.mhtml import html_part

    page, charset = html_part(MHT.read_bytes())
    assert charset == "utf-8" and b"charset=gb2312" in page
    report = extractor.extract(MHT)
    assert report.meta["format"] == "html"
    assert table_values(report) == NUMBERED_2023
    assert report.meta["body"] == "平昌关镇"


def test_mhtml_detected_by_content():
    data = MHT.read_bytes()
    assert detect_format("saved", data) == "mhtml"
    assert detect_format("page.mht", b"MIME-Version: 1.0\n") == "mhtml"


def test_mhtml_without_an_html_part():
    from extractor.errors import UnreadableFile
    from extractor.readers.mhtml import read_mhtml

    data = b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
    data += b"Content-Type: image/png\n\nxx\n--b--\n"
    with pytest.raises(UnreadableFile, match="without an HTML part"):
        read_mhtml(data, "x.mht")
