"""A writer killed mid-save (SIGKILL) leaves a sound SQLite library holding every save it finished."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

from logicmodel.store import Library

WRITER = textwrap.dedent(
    """
    import sys
    from logicmodel.editing.edit import update_meta
    from logicmodel.core.readwrite import from_data
    from logicmodel.store import Library
    from logicmodel.core.synthetic import synthetic_data

    lib = Library.open(sys.argv[1])
    saved = lib.create(from_data(synthetic_data(300)), author="Writer")
    print(saved.id, flush=True)
    n = 0
    while True:
        n += 1
        fw = update_meta(saved.framework, description=f"Save {n}")
        saved = lib.save(saved.id, fw, expected_version=saved.version, author="Writer", summary=f"Save {n}")
        print(saved.version, flush=True)
    """
)


def test_killing_a_writer_mid_run_loses_no_finished_save_and_the_file_passes_integrity_check(tmp_path):
    url = f"sqlite:///{tmp_path / 'library.db'}"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True)
    try:
        framework_id = writer.stdout.readline().strip()
        finished = 0
        while finished < 40:
            finished = int(writer.stdout.readline())
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    with sqlite3.connect(tmp_path / "library.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with Library.open(url) as lib:
        current = lib.get(framework_id)
        assert current.version >= finished
        assert current.framework.meta.description == f"Save {current.version - 1}"
        assert [v.version for v in lib.history(framework_id)] == list(range(current.version, 0, -1))
