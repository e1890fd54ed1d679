"""Start-up like a native app: a window is painted before the database, SQLAlchemy or the
pages load, and Alembic loads only when a migration is due."""

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from models.migrate import alembic_config, head_revision
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_head_read_from_the_migration_files_is_alembics():
    assert [head_revision()] == ScriptDirectory.from_config(alembic_config()).get_heads()


def test_opening_a_counter_with_no_migration_due_does_not_load_alembic(tmp_path):
    open_counter(tmp_path / "data", SystemClock()).close()  # migrated here, once
    loaded = run_python(
        "import sys; from pathlib import Path; from services.core.bootstrap import open_counter;"
        "from services.core.clock import SystemClock;"
        "open_counter(Path(sys.argv[1]), SystemClock()).close();"
        "print('alembic' in sys.modules)",
        str(tmp_path / "data"),
    )
    assert loaded == "False"


def test_a_new_folder_is_still_migrated_by_alembic(tmp_path):
    loaded = run_python(
        "import sys; from pathlib import Path; from services.core.bootstrap import open_counter;"
        "from services.core.clock import SystemClock;"
        "open_counter(Path(sys.argv[1]), SystemClock()).close();"
        "print('alembic' in sys.modules)",
        str(tmp_path / "data"),
    )
    assert loaded == "True"


def test_the_first_window_is_painted_before_the_database_and_the_pages_load(tmp_path):
    # The starting window's paint is the moment looked at; the start stops there.
    said = run_python(
        "import sys, ui.first_paint as fp\n"
        "shown = fp.show_starting_window\n"
        "def look(app):\n"
        "    window = shown(app)\n"
        "    heavy = [m for m in ('sqlalchemy', 'services.core.bootstrap', 'ui.main_window')"
        " if m in sys.modules]\n"
        "    print(window.isVisible(), heavy)\n"
        "    sys.exit(0)\n"
        "fp.show_starting_window = look\n"
        "import main\n"
        "main.main(['--data-dir', sys.argv[1]])\n",
        str(tmp_path / "data"),
    )
    assert said.splitlines()[-1] == "True []"
