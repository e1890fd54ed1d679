"""Error codes: the database, backups and the receipt printer."""

from services.protocol.codes.registry import declare

BACKUP_DAMAGED = declare(
    "backup.damaged",
    en="This backup is damaged. Choose another one.",
    zh="该备份已损坏，请选择其他备份。",
)
BACKUP_DATABASE_NOT_DAMAGED = declare(
    "backup.database_not_damaged",
    en="The database is not damaged: a manager restores backups from Settings.",
    zh="数据库未损坏：请由经理在“设置”中恢复备份。",
)
BACKUP_FAILED = declare(
    "backup.failed",
    en="The backup could not be written: {detail}",
    zh="无法写入备份：{detail}",
)
BACKUP_NOT_FOUND = declare(
    "backup.not_found",
    en="This backup file is gone.",
    zh="该备份文件已不存在。",
)
BACKUP_STOPPED = declare(
    "backup.stopped",
    en="The backup was stopped before it finished; nothing was kept of it.",
    zh="备份在完成前被中止，未保留任何部分。",
)
BACKUP_WOULD_LOSE_OPERATIONS = declare(
    "backup.would_lose_operations",
    en="{count} operations recorded after this backup have not reached the central system.",
    zh="此备份之后记录的 {count} 项操作尚未送达总部系统。",
)
PRINTER_BAD_SETTING = declare(
    "printer.bad_setting",
    en=(
        "Check the printer settings: a USB printer needs its vendor and product ids, a "
        "serial one its port, a network one its address and port."
    ),
    zh=(
        "请检查打印机设置：USB 打印机需填写厂商 ID 和产品 ID，串口打印机需填写端口，网"
        "络打印机需填写地址和端口。"
    ),
)
PRINTER_FAILED = declare(
    "printer.failed",
    en=(
        "The receipt printer could not print ({reason}). Print again, or print the PDF "
        "instead. The sale itself is saved."
    ),
    zh="小票打印机无法打印（{reason}）。请重新打印，或改为打印 PDF。本笔交易已保存。",
)
PRINTER_NO_PAPER = declare(
    "printer.no_paper",
    en=(
        "The receipt printer is out of paper: load a new roll and print again. The sale "
        "itself is saved."
    ),
    zh="小票打印机缺纸：请装入新纸卷后重新打印。本笔交易已保存。",
)
PRINTER_OFFLINE = declare(
    "printer.offline",
    en=(
        "The receipt printer does not answer: check that it is switched on and "
        "connected, then print again. The sale itself is saved."
    ),
    zh="小票打印机没有响应：请检查是否已开机并连接好，然后重新打印。本笔交易已保存。",
)
PRINTER_UNPLUGGED = declare(
    "printer.unplugged",
    en=(
        "The receipt printer is not plugged in (or its cable is loose): plug it in and "
        "print again. The sale itself is saved."
    ),
    zh="小票打印机未连接（或数据线松动）：请插好后重新打印。本笔交易已保存。",
)
STORAGE_BUSY = declare(
    "storage.busy",
    en="The database is busy. Nothing was saved; try again in a moment.",
    zh="数据库正忙，未保存任何内容。请稍后重试。",
)
STORAGE_CANNOT_OPEN = declare(
    "storage.cannot_open",
    en="The database cannot be opened: {detail}",
    zh="无法打开数据库：{detail}",
)
STORAGE_CORRUPT = declare(
    "storage.corrupt",
    en="The database file is damaged. Restore it from a backup.",
    zh="数据库文件已损坏，请从备份恢复。",
)
STORAGE_DISK_FULL = declare(
    "storage.disk_full",
    en="The disk is full. Nothing was saved; free some space and try again.",
    zh="磁盘已满，未保存任何内容。请释放空间后重试。",
)
STORAGE_FAILED = declare(
    "storage.failed",
    en="Saving failed; nothing was changed. ({detail})",
    zh="保存失败，未做任何更改。（{detail}）",
)
STORAGE_IO_ERROR = declare(
    "storage.io_error",
    en="The disk could not be read or written. Nothing was saved; check the disk.",
    zh="无法读写磁盘，未保存任何内容。请检查磁盘。",
)
STORAGE_NO_FOLDER = declare(
    "storage.no_folder",
    en="The data folder cannot be created: {path}",
    zh="无法创建数据文件夹：{path}",
)
STORAGE_READ_ONLY = declare(
    "storage.read_only",
    en="The data folder cannot be written. Nothing was saved; check its permissions.",
    zh="数据文件夹无法写入，未保存任何内容。请检查文件夹权限。",
)
