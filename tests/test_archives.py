"""Archives: members read lazily, GBK names from Windows zips, nested archives, broken ones."""

from __future__ import annotations

import io
import os
import pickle
import tarfile
import zipfile

import pytest

import extractor
from extractor.inputs import ArchiveError, iter_inputs, zip_member_name
from tests.conftest import SAMPLES
from tests.expected import NUMBERED_2023, table_values

GBK_ZIP = SAMPLES / "pingchangguan-2023-gbk-names.zip"
Z = str(GBK_ZIP)
PDF = SAMPLES / "pingchangguan-2023-numbered.pdf"
DOCX = SAMPLES / "pingchangguan-2023-numbered.docx"


def test_windows_zip_gbk_names_and_nested_zip():
    """Sample quirk: member names stored in GBK without the UTF-8 flag (bit 11), a zip in the
    zip, and an unsupported member (说明.xls) that is skipped."""
    with zipfile.ZipFile(GBK_ZIP) as zf:
        assert all(not info.flag_bits & 0x800 for info in zf.infolist())
    sources = [item.source for item in iter_inputs([GBK_ZIP])]
    assert sources == [
        f"{Z}!平昌关镇/2023年政府信息公开工作年度报告.pdf",
        f"{Z}!平昌关镇/2023年政府信息公开工作年度报告（网页）.html",
        f"{Z}!平昌关镇/附件/旧版文件.zip!年度报告（Word 97-2003）.doc",
    ]


def test_members_read_lazily_give_the_original_bytes():
    items = list(iter_inputs([GBK_ZIP]))
    assert items[0].read() == PDF.read_bytes()
    assert items[0].size == PDF.stat().st_size
    assert items[1].read() == (SAMPLES / "pingchangguan-2023-numbered-gbk.html").read_bytes()
    assert items[2].read() == (SAMPLES / "pingchangguan-2023-numbered.doc").read_bytes()
    clone = pickle.loads(pickle.dumps(items[2]))  # items can go to worker processes
    assert clone.read() == items[2].read()


@pytest.mark.usefixtures("libreoffice")
def test_every_member_extracted_with_every_cell():
    batch = extractor.extract_many([GBK_ZIP])
    assert batch.errors.empty
    assert [r.meta["format"] for r in batch.reports] == ["pdf", "html", "doc"]
    for report in batch.reports:
        assert table_values(report) == NUMBERED_2023, report.source
        assert report.source.startswith(f"{Z}!")


class _GbkInfo(zipfile.ZipInfo):
    """Stores the name in GBK without the UTF-8 flag, as Windows zip tools do."""

    def _encodeFilenameFlags(self):  # zipfile's hook, named by zipfile
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def test_member_name_in_gbk_with_backslash_byte(tmp_path):
    """衆 is 0xD0 0x5C in GBK: its second byte is a backslash, which must not split the name;
    the real separator is a Windows backslash."""
    assert "衆".encode("gbk") == b"\xd0\x5c"
    path = tmp_path / "w.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(_GbkInfo("公衆意見\\年報.pdf"), PDF.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        assert not info.flag_bits & 0x800
        assert zip_member_name(info) == "公衆意見/年報.pdf"
    assert [i.source for i in iter_inputs([path])] == [f"{path}!公衆意見/年報.pdf"]


def test_utf8_flagged_and_unicode_path_extra_names(tmp_path):
    path = tmp_path / "u.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("报告/平昌关镇.pdf", b"%PDF-1.4")  # Python sets the UTF-8 flag
        raw = b"lost.pdf"
        info = zipfile.ZipInfo(raw.decode("cp437"))
        real = "年报/平桥.pdf".encode()
        info.extra = b"\x75\x70" + (5 + len(real)).to_bytes(2, "little") + b"\x01"
        info.extra += zipfile.crc32(raw).to_bytes(4, "little") + real
        zf.writestr(info, b"%PDF-1.4")
    names = [i.source.split("!", 1)[1] for i in iter_inputs([path])]
    assert names == ["报告/平昌关镇.pdf", "年报/平桥.pdf"]


def _tar(path, members: dict[str, bytes], mode: str) -> None:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("suffix,mode", [(".tar", "w"), (".tar.gz", "w:gz"), (".tgz", "w:gz")])
def test_tar_members(tmp_path, suffix, mode):
    path = tmp_path / f"reports{suffix}"
    _tar(
        path,
        {"a/x.pdf": PDF.read_bytes(), "a/notes.md": b"skip", "b/y.docx": DOCX.read_bytes()},
        mode,
    )
    items = list(iter_inputs([path]))
    assert [i.source for i in items] == [f"{path}!a/x.pdf", f"{path}!b/y.docx"]
    assert items[1].read() == DOCX.read_bytes() and items[0].read() == PDF.read_bytes()


MAC_FORK = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(64)  # AppleDouble
MAC_FORKS = ["__MACOSX/in/._a.docx", "__MACOSX/in/._old.zip", "__MACOSX/._in", "in/._b.zip",
             "in/__MACOSX/c.tar.gz", "in/~$a.docx"]  # fmt: skip


def test_macos_resource_forks_are_skipped_whatever_their_names_say(tmp_path):
    """A zip made on macOS holds, under ``__MACOSX/``, an AppleDouble file (``._name``) for
    each file: not a report nor an archive even when named like one; skipped, never opened
    (nor reported as failures), in a zip, a tar and a zip inside a zip."""
    forks = dict.fromkeys(MAC_FORKS, MAC_FORK)
    archive = tmp_path / "mac.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("in/a.docx", DOCX.read_bytes())
        for name, data in forks.items():
            zf.writestr(name, data)
    tar = tmp_path / "mac.tgz"
    _tar(tar, {"in/a.docx": DOCX.read_bytes(), **forks}, "w:gz")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(archive, "mac.zip")
        zf.writestr("__MACOSX/._mac.zip", MAC_FORK)
    for path, member in ((archive, "in/a.docx"), (tar, "in/a.docx"), (outer, "mac.zip!in/a.docx")):
        items = list(iter_inputs([path]))
        assert [i.source for i in items] == [f"{path}!{member}"]
        assert items[0].read() == DOCX.read_bytes()


def test_zip_inside_tgz_inside_folder(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("r.docx", DOCX.read_bytes())
    folder = tmp_path / "in"
    folder.mkdir()
    _tar(folder / "all.tgz", {"z/inner.zip": inner.getvalue()}, "w:gz")
    (folder / "plain.pdf").write_bytes(PDF.read_bytes())
    (folder / "ignored.png").write_bytes(b"\x89PNG")
    items = list(iter_inputs([folder]))
    assert [i.source for i in items] == [
        f"{folder}/all.tgz!z/inner.zip!r.docx",
        f"{folder}/plain.pdf",
    ]
    report = extractor.extract_item(items[0])
    assert table_values(report) == NUMBERED_2023


def test_broken_zip_is_one_error_item(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(GBK_ZIP.read_bytes()[:5000])  # central directory cut off
    items = list(iter_inputs([path]))
    assert [i.source for i in items] == [str(path)]
    with pytest.raises(ArchiveError, match="broken zip archive"):
        items[0].read()
    batch = extractor.extract_many([path, PDF])
    assert [(s, k) for s, k, _ in batch.error_list] == [(str(path), "unreadable")]
    assert "broken zip archive" in batch.errors.reason[0]
    assert len(batch.reports) == 1  # the walk went on


def test_truncated_tgz_yields_good_members_then_an_error(tmp_path):
    path = tmp_path / "cut.tar.gz"
    _tar(path, {"1.pdf": PDF.read_bytes(), "2.docx": DOCX.read_bytes() * 3}, "w:gz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30000])
    items = list(iter_inputs([path]))
    assert [i.source for i in items] == [f"{path}!1.pdf", f"{path}!2.docx", str(path)]
    assert items[0].read() == PDF.read_bytes()
    with pytest.raises(ArchiveError, match="cannot read the member|truncated"):
        items[1].read()  # its header is there, its data is cut
    with pytest.raises(ArchiveError, match="broken tar archive"):
        items[2].read()


def test_corrupt_member_fails_with_a_reason(tmp_path):
    path = tmp_path / "crc.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("x.pdf", b"%PDF-1.4 " + b"x" * 500)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # inside the member's data: CRC mismatch
    path.write_bytes(bytes(data))
    (item,) = iter_inputs([path])
    with pytest.raises(ArchiveError, match="cannot read the member"):
        item.read()
    with pytest.raises(extractor.ExtractError, match="cannot read the member"):
        extractor.extract_item(item)


def test_encrypted_member(tmp_path):
    path = tmp_path / "enc.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("secret.pdf", b"\x00" * 64)
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[6] |= 0x1  # the encryption flag, in the local header and the central directory
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    (item,) = iter_inputs([path])
    with pytest.raises(ArchiveError, match="password-protected"):
        item.read()


def test_nesting_depth_is_limited(tmp_path):
    data = PDF.read_bytes()
    name = "x.pdf"
    for level in range(6):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(name, data)
        data, name = buf.getvalue(), f"level{level}.zip"
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    (item,) = iter_inputs([path])
    assert item.source.count("!") == 5
    with pytest.raises(ArchiveError, match="nested too deep"):
        item.read()


def test_plain_files_unchanged(tmp_path):
    items = list(iter_inputs([PDF]))
    assert [(i.source, i.size) for i in items] == [(str(PDF), PDF.stat().st_size)]
    assert items[0].read() == b"".join(items[0].chunks()) == PDF.read_bytes()
    assert list(iter_inputs([tmp_path / "missing.zip"]))[0].source == str(tmp_path / "missing.zip")


def test_an_archive_given_as_one_report_says_what_to_do():
    with pytest.raises(extractor.ExtractError, match="an archive"):
        extractor.extract(GBK_ZIP)


class _FlaggedGbkInfo(zipfile.ZipInfo):
    """A GBK name stored with the UTF-8 flag set, as some Chinese zip tools write it."""

    def _encodeFilenameFlags(self):  # zipfile's hook, named by zipfile
        return self.filename.encode("gbk"), self.flag_bits | 0x800


def test_utf8_flag_on_a_gbk_name_loses_nothing(tmp_path):
    """The issue's eleventh cause: Python cannot open such a zip at all (UnicodeDecodeError),
    so one bad name lost every member. Now the name is read as GBK and every member extracted."""
    path = tmp_path / "flagged.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(_FlaggedGbkInfo("年度报告.pdf"), PDF.read_bytes())
        zf.writestr("good.docx", DOCX.read_bytes())
    with pytest.raises(UnicodeDecodeError):
        zipfile.ZipFile(path)
    items = list(iter_inputs([path]))
    assert [i.source for i in items] == [f"{path}!年度报告.pdf", f"{path}!good.docx"]
    assert items[0].read() == PDF.read_bytes() and items[1].read() == DOCX.read_bytes()


def test_tar_members_are_read_in_one_pass(tmp_path, monkeypatch):
    """The issue's fifth cause: each member of a compressed tar was found again by decompressing
    from the start (10k members 34 s). Read while the walk stands on them, the archive is
    opened once."""
    from extractor import archives

    path = tmp_path / "many.tar.gz"
    _tar(path, {f"r{i}.txt": f"report {i}".encode() for i in range(50)}, "w:gz")
    opened = []
    real = archives._open_tar
    monkeypatch.setattr(archives, "_open_tar", lambda src: opened.append(src) or real(src))
    got = [(item.source, item.read()) for item in iter_inputs([path])]
    assert got == [(f"{path}!r{i}.txt", f"report {i}".encode()) for i in range(50)]
    assert len(opened) == 1


def test_budget_refuses_an_archive_with_too_many_members(tmp_path):
    from extractor.inputs import Budget

    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(11):
            zf.writestr(f"{i}.txt", b"x")
    items = list(iter_inputs([path], Budget(members=10)))
    assert [i.source for i in items] == [str(path)]
    with pytest.raises(ArchiveError, match="more than 10 members") as err:
        items[0].read()
    assert err.value.kind == "too_large"


def test_members_never_read_do_not_count_against_the_archive_budget(tmp_path):
    """A zip's video or spreadsheet is never read (zip members are found by the directory), so
    a large one must not get the reports beside it refused."""
    from extractor.inputs import Budget

    path = tmp_path / "with-video.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("video.mp4", os.urandom(3 << 20))
        zf.writestr("r.pdf", PDF.read_bytes())
    items = list(iter_inputs([path], Budget(archive_bytes=2 << 20)))
    assert [i.source for i in items] == [f"{path}!r.pdf"]
    assert items[0].read() == PDF.read_bytes()


def test_the_api_names_a_member_past_the_budget_too_large(tmp_path):
    """extract_many gives the same kind as a bulk run."""
    from extractor.inputs import Budget

    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("big.pdf", os.urandom(3 << 20))
    (item,) = iter_inputs([path], Budget(member_bytes=2 << 20))
    with pytest.raises(extractor.ExtractError, match="budget") as err:
        extractor.extract_item(item)
    assert err.value.kind == "too_large"


def test_a_device_or_pipe_named_as_input_is_refused_not_read(tmp_path):
    """/dev/zero would be hashed for ever, a named pipe would block the run."""
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    items = list(iter_inputs(["/dev/zero", fifo]))
    assert [i.source for i in items] == ["/dev/zero", str(fifo)]
    for item in items:
        with pytest.raises(ArchiveError, match="not a regular file"):
            item.read()
