"""Print or save the PDFs that services render: the Qt print dialog, or a file of one's own;
or send slips straight to the counter's ESC/POS receipt printer."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from services.core import load_settings
from services.printing.printer_config import PrinterError
from services.printing.slips import Slip
from ui.ask import Ask
from ui.messages import message_for
from ui.workers import run_in_background


def print_pdf(path: Path, parent: QWidget) -> bool:
    """Shows the print dialog and prints every page at the PDF's own page size."""
    document = QPdfDocument(parent)
    document.load(str(path))
    if document.pageCount() == 0:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    page = document.pagePointSize(0)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(page.width(), page.height()), QPageSize.Unit.Point),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            target = painter.viewport()
            image = document.render(index, QSize(target.width(), target.height()))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def save_pdf(path: Path, parent: QWidget, suggested_name: str) -> Path | None:
    target, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Printing", "Save as PDF"),
        str(Path.home() / suggested_name),
        "PDF (*.pdf)",
    )
    if not target:
        return None
    shutil.copyfile(path, target)
    return Path(target)


def offer_pdf(path: Path, parent: QWidget, title: str, suggested_name: str) -> None:
    """The PDF is ready: print it, save it, or leave it in the data folder."""
    chosen = Ask(parent, title).choice(
        QCoreApplication.translate("Printing", "The PDF is ready: %1").replace("%1", str(path)),
        (
            QCoreApplication.translate("Printing", "Print…"),
            QCoreApplication.translate("Printing", "Save as PDF…"),
        ),
        name="pdfReadyDialog",
    )
    if chosen == 0:
        print_pdf(path, parent)
    elif chosen == 1:
        save_pdf(path, parent, suggested_name)


def print_or_offer(
    ctx,
    parent: QWidget,
    prepare: Callable[[], Any],
    to_pdf: Callable[[Any], Path],
    to_slips: Callable[[Any], list[Slip]] | None,
    offer: Callable[[Path], None],
    on_error: Callable[[BaseException], None],
    finished: Callable[[], None] | None = None,
) -> None:
    """A slip goes straight to the counter's receipt printer when it has one (ESC/POS),
    otherwise to a PDF offered for the print dialog. Everything slow runs off the GUI
    thread: `prepare` (reads, translations) once, then `to_slips` or `to_pdf` on its result.
    A printer fault is told with its code and the slip can be printed again, or as a PDF;
    whatever the sale saved stays saved. `finished` runs first on the GUI thread, however it
    ended."""
    runtime = ctx.runtime
    held: dict[str, Any] = {}

    def work():
        held["data"] = data = prepare()
        printer = load_settings(runtime.reader()).printer if to_slips else None
        if printer is None:
            return to_pdf(data)
        held["printer"] = printer
        return print_slips(printer, to_slips(data))

    def done(result) -> None:
        if finished is not None:
            finished()
        if isinstance(result, Path):
            offer(result)
        else:
            _tell_printed(parent)

    def failed(error: BaseException) -> None:
        if finished is not None:
            finished()
        if isinstance(error, PrinterError) and "data" in held:
            _printer_fault(parent, error, held, to_pdf, to_slips, offer, on_error)
        else:
            on_error(error)

    # Not ctx.write: one job that prepares, draws and prints; no use case of an actor's.
    run_in_background(work, done, failed, owner=parent)


def print_slips(printer, slips: list[Slip]) -> int:
    # Imported on first use: python-escpos takes a tenth of a second to load.
    from services.printing.escpos_printer import print_slips as send

    return send(printer, slips)


def _printer_fault(parent, error, held, to_pdf, to_slips, offer, on_error) -> None:
    chosen = Ask(parent, QCoreApplication.translate("Printing", "Receipt printer")).choice(
        message_for(error),
        (
            QCoreApplication.translate("Printing", "Print again"),
            QCoreApplication.translate("Printing", "PDF…"),
        ),
        name="printerFaultDialog",
        warning=True,
    )
    data, printer = held["data"], held["printer"]
    if chosen == 0:
        retry = _retry_failed(parent, held, to_pdf, to_slips, offer, on_error)
        run_in_background(
            lambda: print_slips(printer, to_slips(data)),
            lambda _n: _tell_printed(parent),
            retry,
            owner=parent,
        )
    elif chosen == 1:
        run_in_background(lambda: to_pdf(data), offer, on_error, owner=parent)


def _retry_failed(parent, held, to_pdf, to_slips, offer, on_error):
    def failed(error: BaseException) -> None:
        if isinstance(error, PrinterError):
            _printer_fault(parent, error, held, to_pdf, to_slips, offer, on_error)
        else:
            on_error(error)

    return failed


def _tell_printed(parent: QWidget) -> None:
    """A word in the status bar: the slip coming out of the printer says the rest."""
    window = parent.window()
    if isinstance(window, QMainWindow):  # a dialog's own window has no status bar
        window.statusBar().showMessage(
            QCoreApplication.translate("Printing", "Printed on the receipt printer."), 5000
        )
