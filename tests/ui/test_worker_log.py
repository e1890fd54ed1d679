"""A failed background task is logged without the text of its exception: a database error's
text carries the row's values, and the log stays on the counter's disk."""

import logging

from sqlalchemy import text

from services.members.accounts import NewMember, register_member
from ui.workers import run_in_background

MOBILE = "13912345678"
NAME = "欧阳秘密"


def test_an_integrity_error_is_logged_without_the_mobile(qtbot, counter, clock, caplog):
    writer = counter.runtime.writer
    register_member(writer(), counter.manager, clock.now(), NewMember("陈安娜", MOBILE, 8, 12))
    other = register_member(
        writer(), counter.manager, clock.now(), NewMember("李四", "13800000000", 3, 4)
    )

    def take_the_same_mobile() -> None:
        with writer() as uow:
            uow.session.execute(
                text("UPDATE member SET mobile = :mobile, name = :name WHERE id = :id"),
                {"mobile": MOBILE, "name": NAME, "id": other.id},
            )
            uow.commit()

    failures = []
    with caplog.at_level(logging.ERROR, logger="ui.workers"):
        run_in_background(take_the_same_mobile, lambda _r: None, failures.append)
        qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert "IntegrityError" in caplog.text  # logged, with its type and where it came from
    assert "take_the_same_mobile" in caplog.text
    assert MOBILE not in caplog.text
    assert NAME not in caplog.text


def test_no_exception_text_reaches_the_log(qtbot, caplog):
    def fail() -> None:
        try:
            raise KeyError(MOBILE)
        except KeyError as inner:
            raise ValueError(f"member {NAME} not saved") from inner

    failures = []
    with caplog.at_level(logging.ERROR, logger="ui.workers"):
        run_in_background(fail, lambda _r: None, failures.append)
        qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert "builtins.KeyError" in caplog.text and "builtins.ValueError" in caplog.text
    assert MOBILE not in caplog.text
    assert NAME not in caplog.text
