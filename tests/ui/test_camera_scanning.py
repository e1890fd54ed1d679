"""Camera frames are decoded off the GUI thread; a code held up checks the member in once."""

import qrcode
from PIL import Image
from PySide6.QtGui import QImage

from services.core.scanning import decode_qr_codes
from ui.camera import FrameDecoder


def qr_frame(text: str, size: int = 480) -> QImage:
    code = qrcode.QRCode(border=4, box_size=6)
    code.add_data(text)
    picture = code.make_image().get_image().convert("L")
    frame = Image.new("L", (size + 160, size), 200)  # a grey counter top around the code
    frame.paste(picture.resize((size - 80, size - 80)), (120, 40))
    return QImage(
        frame.tobytes(), frame.width, frame.height, frame.width, QImage.Format.Format_Grayscale8
    ).copy()


def test_decoder_reads_a_member_code_from_a_frame(qtbot):
    decoder = FrameDecoder()
    with qtbot.waitSignal(decoder.decoded, timeout=5000) as got:
        assert decoder.feed(qr_frame("LCM0123456789ABCDEF"))
    assert got.args == ["LCM0123456789ABCDEF"]


def test_the_same_code_held_up_counts_once(qtbot):
    decoder = FrameDecoder()
    seen = []
    decoder.decoded.connect(seen.append)
    frame = qr_frame("LCMSAMECODE")
    for _ in range(3):
        qtbot.waitUntil(lambda: decoder.feed(frame), timeout=5000)
    qtbot.waitUntil(lambda: not decoder._busy, timeout=5000)
    assert seen == ["LCMSAMECODE"]


def test_frames_without_a_code_decode_to_nothing():
    blank = bytes([200]) * (320 * 240)
    assert decode_qr_codes(blank, 320, 240) == []
