"""jcode.forking: work shared out between this process and forked children."""

from __future__ import annotations

import os

import pytest

from jcode.forking import Numbers, forked


@pytest.mark.parametrize("count", [0, 1, 7, 4096, 10_001])
def test_each_number_is_taken_once_by_one_of_the_processes(count: int) -> None:
    # 10,001 numbers are more than the pipe holds one by one: each read takes a run of them.
    with Numbers(count) as numbers:
        taken = forked(lambda _: (os.getpid(), list(numbers)), [0, 1, 2])
    every = [n for _, share in taken for n in share]
    assert sorted(every) == list(range(count))
    assert len({pid for pid, _ in taken}) == 3  # this process and two children


def test_a_process_that_is_busy_leaves_the_numbers_to_the_others() -> None:
    # Shares even out by time: this process starts only once the child has taken them all.
    done_read, done_write = os.pipe()

    def work(share: int) -> list[int]:
        if share == 0:
            os.read(done_read, 1)  # busy until the child is done
            return list(numbers)
        taken = list(numbers)
        os.write(done_write, b"x")
        return taken

    with Numbers(50) as numbers:
        mine, childs = forked(work, [0, 1])
    os.close(done_read)
    os.close(done_write)
    assert (mine, childs) == ([], list(range(50)))
