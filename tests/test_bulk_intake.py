"""Input items → tasks: what is stat'ed, hashed and read, and what travels with a task."""

from __future__ import annotations

import hashlib
import os
import zipfile

from extractor.bulk.intake import fingerprint, item_to_task
from extractor.inputs import iter_inputs


def test_fingerprint_of_a_file_a_member_and_nothing(tmp_path):
    plain = tmp_path / "a!b.pdf"  # a file whose name has the member mark
    plain.write_bytes(b"%PDF-1.4")
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x.pdf", b"%PDF-1.4 x")
    st = os.stat(archive)
    (member,) = iter_inputs([archive])
    assert member.archive == str(archive)
    assert fingerprint(str(plain)) == (True, 8, os.stat(plain).st_mtime_ns)
    assert fingerprint(member.source, member.archive) == (False, st.st_size, st.st_mtime_ns)
    assert fingerprint(member.source) == (False, st.st_size, st.st_mtime_ns)  # found by name
    assert fingerprint(str(tmp_path / "gone.pdf")) == (False, None, None)
    assert fingerprint(str(tmp_path / "gone.zip!x.pdf")) == (False, None, None)
    assert fingerprint(str(tmp_path))[0]  # not a member: a folder is stat'ed as it is


def test_a_known_member_is_not_read_and_an_unknown_one_travels_hashed(tmp_path):
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x.pdf", b"%PDF-1.4 x")
    (member,) = iter_inputs([archive])
    stat = fingerprint(member.source, member.archive)
    task = item_to_task(member, None, tmp_path, stat)
    assert task.sha256 == hashlib.sha256(b"%PDF-1.4 x").hexdigest()
    assert (task.data, task.path) == (b"%PDF-1.4 x", None)
    known = item_to_task(member, "cafe", tmp_path, stat)
    assert (known.sha256, known.data, known.path) == ("cafe", None, None)
