"""The stock exports open in a spreadsheet as text, never as formulas: a gift's name or a
move's reason starting with = + - @ gets an apostrophe; quantities, negative ones included,
stay numbers."""

import csv

from services.gifts import stock, stock_views
from services.gifts.definitions import GiftSpec, define_gift

NAME = '=HYPERLINK("http://evil.example","点我")'
REASON = "@SUM(1+1)*cmd|' /C calc'!A0"


def test_stock_and_moves_exports_are_guarded(counter, tmp_path):
    rt = counter.runtime
    spec = GiftSpec("GIFT-EVIL", NAME, "+Cup", 3000)
    gift_id = define_gift(rt.writer(), counter.manager, rt.now(), spec)
    stock.receive_stock(rt.writer(), counter.manager, rt.now(), gift_id, 10, "-DN-1")
    stock.adjust_stock(rt.writer(), counter.manager, rt.now(), gift_id, "damaged", 1, REASON)
    levels = stock_views.export_stock_csv(rt.reader(), tmp_path / "stock.csv")
    (level,) = list(csv.reader(levels.open(encoding="utf-8-sig")))[1:]
    assert level[:4] == ["GIFT-EVIL", "'" + NAME, "'+Cup", "9"]
    moves = stock_views.export_moves_csv(rt.reader(), tmp_path / "moves.csv")
    rows = list(csv.reader(moves.open(encoding="utf-8-sig")))[1:]
    assert [(r[3], r[7], r[8]) for r in rows] == [
        ("10", "delivery", "'-DN-1"),
        ("-1", "'" + REASON, ""),
    ]
