"""The worker protocol: tasks and outcomes through a pipe, their large bytes raw after the
pickle; a message cut short is the end of the stream."""

from __future__ import annotations

import os
import threading

from extractor.bulk.protocol import (
    RAW_BYTES,
    Outcome,
    Task,
    encode_message,
    read_message,
    write_message,
)


def through_pipe(*objects: object) -> list[object]:
    """Objects written by a thread to a pipe (default size: messages larger than it are
    written in several pieces) → what the other end reads, until the end of the stream."""
    read_fd, write_fd = os.pipe()

    def writer() -> None:
        for obj in objects:
            write_message(write_fd, obj)
        os.close(write_fd)

    thread = threading.Thread(target=writer)
    thread.start()
    got = []
    while (obj := read_message(read_fd)) is not None:
        got.append(obj)
    thread.join()
    os.close(read_fd)
    return got


def test_tasks_and_outcomes_travel_whole():
    big = os.urandom(3 << 20)  # larger than a pipe holds
    task = Task("ab" * 32, "in.zip!a.pdf", data=big)
    csv = {"facts": b"x" * RAW_BYTES, "reports": b"small"}
    outcome = Outcome("ab" * 32, "in.zip!a.pdf", True, payload=os.urandom(20_000), csv=csv)
    failure = Outcome("cd" * 32, "b.pdf", False, kind="crashed", reason="died")
    assert through_pipe(task, outcome, failure, {"other": [1, 2]}) == [
        task,
        outcome,
        failure,
        {"other": [1, 2]},
    ]


def test_large_bytes_are_not_in_the_pickle():
    data = os.urandom(100_000)
    header, body, *raw = encode_message(Task("ab", "a.pdf", data=data))
    assert len(body) < 1000 and [bytes(r) for r in raw] == [data]
    assert len(encode_message(Task("ab", "a.pdf", data=b"tiny"))) == 2  # in the pickle


def test_a_message_cut_short_reads_as_the_end():
    read_fd, write_fd = os.pipe()
    message = b"".join(bytes(f) for f in encode_message(Task("ab", "a.pdf", data=bytes(9000))))
    os.write(write_fd, message[:-10])
    os.close(write_fd)
    assert read_message(read_fd) is None
    os.close(read_fd)
