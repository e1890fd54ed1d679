"""Error codes from services, told to the user in their language."""

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from services.errors import LoyaltyError


def _messages() -> dict[str, str]:
    # Built on each call so a language switch takes effect at once.
    return {
        "auth.bad_pin": QCoreApplication.translate(
            "Errors", "Wrong PIN. {attempts_left} attempts left before the account locks."
        ),
        "auth.locked": QCoreApplication.translate(
            "Errors", "Too many wrong PINs. This account is locked until {until}."
        ),
        "auth.forbidden": QCoreApplication.translate(
            "Errors", "Your role may not do this. Ask a manager to approve it."
        ),
        "auth.not_a_manager": QCoreApplication.translate(
            "Errors", "Only a manager can approve this."
        ),
        "staff.not_found": QCoreApplication.translate(
            "Errors", "This staff account does not exist or was deactivated."
        ),
        "staff.bad_role": QCoreApplication.translate(
            "Errors", "Choose a role for the new account."
        ),
        "staff.cannot_deactivate_self": QCoreApplication.translate(
            "Errors", "You cannot deactivate your own account."
        ),
        "staff.last_manager": QCoreApplication.translate(
            "Errors", "The store's last manager cannot be deactivated."
        ),
        "pin.not_digits": QCoreApplication.translate("Errors", "A PIN is made of digits only."),
        "pin.length": QCoreApplication.translate("Errors", "A PIN has 4 to 6 digits."),
        "pin.too_simple": QCoreApplication.translate(
            "Errors", "This PIN is too easy to guess (repeated or consecutive digits)."
        ),
        "pin.mismatch": QCoreApplication.translate(
            "Errors", "The two PINs differ. Type the same PIN twice."
        ),
        "name.empty": QCoreApplication.translate("Errors", "Enter a name."),
        "name.too_long": QCoreApplication.translate(
            "Errors", "The name is too long (at most 60 characters)."
        ),
        "store.name.empty": QCoreApplication.translate("Errors", "Enter the store's name."),
        "store.name.too_long": QCoreApplication.translate(
            "Errors", "The store's name is too long (at most 60 characters)."
        ),
        "store.bad_code": QCoreApplication.translate(
            "Errors", "A store code has 2 to 16 letters, digits or dashes, e.g. SH-001."
        ),
        "store.bad_timezone": QCoreApplication.translate("Errors", "Unknown time zone."),
        "reason.required": QCoreApplication.translate(
            "Errors", "Give a reason; it is kept in the audit log."
        ),
        "setting.out_of_range": QCoreApplication.translate(
            "Errors", "Choose a value from {low} to {high}."
        ),
        "setting.bad_value": QCoreApplication.translate(
            "Errors", "This value is not allowed here."
        ),
        "counter.already_set_up": QCoreApplication.translate(
            "Errors", "This counter is already set up."
        ),
        "counter.not_set_up": QCoreApplication.translate(
            "Errors", "This counter has not been set up yet."
        ),
        "storage.disk_full": QCoreApplication.translate(
            "Errors", "The disk is full. Nothing was saved; free some space and try again."
        ),
        "storage.read_only": QCoreApplication.translate(
            "Errors", "The data folder cannot be written. Nothing was saved; check its permissions."
        ),
        "storage.io_error": QCoreApplication.translate(
            "Errors", "The disk could not be read or written. Nothing was saved; check the disk."
        ),
        "auth.approval_invalid": QCoreApplication.translate(
            "Errors", "This approval is not valid for this action. Ask the manager again."
        ),
        "auth.approval_used": QCoreApplication.translate(
            "Errors", "This approval was already used. Each approval covers one action."
        ),
        "qr.malformed": QCoreApplication.translate(
            "Errors", "This is not a member code of ours. Scan again, or type the mobile number."
        ),
        "qr.bad_signature": QCoreApplication.translate(
            "Errors", "This code has been altered or forged. It was refused; nothing was recorded."
        ),
        "qr.unknown_key": QCoreApplication.translate(
            "Errors",
            "This code was signed by a key this counter does not trust. Nothing was recorded.",
        ),
        "qr.unsupported_version": QCoreApplication.translate(
            "Errors", "This code comes from a newer version of the system. Update this counter."
        ),
        "qr.revoked": QCoreApplication.translate(
            "Errors", "This card of {name} was replaced by a newer one. Ask for the new card."
        ),
        "member.inactive": QCoreApplication.translate(
            "Errors", "The membership of {name} is deactivated."
        ),
        "member.not_found": QCoreApplication.translate("Errors", "No member found."),
        "member.bad_mobile": QCoreApplication.translate(
            "Errors", "A mobile number has 11 digits and starts with 1."
        ),
        "member.mobile_taken": QCoreApplication.translate(
            "Errors", "Another member already has this mobile number."
        ),
        "member.name.empty": QCoreApplication.translate("Errors", "Enter the member's name."),
        "member.name.too_long": QCoreApplication.translate(
            "Errors", "The name is too long (at most 60 characters)."
        ),
        "birthday.bad_month": QCoreApplication.translate("Errors", "Choose a birth month."),
        "birthday.bad_day": QCoreApplication.translate(
            "Errors", "This day does not exist in that month."
        ),
        "birthday.bad_year": QCoreApplication.translate(
            "Errors", "The birth year is not plausible."
        ),
        "scan.empty": QCoreApplication.translate(
            "Errors", "Nothing was scanned. Scan the member's code or type a mobile number."
        ),
        "scan.too_long": QCoreApplication.translate(
            "Errors", "That was far too long for a member code. It was ignored."
        ),
        "purchase.bad_amount": QCoreApplication.translate(
            "Errors",
            "Type the amount in yuan, e.g. 128 or 1234.56 (more than 0, at most 1,000,000).",
        ),
        "purchase.bad_categories": QCoreApplication.translate(
            "Errors", "A category amount must be a yuan amount no larger than the purchase."
        ),
        "purchase.bad_receipt": QCoreApplication.translate(
            "Errors", "Type the receipt number from the till (letters and digits)."
        ),
        "purchase.duplicate_receipt": QCoreApplication.translate(
            "Errors",
            "Receipt {receipt} already earned {points} points for {name} at {at}. "
            "Nothing was added.",
        ),
        "purchase.not_found": QCoreApplication.translate(
            "Errors", "No purchase with receipt {receipt} at this store."
        ),
        "refund.bad_amount": QCoreApplication.translate(
            "Errors", "The refund must be more than 0 and at most what is left to refund."
        ),
        "points.insufficient": QCoreApplication.translate(
            "Errors", "Not enough points: the balance is {balance}."
        ),
        "points.cash_step": QCoreApplication.translate(
            "Errors", "Points are used as cash in steps of 100 (100 points = 1 yuan)."
        ),
        "points.cash_exceeds_payable": QCoreApplication.translate(
            "Errors", "That is more points than the amount to pay."
        ),
        "points.bad_adjustment": QCoreApplication.translate(
            "Errors", "Type a number of points to add (+) or take away (−)."
        ),
        "storage.busy": QCoreApplication.translate(
            "Errors", "The database is busy. Nothing was saved; try again in a moment."
        ),
        "storage.corrupt": QCoreApplication.translate(
            "Errors", "The database file is damaged. Restore it from a backup."
        ),
        "storage.no_folder": QCoreApplication.translate(
            "Errors", "The data folder cannot be created: {path}"
        ),
        "storage.cannot_open": QCoreApplication.translate(
            "Errors", "The database cannot be opened: {detail}"
        ),
        "storage.failed": QCoreApplication.translate(
            "Errors", "Saving failed; nothing was changed. ({detail})"
        ),
    }


def message_for(error: BaseException) -> str:
    if not isinstance(error, LoyaltyError):
        return QCoreApplication.translate(
            "Errors", "Something went wrong; nothing was changed. ({detail})"
        ).format(detail=type(error).__name__)
    template = _messages().get(error.code)
    if template is None:
        return QCoreApplication.translate("Errors", "The request was refused ({code}).").format(
            code=error.code
        )
    params = {k: _format_param(v) for k, v in error.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _format_param(value: object) -> object:
    if hasattr(value, "astimezone"):
        local = QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toLocalTime()
        return QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
    return value
