"""Print or save the PDFs that services render: the Qt print dialog, or a file of one's own."""

import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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
        parent, parent.tr("Save as PDF"), str(Path.home() / suggested_name), "PDF (*.pdf)"
    )
    if not target:
        return None
    shutil.copyfile(path, target)
    return Path(target)


def offer_pdf(path: Path, parent: QWidget, title: str, suggested_name: str) -> None:
    """The PDF is ready: print it, save it, or leave it in the data folder."""
    box = QMessageBox(parent)
    box.setObjectName("pdfReadyDialog")
    box.setWindowTitle(title)
    box.setText(parent.tr("The PDF is ready: %1").replace("%1", str(path)))
    print_button = box.addButton(parent.tr("Print…"), QMessageBox.ButtonRole.AcceptRole)
    save_button = box.addButton(parent.tr("Save as PDF…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is print_button:
        print_pdf(path, parent)
    elif box.clickedButton() is save_button:
        save_pdf(path, parent, suggested_name)
