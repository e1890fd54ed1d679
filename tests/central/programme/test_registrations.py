"""Registrations uploaded in the console: UTF-8 with or without a BOM and GB18030 read the
same; every bad row is listed with its reason and nothing is imported while there is one."""

from datetime import UTC, datetime

import pytest

from central import admin
from central.errors import CentralError
from central.programme import registrations

NOW = datetime(2026, 3, 1, 2, tzinfo=UTC)
EVENT = {
    "code": "GALA",
    "name": "年会",
    "place": "总部",
    "starts_at": "2026-03-10T18:00:00+08:00",
    "ends_at": "2026-03-10T21:00:00+08:00",
    "capacity": 100,
}
GOOD = "member_no,guest_name,guest_mobile\r\nA0001,,\r\n,王小明,13900000002\r\n"


@pytest.fixture
def chain(central):
    central.create_store("A", "东门店")
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "event", [EVENT], NOW)
        member = {
            "member_no": "A0001",
            "name": "甲",
            "mobile": "13800000001",
            "birth_month": 5,
            "birth_day": 1,
            "home_store": "A",
        }
        admin.import_members(s, central.chain, [member], NOW)
    return central


def send(central, data: bytes) -> registrations.Upload:
    with central.session() as s, s.begin():
        return registrations.upload(s, central.chain, "GALA", data, NOW)


@pytest.mark.parametrize(
    "data",
    [GOOD.encode("utf-8"), GOOD.encode("utf-8-sig"), GOOD.encode("gb18030")],
    ids=["utf-8", "utf-8 with BOM", "GB18030"],
)
def test_each_encoding_imports_the_same_rows(chain, data):
    done = send(chain, data)
    assert (done.report.imported, done.problems) == (2, [])
    assert chain.scalar(
        "SELECT guest_name FROM event_registration WHERE guest_name IS NOT NULL"
    ) == ("王小明")


def test_every_bad_row_is_listed_and_nothing_is_imported(chain):
    text = (
        "member_no,guest_name,guest_mobile\n"
        "A0001,,\n"  # fine
        "Z9999,,\n"  # line 3: nobody
        ",李四,12345\n"  # line 4: a bad mobile
        ",,\n"  # blank: skipped, not an error
        "A0001,王五,\n"  # line 6: both a member and a guest
    )
    done = send(chain, text.encode("utf-8"))
    assert done.report is None
    assert [(p.line, p.code) for p in done.problems] == [
        (3, "registration.unknown_member"),
        (4, "registration.bad_mobile"),
        (6, "registration.bad_row"),
    ]
    assert done.problems[0].params == {"member_no": "Z9999"}
    assert chain.scalar("SELECT count(*) FROM event_registration") == 0


def test_an_upload_run_twice_registers_nobody_twice(chain):
    assert send(chain, GOOD.encode()).report.imported == 2
    again = send(chain, GOOD.encode())
    assert (again.report.imported, again.report.skipped) == (0, 2)


def test_bytes_that_are_no_text_or_too_many_are_refused():
    with pytest.raises(CentralError) as refused:
        registrations.decode(b"member_no\n\xff\xff\xff\n")
    assert refused.value.code == "registration.bad_encoding"
    with pytest.raises(CentralError) as refused:
        registrations.decode(b"x" * (registrations.MAX_BYTES + 1))
    assert refused.value.code == "registration.too_big"
