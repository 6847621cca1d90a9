"""Saves leave nothing behind: kill -9 mid-save, then a save, leaves no temporary file;
a symbolic link is written through and stays a link."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from gradflow.core.atomic_write import remove_stray_temporaries
from gradflow.core.examples import load_example
from gradflow.core.fileformat import load, save

# A child that opens its temporary file and then hangs before the rename, as a save
# killed at the worst moment would.
HANGING_SAVE = textwrap.dedent(
    """
    import os, sys, time
    from gradflow.core import atomic_write
    from gradflow.core.examples import load_example
    from gradflow.core.fileformat import save

    def stuck(src, dst):
        print("writing", flush=True)
        time.sleep(60)

    atomic_write.os.replace = stuck
    save(load_example("tiny-mlp"), sys.argv[1])
    """
)


def _killed_mid_save(path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HANGING_SAVE, str(path)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout.readline() == "writing\n"  # the temporary file is on disk now
        child.send_signal(signal.SIGKILL)
        child.wait()


def test_kill_during_save_then_a_save_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "g.gflow"
    save(load_example("add-mul"), path)
    for _ in range(2):
        _killed_mid_save(path)
    assert len(os.listdir(tmp_path)) == 3  # the file and two stray temporaries
    save(load_example("vector-l2"), path)
    assert os.listdir(tmp_path) == ["g.gflow"]
    assert "W" in load(path)


def test_stray_temporaries_of_a_dead_process_are_removed_at_start(tmp_path):
    path = tmp_path / "g.gflow"
    save(load_example("add-mul"), path)
    _killed_mid_save(path)
    unrelated = tmp_path / ".other.gflow.1.abc.tmp"
    unrelated.write_text("someone else's")
    assert len(remove_stray_temporaries(path)) == 1
    assert sorted(os.listdir(tmp_path)) == [".other.gflow.1.abc.tmp", "g.gflow"]


def test_a_save_in_progress_in_a_live_process_is_left_alone(tmp_path):
    path = tmp_path / "g.gflow"
    live = tmp_path / f".g.gflow.{os.getppid()}.abcd.tmp"  # our parent is alive
    live.write_text("half")
    save(load_example("add-mul"), path)
    assert live.exists()


def test_saving_to_a_symlink_writes_through_to_its_target(tmp_path):
    real = tmp_path / "real" / "g.gflow"
    real.parent.mkdir()
    save(load_example("add-mul"), real)
    os.chmod(real, 0o600)
    link = tmp_path / "link.gflow"
    link.symlink_to(real)
    save(load_example("vector-l2"), link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert "W" in load(real)
    assert oct(real.stat().st_mode & 0o777) == oct(0o600)
    assert os.listdir(real.parent) == ["g.gflow"]
    assert sorted(os.listdir(tmp_path)) == ["link.gflow", "real"]
