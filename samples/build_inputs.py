#!/usr/bin/env python
"""Build the numbered sample in the other input forms a report is found in.

Usage:  python samples/build_inputs.py [--only html|doc|scan|zip ...]

* pingchangguan-2023-numbered.html           the report inside a county site's page (UTF-8)
* pingchangguan-2023-numbered-gbk.html       the same page saved as served in GBK, declared
                                             ``charset=gb2312`` and holding GBK-only characters
* pingchangguan-2023-numbered-fragment.htm   the bare report fragment, GBK, no declaration
* pingchangguan-2023-numbered.mht            the GBK page saved by a browser as one file (MHTML)
* pingchangguan-2023-numbered.doc            the numbered .docx saved as Word 97-2003 by
                                             LibreOffice
* pingchangguan-2023-numbered-scan.pdf       the numbered PDF printed, stamped with a red seal
                                             and scanned: 200 dpi, skewed, image-only
* pingchangguan-2023-garbled-text.pdf        page 3 of the scan with a garbage text layer
* pingchangguan-2023-gbk-names.zip           a Windows zip (GBK member names) of samples,
                                             with a zip inside it

Prose and numbers come from build_samples.py (the numbered sample); see README.md.
"""

from __future__ import annotations

import argparse
import html
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_samples as B  # noqa: E402

NAME = "pingchangguan-2023-numbered"
SITE = "信阳市平桥区人民政府"
PUBLISHED = "2024-01-18 09:30"
# GBK-only characters (not in GB2312) for the page saved in GBK: the footer's contact names
FOOTER_CONTACT = "联系人：王喆 陈堃"


# --- HTML --------------------------------------------------------------------------------------


def _p(text: str, indent: bool = True) -> str:
    style = ' style="text-indent:2em;line-height:2em"' if indent else ""
    return (
        f'<p class="MsoNormal"{style}><span style="font-family:仿宋_GB2312;font-size:16pt">'
        f"{html.escape(text)}</span></p>"
    )


def _heading(text: str) -> str:
    return (
        '<p class="MsoNormal" style="text-indent:2em"><strong>'
        f'<span style="font-family:黑体;font-size:16pt">{html.escape(text)}</span></strong></p>'
    )


def _td(text: str, colspan: int = 1, rowspan: int = 1, br: bool = False) -> str:
    """One cell as Word's HTML export writes it; ``br``: the label's line breaks as <br>."""
    attrs = ""
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    body = "<br>".join(html.escape(part) for part in text.split("\n")) if br else html.escape(text)
    if not text:
        body = "&nbsp;"
    return (
        f'<td{attrs} valign="middle" style="border:solid windowtext 1.0pt;padding:0 5.4pt">'
        f'<p class="MsoNormal" align="center"><span style="font-size:10pt">{body}</span></p></td>'
    )


def _table(rows: list[str]) -> str:
    trs = "\n".join(f"<tr>{r}</tr>" for r in rows)
    return (
        '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
        f'style="border-collapse:collapse;width:100%">\n<tbody>\n{trs}\n</tbody>\n</table>\n'
        '<p class="MsoNormal">&nbsp;</p>'
    )


def html_table1(sample: B.Sample) -> str:
    """Table 1 as a site's editor keeps it: the clause rows one cell across; the one-value rows
    keep the header merged over three columns but their value cell unmerged, followed by two
    ``&nbsp;`` cells (as WPS-filled templates often are)."""
    rows = []
    for clause, headers, labels in B.T1_BLOCKS:
        rows.append(_td(clause, colspan=4).replace('align="center"', 'align="left"'))
        if len(headers) == 3:
            rows.append(_td("信息内容") + "".join(_td(h) for h in headers))
        else:
            rows.append(_td("信息内容") + _td(headers[0], colspan=3))
        for label in labels:
            values = sample.t1[label]
            if len(values) == 3:
                rows.append(_td(label) + "".join(_td(v) for v in values))
            else:
                rows.append(_td(label) + _td(values[0]) + _td("") + _td(""))
    return _table(rows)


def html_table2(sample: B.Sample) -> str:
    """Table 2 with the template's merges (rowspan/colspan) and <br> in the narrow labels."""
    n = len(B.T2_ROWS)
    note = B.T2_NOTE.replace("之和，", "之和，\n", 1)
    rows = [
        _td(note, colspan=3, rowspan=3, br=True) + _td("申请人情况", colspan=7),
        _td("自然\n人", rowspan=2, br=True)
        + _td("法人或其他组织", colspan=5)
        + _td("总计", rowspan=2),
        "".join(
            _td(c, br=True)
            for c in ("商业\n企业", "科研\n机构", "社会\n公益\n组织", "法律\n服务\n机构", "其他")
        ),
    ]
    _, _, row_total, _, outcome_rows = B.t2_indexes(sample)
    group_seen: set[str] = set()
    for i, (group, label) in enumerate(B.T2_ROWS):
        cells = ""
        values = "".join(_td(v) for v in sample.t2[i])
        if i == outcome_rows.start:
            span = row_total - outcome_rows.start + 1
            cells += _td("三、本年度\n办理结果", rowspan=span, br=True)
        if group is None:
            colspan = 3 if i not in outcome_rows and i != row_total else 2
            cells += _td(label, colspan=colspan)
        else:
            if group not in group_seen:
                group_seen.add(group)
                size = sum(1 for g, _ in B.T2_ROWS if g == group)
                cells += _td(group, rowspan=size)
            cells += _td(label)
        rows.append(cells + values)
    assert len(rows) == n + 3
    return _table(rows)


def html_table3(sample: B.Sample) -> str:
    rows = [
        _td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
        "".join(_td(r, rowspan=2) for r in B.T3_RESULTS)
        + _td(B.T3_BLOCKS[1], colspan=5)
        + _td(B.T3_BLOCKS[2], colspan=5),
        "".join(_td(B.T3_RESULTS[c % 5]) for c in range(10)),
        "".join(_td(v) for block in sample.t3 for v in block),
    ]
    return _table(rows)


def report_body(sample: B.Sample, prose: B.Prose) -> str:
    """The report as the site's editor holds it: headings, prose, the three tables, signature."""
    parts = []
    for title in B.SECTION_TITLES:
        parts.append(_heading(title))
        parts.extend(_p(text) for text in prose.sections[title])
        if title == B.SECTION_TITLES[1]:
            parts.append(html_table1(sample))
        elif title == B.SECTION_TITLES[2]:
            parts.append(html_table2(sample))
        elif title == B.SECTION_TITLES[3]:
            parts.append(html_table3(sample))
    parts.append('<p class="MsoNormal">&nbsp;</p>')
    parts.extend(
        f'<p class="MsoNormal" align="right" style="text-align:right">{html.escape(s)}</p>'
        for s in prose.signature
    )
    return "\n".join(parts)


def site_page(title: str, body: str, charset: str) -> str:
    """A county government site's article page around the report."""
    nav = "".join(
        f'<li><a href="/{k}/">{v}</a></li>'
        for k, v in [
            ("index", "首页"),
            ("zwgk", "政务公开"),
            ("zwfw", "政务服务"),
            ("hdjl", "互动交流"),
            ("zjpq", "走进平桥"),
        ]
    )
    related = "".join(
        f'<li><a href="/zwgk/nb/{i}.html">{t}</a><span>2024-01-{10 + i}</span></li>'
        for i, t in enumerate(
            [
                "平桥区人民政府2023年政府信息公开工作年度报告",
                "甘岸街道2023年政府信息公开工作年度报告",
                "明港镇2023年政府信息公开工作年度报告",
            ]
        )
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta name="SiteName" content="{SITE}" />
<meta name="ArticleTitle" content="{title}" />
<title>{title}_{SITE}</title>
<link rel="stylesheet" href="/images/style.css" />
<style type="text/css">.article-content p {{ font-size: 16px; line-height: 2em; }}</style>
<script type="text/javascript">
  var _hmt = _hmt || []; document.write("<div>统计代码 政府信息公开</div>");
</script>
</head>
<body>
<div class="top-bar"><div class="w1200">欢迎访问{SITE}门户网站！今天是：<span id="today"></span>
  <a href="/wza/">无障碍浏览</a> <a href="/yhb/">长者模式</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{SITE}" /></div>
  <form class="search" action="/search/"><input type="text" name="q" value="请输入关键字" />
  <button type="submit">搜索</button></form></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="main w1200">
  <div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
    <a href="/zwgk/nb/">政府信息公开年报</a></div>
  <div class="xxgk-table"><table class="xxgk-info">
    <tr><td>索引号：</td><td>11411503MB1C02345X/2024-00012</td><td>发布机构：</td><td>平昌关镇人民政府</td></tr>
    <tr><td>主题分类：</td><td>政务公开</td><td>发文日期：</td><td>{PUBLISHED[:10]}</td></tr>
  </table></div>
  <div class="article">
    <div class="article-title"><h1>{title}</h1></div>
    <div class="article-info">发布时间：{PUBLISHED} 来源：平昌关镇人民政府 浏览次数：<span id="hits">1024</span>
      字号：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a>
      <a href="javascript:doZoom(14)">小</a>]</div>
    <div class="article-content"><div id="zoom" class="TRS_Editor">
{body}
    </div></div>
    <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a>
      <a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
  <div class="related"><h3>相关信息</h3><ul>{related}</ul></div>
</div>
<div class="footer"><div class="w1200">
  <p>主办单位：信阳市平桥区人民政府办公室　承办单位：平桥区大数据服务中心</p>
  <p>地址：信阳市平桥区平桥大道88号　电话：0376-3712345　{FOOTER_CONTACT}</p>
  <p>豫ICP备05012345号-1　网站标识码：4115030001　豫公网安备 41150302000123号</p>
</div></div>
<script type="text/javascript">document.getElementById("today").innerHTML = new Date().toLocaleDateString();</script>
</body>
</html>
"""


def build_html(out_dir: Path) -> list[Path]:
    prose = B.read_prose()
    body = report_body(B.NUMBERED, prose)
    page_utf8 = site_page(prose.title, body, "utf-8")
    page_gbk = site_page(prose.title, body, "gb2312")
    fragment = "\n".join([_p(prose.title, indent=False), body, ""])
    outs = [
        (out_dir / f"{NAME}.html", page_utf8.encode("utf-8")),
        (out_dir / f"{NAME}-gbk.html", page_gbk.encode("gbk")),
        (out_dir / f"{NAME}-fragment.htm", fragment.encode("gbk")),
    ]
    outs.append((out_dir / f"{NAME}.mht", saved_single_file(page_gbk, prose.title)))
    for path, data in outs:
        path.write_bytes(data)
    return [p for p, _ in outs]


def saved_single_file(page: str, title: str) -> bytes:
    """The page as Chrome saves it as one file (MHTML): multipart/related, the HTML part
    re-encoded as UTF-8 and quoted-printable while its own <meta> still says gb2312, and the
    site's logo as a second part."""
    from email import charset as email_charset
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    url = "http://www.pingqiao.gov.cn/zwgk/nb/202401/t20240118_123456.html"
    msg = MIMEMultipart("related", type="text/html", boundary="----MultipartBoundary--pq2024----")
    msg["From"] = "<Saved by Blink>"
    msg["Snapshot-Content-Location"] = url
    msg["Subject"] = title
    msg["Date"] = "Thu, 18 Jan 2024 10:02:11 +0800"
    qp = email_charset.Charset("utf-8")
    qp.body_encoding = email_charset.QP
    part = MIMEText(page, "html", qp)
    part["Content-ID"] = "<frame-pq2024@mhtml.blink>"
    part["Content-Location"] = url
    msg.attach(part)
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (180, 20, 30)).save(logo, "PNG")
    image = MIMEImage(logo.getvalue(), "png")
    image["Content-Location"] = "http://www.pingqiao.gov.cn/images/logo.png"
    msg.attach(image)
    return msg.as_bytes()


# --- .doc --------------------------------------------------------------------------------------


def soffice_convert(src: Path, target: str, out_dir: Path) -> Path:
    """LibreOffice headless conversion with a throw-away profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found on PATH")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out_dir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env={**os.environ, "HOME": profile},
        )
    return out_dir / f"{src.stem}.{target.split(':')[0]}"


def build_doc(out_dir: Path) -> list[Path]:
    out = soffice_convert(HERE / f"{NAME}.docx", "doc:MS Word 97", out_dir)
    return [out]


# --- zip with GBK member names ------------------------------------------------------------------


class GbkZipInfo(zipfile.ZipInfo):
    """A member whose name is stored in GBK without the UTF-8 flag, as Windows zip tools do."""

    def _encodeFilenameFlags(self):  # zipfile's hook, hence its name
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _gbk_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = GbkZipInfo(name, date_time=(2024, 1, 18, 9, 30, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # MS-DOS, as Windows tools write
    zf.writestr(info, data)


ZIP_MEMBERS = [  # member name → sample file
    ("平昌关镇/2023年政府信息公开工作年度报告.pdf", f"{NAME}.pdf"),
    ("平昌关镇/2023年政府信息公开工作年度报告（网页）.html", f"{NAME}-gbk.html"),
    ("平昌关镇/说明.xls", None),  # an unsupported member: skipped
]
NESTED_NAME = "平昌关镇/附件/旧版文件.zip"
NESTED_MEMBERS = [("年度报告（Word 97-2003）.doc", f"{NAME}.doc")]


def build_zip(out_dir: Path) -> list[Path]:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        for name, sample in NESTED_MEMBERS:
            _gbk_member(zf, name, (out_dir / sample).read_bytes())
    out = out_dir / "pingchangguan-2023-gbk-names.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for name, sample in ZIP_MEMBERS:
            data = (out_dir / sample).read_bytes() if sample else b"\xd0\xcf\x11\xe0 not a report"
            _gbk_member(zf, name, data)
        _gbk_member(zf, NESTED_NAME, inner.getvalue())
    with zipfile.ZipFile(out) as zf:  # check: no member carries the UTF-8 flag
        assert all(not info.flag_bits & 0x800 for info in zf.infolist())
    return [out]


# --- scan ---------------------------------------------------------------------------------------

SCAN_DPI = 200
# skew of each page in degrees (counter-clockwise), as a sheet lies a little crooked on a scanner
SCAN_SKEW = (0.7, -1.1, 1.3, -0.6)
SEAL_PAGE = 3  # the requests table
SEAL_CENTER = (1290, 1420)  # pixels at 200 dpi before the skew: over 其他/总计 of （五）–（六）
SEAL_DIAMETER = 331  # 4.2 cm, the size of an official seal
SEAL_TEXT = "平昌关镇人民政府"
SEAL_RGB = (214, 38, 46)
SEAL_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
SEAL_FONT_INDEX = 2  # Simplified Chinese face of the collection


def seal_mask(diameter: int, text: str, rng) -> Image.Image:
    """A round seal as an ink mask (L, 255 = full ink): ring, text along the top arc, star."""
    size = diameter + 8
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c, r = size / 2, diameter / 2
    ring = max(3, round(diameter * 0.035))
    draw.ellipse([c - r, c - r, c + r, c + r], outline=255, width=ring)
    star_r = r * 0.24
    points = []
    for k in range(10):
        rad = star_r if k % 2 == 0 else star_r * 0.4
        ang = math.radians(-90 + 36 * k)
        points.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
    draw.polygon(points, fill=255)
    font = ImageFont.truetype(str(SEAL_FONT), size=round(r * 0.3), index=SEAL_FONT_INDEX)
    span = 240.0  # degrees of arc the text covers, centred on the top
    for i, ch in enumerate(text):
        theta = -span / 2 + span * (i + 0.5) / len(text)  # clockwise from the top
        glyph = Image.new("L", (round(r * 0.4), round(r * 0.4)), 0)
        ImageDraw.Draw(glyph).text(
            (glyph.width / 2, glyph.height / 2), ch, fill=255, font=font, anchor="mm"
        )
        glyph = glyph.rotate(-theta, resample=Image.BICUBIC, expand=True)
        rad = r * 0.7
        x = c + rad * math.sin(math.radians(theta)) - glyph.width / 2
        y = c - rad * math.cos(math.radians(theta)) - glyph.height / 2
        mask.paste(255, (round(x), round(y)), glyph)
    ink = np.asarray(mask, dtype=np.float32) / 255
    ink *= rng.uniform(0.72, 1.0, ink.shape)  # uneven ink
    return Image.fromarray(np.clip(ink * 255, 0, 255).astype(np.uint8))


def stamp(page: Image.Image, center: tuple[int, int], rng) -> Image.Image:
    """Press the seal onto the page: red ink multiplies the paper and the print under it."""
    mask = seal_mask(SEAL_DIAMETER, SEAL_TEXT, rng)
    arr = np.asarray(page, dtype=np.float32)
    x0, y0 = center[0] - mask.width // 2, center[1] - mask.height // 2
    a = np.asarray(mask, dtype=np.float32)[..., None] / 255
    tint = np.array(SEAL_RGB, dtype=np.float32) / 255
    region = arr[y0 : y0 + mask.height, x0 : x0 + mask.width]
    arr[y0 : y0 + mask.height, x0 : x0 + mask.width] = region * (1 - a + a * tint)
    return Image.fromarray(arr.astype(np.uint8))


def scan_page(page: Image.Image, skew: float, rng) -> Image.Image:
    """Paper tint, a crooked sheet, sensor noise."""
    arr = np.asarray(page, dtype=np.float32) * (np.array([250, 248, 243]) / 255)
    page = Image.fromarray(arr.astype(np.uint8)).rotate(
        skew, resample=Image.BICUBIC, fillcolor=(250, 248, 243)
    )
    arr = np.asarray(page, dtype=np.float32) + rng.normal(0, 4.0, (page.height, page.width, 1))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def scanned_pages(rng) -> list[Image.Image]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(HERE / f"{NAME}.pdf")
    pages = []
    for i, skew in enumerate(SCAN_SKEW):
        img = pdf[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB")
        if i + 1 == SEAL_PAGE:
            img = stamp(img, SEAL_CENTER, rng)
        pages.append(scan_page(img, skew, rng))
    pdf.close()
    return pages


# --- a scanned page with a garbage text layer -------------------------------------------------

GARBLED_PAGE = 3  # the requests table
TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Garbled def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfrange
<0001> <007F> <E001>
<0080> <00FF> <FFFD>
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _pdf(objects: list[bytes]) -> bytes:
    """Objects (numbered from 1, in order) → a PDF file with its cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(head: bytes, data: bytes) -> bytes:
    return head[:-2] + b"/Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def garbled_text_pdf(page: Image.Image, rng) -> bytes:
    """One scanned page with an invisible text layer whose font maps every code to a
    private-use character or U+FFFD (a broken ToUnicode map, as some producers write)."""
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=80)
    w, h = page.width * 72 / SCAN_DPI, page.height * 72 / SCAN_DPI
    text = b"BT 3 Tr /F1 10 Tf\n"
    for line in range(40):
        codes = rng.integers(1, 256, 30)
        hexcodes = "".join(f"{c:04X}" for c in codes).encode()
        text += b"1 0 0 1 72 %.1f Tm <%s> Tj\n" % (h - 100 - line * 16, hexcodes)
    text += b"ET"
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n" % (w, h) + text
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 9 0 R "
            b"/Resources << /XObject << /Im0 4 0 R >> /Font << /F1 5 0 R >> >> >>" % (w, h),
            _stream(
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                b"/BitsPerComponent 8 /Filter /DCTDecode >>" % (page.width, page.height),
                jpeg.getvalue(),
            ),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
            b"/DW 1000 >>",
            b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] "
            b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
            _stream(b"<< >>", TO_UNICODE),
            _stream(b"<< >>", content),
        ]
    )


def build_scan(out_dir: Path) -> list[Path]:
    rng = np.random.default_rng(20231220)
    pages = scanned_pages(rng)
    out = out_dir / f"{NAME}-scan.pdf"
    pages[0].save(
        out, "PDF", resolution=SCAN_DPI, save_all=True, append_images=pages[1:], quality=80
    )
    garbled = out_dir / "pingchangguan-2023-garbled-text.pdf"
    garbled.write_bytes(garbled_text_pdf(pages[GARBLED_PAGE - 1], rng))
    return [out, garbled]


# --- main --------------------------------------------------------------------------------------

BUILDERS = {"html": build_html, "doc": build_doc, "scan": build_scan, "zip": build_zip}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(BUILDERS), default=list(BUILDERS))
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    for name in BUILDERS:
        if name in args.only:
            for path in BUILDERS[name](args.out):
                print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
