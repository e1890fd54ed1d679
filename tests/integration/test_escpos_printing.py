"""Slips sent to an ESC/POS receipt printer, read back from python-escpos's Dummy printer
(and from a socket on loopback standing in for a network printer): the bytes decode as
GB18030 to the slip's words, QR codes go as the printer's own GS ( k command carrying a
code the counter accepts, and a printer fault is a coded error that leaves the sale be."""

import socket
import threading
from datetime import timedelta
from functools import partial

import pytest
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Dummy

from services import points
from services.core import settings
from services.core.errors import ValidationError
from services.coupons import issue as coupons
from services.coupons import views as coupon_views
from services.events import registrations
from services.events import reports as event_reports
from services.events.planning import EventSpec, create_event
from services.events.signin import sign_in
from services.printing.coupons import CouponText
from services.printing.day_close import CloseText
from services.printing.escpos_preview import printed_qr_codes, printed_text
from services.printing.escpos_printer import print_slips, text_width, write_slip
from services.printing.gift_slips import SlipText
from services.printing.printer_config import PrinterConfig, PrinterError
from services.printing.slips import close_slip, coupon_slip, gift_slip, ticket_slip
from services.printing.tickets import TicketText
from tests.factories import register as factories_register

NAME = "欧阳晨欣"
register = partial(factories_register, name=NAME)
NETWORK = PrinterConfig("network", host="127.0.0.1", port=9100)
USB = PrinterConfig("usb", usb_vendor=0x0416, usb_product=0x5011)
QR_COMMAND = b"\x1d(k"


def dummy_connect():
    printers: list[Dummy] = []

    def connect(_config):
        printers.append(Dummy())
        return printers[-1]

    return connect, printers


def printed(slip, config=NETWORK) -> bytes:
    printer = Dummy()
    write_slip(printer, slip, config)
    return printer.output


def sale(counter, member_id, receipt="R-1", gross=20000, coupon=None):
    return points.earn(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        member_id,
        receipt,
        gross,
        {},
        0,
        coupon_text=coupon,
    )


def receipt_text() -> SlipText:
    rows = (("会员", NAME), ("实付", "¥108.00"), ("会员折扣", "−¥12.00"), ("本次积分", "108"))
    return SlipText("测试门店", "积分小票", "小票 R-1", rows, "积分将于 2027-12-31 过期")


# what is printed ---------------------------------------------------------------------------


def test_points_receipt_decodes_to_its_words_in_order():
    data = printed(gift_slip(receipt_text()))
    assert "积分小票".encode("gb18030") in data  # GB18030 bytes, not UTF-8
    lines = [" ".join(line.split()) for line in printed_text(data)]
    expected = ["测试门店", "积分小票", "小票 R-1", f"会员 {NAME}", "实付 ￥108.00"]
    assert [line for line in lines if line in expected] == expected
    assert "会员折扣 －￥12.00" in lines  # look-alikes every Chinese printer's font has
    assert "积分将于 2027-12-31 过期" in lines
    assert QR_COMMAND not in data and data.endswith(b"\x1dV\x00")  # cut after the slip


def test_lines_fit_the_paper_on_58_and_80_mm():
    long = SlipText("测试门店", "礼品兑换单", "保温杯" * 12, (("备注", "很长的说明" * 10),), "谢谢")
    for paper, columns in ((58, 32), (80, 48)):
        config = PrinterConfig("network", host="x", paper_mm=paper)
        lines = printed_text(printed(gift_slip(long), config))
        assert max(text_width(line) for line in lines) == columns
        # wrapped, nothing lost
        assert "".join(line.strip() for line in lines).count("很长的说明") == 10


def test_day_close_lists_every_figure_under_its_person():
    close = CloseText(
        "日结单 · 2026-03-10",
        "测试门店 · 1号收银台",
        "打印于 18:05 · 王经理",
        ["员工", "发放积分", "兑换积分"],
        [[NAME, "340", "500"], ["合计", "340", "500"]],
        ["过期积分：123"],
    )
    lines = [" ".join(line.split()) for line in printed_text(printed(close_slip(close)))]
    at = lines.index(NAME)
    assert lines[at + 1 : at + 3] == ["发放积分 340", "兑换积分 500"]
    assert "日结单 · 2026-03-10" in lines and "过期积分：123" in lines


def test_coupon_slip_carries_a_native_qr_that_pays(counter):
    member = register(counter)
    now = counter.runtime.now()
    sale(counter, member.id, "R-SEED")
    issued = coupons.exchange_points(counter.runtime.writer(), counter.manager, now, member.id, 100)
    (p,) = coupon_views.printable_coupons(
        counter.runtime.writer(), counter.manager, now, [issued[0].coupon_id]
    )
    text = CouponText(
        p.store_name, p.title_zh, "¥10", "无门槛", "有效期至 2027-06-30", "仅限会员 欧**", p.code,
        p.payload, "每券限用一次，不找零。",
    )  # fmt: skip
    data = printed(coupon_slip(text))

    store = b"\x1d(k" + len(p.payload.encode() + b"1P0").to_bytes(2, "little") + b"1P0"
    assert store + p.payload.upper().encode() in data  # GS ( k: store the data, then print
    (code,) = printed_qr_codes(data)
    assert {p.title_zh, p.code, "无门槛"} <= set(printed_text(data))
    assert sale(counter, member.id, "R-2", 5000, coupon=code).quote.coupon_fen == 1000


def test_event_ticket_carries_a_native_qr_that_signs_in(counter):
    now = counter.runtime.now()
    event_id = create_event(
        counter.runtime.writer(),
        counter.manager,
        now,
        EventSpec("EV-POS", "夏日会员日", "一楼中庭", now, now + timedelta(hours=5), 100),
    )
    member = register(counter)
    registrations.register_member_for_event(
        counter.runtime.writer(), counter.manager, now, event_id, member.id
    )
    (t,) = event_reports.printable_tickets(counter.runtime.reader(), event_id)
    text = TicketText(
        t.store_name, t.event_name, t.place, "今天", t.attendee, "受邀", t.code, "凭码入场"
    )
    data = printed(ticket_slip(text))

    assert {"夏日会员日", "一楼中庭", NAME, "凭码入场"} <= set(printed_text(data))
    (code,) = printed_qr_codes(data)
    result = sign_in(counter.runtime.writer(), counter.manager, now, event_id, code, "n-pos")
    assert result.outcome == "admitted" and result.attendee.member_id == member.id


# faults ------------------------------------------------------------------------------------


class BrokenLink(Dummy):
    """A printer that was switched off after the connection was made."""

    def _raw(self, msg: bytes) -> None:
        raise BrokenPipeError(32, "Broken pipe")


class NoPaper(Dummy):
    def paper_status(self) -> int:
        return 0


def unplugged(_config) -> Escpos:
    raise DeviceNotFoundError("Device not found (Unable to open USB printer on 0x0416)")


def no_usb_library(_config) -> Escpos:
    raise ValueError("No backend available")  # pyusb's NoBackendError: libusb is missing


@pytest.mark.parametrize(
    ("config", "connect", "code"),
    [
        (USB, unplugged, "printer.unplugged"),
        (USB, no_usb_library, "printer.failed"),
        (NETWORK, lambda _c: BrokenLink(), "printer.offline"),
        (NETWORK, lambda _c: NoPaper(), "printer.no_paper"),
    ],
)  # fmt: skip
def test_a_printer_fault_is_coded_the_sale_stays_and_it_prints_again(
    counter, db, config, connect, code
):
    member = register(counter)
    done = sale(counter, member.id)
    slip = gift_slip(receipt_text())

    with pytest.raises(PrinterError) as caught:
        print_slips(config, [slip], connect)
    assert caught.value.code == code

    assert db.scalar("SELECT count(*) FROM purchase WHERE receipt_no = 'R-1'") == 1
    balance = db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id)
    assert balance == done.balance
    again, printers = dummy_connect()
    assert print_slips(config, [slip], again) == 1
    assert "积分小票" in printed_text(printers[0].output)


def test_network_printer_on_loopback_gets_the_slip(tmp_path):
    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def accept():
        conn, _ = server.accept()
        with conn:
            conn.settimeout(5)
            while chunk := conn.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    config = PrinterConfig("network", host="127.0.0.1", port=server.getsockname()[1])
    assert print_slips(config, [gift_slip(receipt_text())]) == 1
    thread.join(10)
    server.close()
    assert "积分小票" in printed_text(bytes(received))


def test_a_network_printer_that_is_off_is_offline():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # nothing listens there once closed
    config = PrinterConfig("network", host="127.0.0.1", port=port)
    with pytest.raises(PrinterError) as caught:
        print_slips(config, [gift_slip(receipt_text())])
    assert caught.value.code == "printer.offline"


# the setting -------------------------------------------------------------------------------


def test_the_printer_setting_round_trips_and_refuses_nonsense(counter):
    config = PrinterConfig("serial", serial_port="/dev/ttyUSB0", baudrate=19200, paper_mm=58)
    now = counter.runtime.now()
    saved = settings.change_setting(
        counter.runtime.writer(), counter.manager, now, "receipt_printer", config.as_setting()
    )
    assert saved.printer == config
    assert settings.load_settings(counter.runtime.reader()).printer == config
    for bad in ({"kind": "parallel"}, {"kind": "network", "host": ""}, {"kind": "usb"},
                {"kind": "network", "host": "h", "paper_mm": 76}, "network"):  # fmt: skip
        with pytest.raises(ValidationError) as caught:
            settings.change_setting(
                counter.runtime.writer(), counter.manager, now, "receipt_printer", bad
            )
        assert caught.value.code == "printer.bad_setting"
    cleared = settings.change_setting(
        counter.runtime.writer(), counter.manager, now, "receipt_printer", None
    )
    assert cleared.printer is None
