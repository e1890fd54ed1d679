"""A small chain worked out by hand: two stores and three members."""

import pytest

from central import admin
from tests.central.programme.kpis.helpers import M1, M2, M3, NOW


@pytest.fixture
def chain(central):
    a, b = central.create_store("A", "东门店"), central.create_store("B", "西门店")
    members = [
        {
            "id": M1,
            "member_no": "A0001",
            "name": "甲",
            "mobile": "13800000001",
            "tier": "bronze",
            "balance": 250,
            "home_store": "A",
        },
        {
            "id": M2,
            "member_no": "A0002",
            "name": "乙",
            "mobile": "13800000002",
            "tier": "silver",
            "balance": 1000,
            "home_store": "A",
        },
        {
            "id": M3,
            "member_no": "B0003",
            "name": "丙",
            "mobile": "13800000003",
            "tier": "bronze",
            "balance": -50,
            "home_store": "B",
        },
    ]
    with central.session() as s, s.begin():
        admin.import_members(
            s, central.chain, [m | {"birth_month": 5, "birth_day": 1} for m in members], NOW
        )
    return central, a, b
