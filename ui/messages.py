"""Error codes from services, told to the user in their language."""

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from services.core import LoyaltyError
from ui.messages_events import messages as events_messages
from ui.messages_printing import messages as printing_messages
from ui.messages_security import messages as security_messages
from ui.messages_sync import messages as sync_messages
from ui.messages_sync_health import messages as sync_health_messages
from ui.money import yuan


def _messages() -> dict[str, str]:
    # Built on each call so a language switch takes effect at once.
    return (
        _core_messages()
        | events_messages()
        | sync_messages()
        | sync_health_messages()
        | printing_messages()
        | security_messages()
    )


def _core_messages() -> dict[str, str]:
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
        "keys.signing_key_missing": QCoreApplication.translate(
            "Errors",
            "This counter's signing key is not on this computer: it cannot print cards or"
            " coupons. Ask head office to enroll it again.",
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
            "Type the amount in yuan, e.g. 128 or 1234.56 (more than 0, at most 1,000,000; "
            "commas only between groups of three digits, as in 1,234.56).",
        ),
        "purchase.bad_categories": QCoreApplication.translate(
            "Errors", "A category amount must be a yuan amount no larger than the purchase."
        ),
        "purchase.bad_receipt": QCoreApplication.translate(
            "Errors", "Type the receipt number from the till (letters and digits)."
        ),
        "receipt.unknown_format": QCoreApplication.translate(
            "Errors",
            "This code is not a receipt in any of the store's receipt patterns. "
            "Nothing was changed; type the amount and receipt number.",
        ),
        "receipt.too_long": QCoreApplication.translate(
            "Errors",
            "The code is longer than {limit} characters: not a receipt. Nothing was changed.",
        ),
        "receipt.bad_field": QCoreApplication.translate(
            "Errors",
            "The receipt code has an unreadable {field}. Nothing was changed; type the sale "
            "or check the receipt pattern in Settings.",
        ),
        "receipt.bad_encoding": QCoreApplication.translate(
            "Errors", "The text is neither UTF-8 nor GB18030. Nothing was changed."
        ),
        "receipt.bad_pattern": QCoreApplication.translate(
            "Errors", "Receipt pattern {index} is not valid ({why}). Nothing was saved."
        ),
        "reconcile.bad_mapping": QCoreApplication.translate(
            "Errors", "Name the export's columns for the receipt number and the amount."
        ),
        "reconcile.too_large": QCoreApplication.translate(
            "Errors", "The export is too large to import (20 MB or 200,000 rows at most)."
        ),
        "reconcile.empty": QCoreApplication.translate("Errors", "The export is empty."),
        "reconcile.missing_column": QCoreApplication.translate(
            "Errors", "The export has no column named {column}. Check the column names."
        ),
        "reconcile.bad_row": QCoreApplication.translate(
            "Errors", "Row {line} of the export has no receipt number or no readable amount."
        ),
        "reconcile.bad_file": QCoreApplication.translate(
            "Errors", "The file is not an Excel workbook (XLSX)."
        ),
        "reconcile.bad_kind": QCoreApplication.translate(
            "Errors", "This line cannot be explained: its kind is unknown."
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
            "Errors",
            "The refund must be more than 0 and at most what is left to refund "
            "(commas only between groups of three digits, as in 1,234.56).",
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
        "gift.not_found": QCoreApplication.translate("Errors", "This gift is not in the catalog."),
        "gift.inactive": QCoreApplication.translate(
            "Errors", "This gift is no longer offered at this counter."
        ),
        "gift.not_yet_available": QCoreApplication.translate(
            "Errors", "This gift is not offered yet."
        ),
        "gift.no_longer_available": QCoreApplication.translate(
            "Errors", "This gift's offer has ended."
        ),
        "gift.tier_required": QCoreApplication.translate(
            "Errors", "This gift is for members of a higher tier."
        ),
        "gift.limit_reached": QCoreApplication.translate(
            "Errors", "This member has already had this gift {limit} time(s), the most allowed."
        ),
        "gift.out_of_stock": QCoreApplication.translate(
            "Errors",
            "None in stock. If the gift is in your hand, a manager may override with a reason.",
        ),
        "gift.redemption_not_found": QCoreApplication.translate(
            "Errors", "This redemption is not recorded at this counter."
        ),
        "gift.sku_taken": QCoreApplication.translate(
            "Errors", "Another gift already has the SKU {sku}."
        ),
        "gift.sku_fixed": QCoreApplication.translate(
            "Errors", "A gift's SKU cannot change; add a new gift instead."
        ),
        "gift.bad_sku": QCoreApplication.translate(
            "Errors", "A SKU has 2 to 32 letters, digits or dashes, e.g. GIFT-CUP."
        ),
        "gift.bad_price": QCoreApplication.translate(
            "Errors", "The points price must be a whole number above 0."
        ),
        "gift.bad_limit": QCoreApplication.translate(
            "Errors", "The per-member limit must be at least 1, or none."
        ),
        "gift.bad_threshold": QCoreApplication.translate(
            "Errors", "The low-stock alert level cannot be below 0."
        ),
        "gift.bad_image": QCoreApplication.translate(
            "Errors", "Choose a picture from the gift pictures folder."
        ),
        "gift.bad_dates": QCoreApplication.translate(
            "Errors", "The offer must end after it starts."
        ),
        "catalog.name.empty": QCoreApplication.translate(
            "Errors", "Enter the gift's name in Chinese and in English."
        ),
        "catalog.name.too_long": QCoreApplication.translate(
            "Errors", "The name is too long (at most 60 characters)."
        ),
        "tier.unknown": QCoreApplication.translate("Errors", "Unknown tier."),
        "stock.bad_quantity": QCoreApplication.translate(
            "Errors", "Type a number of pieces from 1 to {most}."
        ),
        "stock.bad_count": QCoreApplication.translate(
            "Errors", "A counted quantity is a whole number of pieces, 0 or more."
        ),
        "stock.nothing_counted": QCoreApplication.translate(
            "Errors", "Type the counted quantity of at least one gift."
        ),
        "stock.bad_reference": QCoreApplication.translate(
            "Errors", "Type the delivery note's number (at most 64 characters)."
        ),
        "stock.bad_cause": QCoreApplication.translate(
            "Errors", "Choose what happened: damaged, lost or found."
        ),
        "stock.same_store": QCoreApplication.translate(
            "Errors", "A transfer goes to or comes from another store, not this one."
        ),
        "stock.not_enough": QCoreApplication.translate(
            "Errors", "Only {on_hand} in stock: that many cannot leave."
        ),
        "coupon.malformed": QCoreApplication.translate(
            "Errors", "This is not a coupon code this counter can read. Scan it again."
        ),
        "coupon.forged": QCoreApplication.translate(
            "Errors",
            "This coupon was not issued by our stores (unknown signature). Do not accept it.",
        ),
        "coupon.altered": QCoreApplication.translate(
            "Errors", "This coupon's code has been changed after it was issued. Do not accept it."
        ),
        "coupon.not_found": QCoreApplication.translate(
            "Errors", "No coupon with this code is known here. Scan its QR code instead."
        ),
        "coupon.used": QCoreApplication.translate(
            "Errors", "This coupon was already used on {at} at {store} {counter}."
        ),
        "coupon.revoked": QCoreApplication.translate(
            "Errors", "This coupon was revoked and cannot be used."
        ),
        "coupon.not_yet_valid": QCoreApplication.translate(
            "Errors", "This coupon is not valid yet; it starts on {start}."
        ),
        "coupon.expired": QCoreApplication.translate("Errors", "This coupon expired on {end}."),
        "coupon.needs_member": QCoreApplication.translate(
            "Errors", "This coupon belongs to a member: scan the member's card first."
        ),
        "coupon.wrong_member": QCoreApplication.translate(
            "Errors", "This coupon belongs to another member."
        ),
        "coupon.wrong_tier": QCoreApplication.translate(
            "Errors", "This coupon is for members of a higher tier."
        ),
        "coupon.online_only": QCoreApplication.translate(
            "Errors", "This coupon can only be accepted while connected to the central system."
        ),
        "coupon.not_a_discount": QCoreApplication.translate(
            "Errors", "This is a gift coupon: redeem it on the Coupons page, not on a purchase."
        ),
        "coupon.needs_purchase": QCoreApplication.translate(
            "Errors", "This coupon takes money off a purchase: use it on the Points page."
        ),
        "coupon.under_minimum": QCoreApplication.translate(
            "Errors", "This coupon needs a spend of at least {min_fen} (after member discount)."
        ),
        "coupon.bad_value": QCoreApplication.translate(
            "Errors",
            "This coupon's value is not allowed: percent off is 1 to 100, an amount off is "
            "more than zero.",
        ),
        "coupon.bad_kind": QCoreApplication.translate("Errors", "Unknown kind of coupon."),
        "coupon.bad_min_spend": QCoreApplication.translate(
            "Errors", "A coupon's minimum spend cannot be below zero."
        ),
        "coupon.bad_terms": QCoreApplication.translate(
            "Errors", "A coupon is valid for at least one day."
        ),
        "coupon.points_step": QCoreApplication.translate(
            "Errors", "Coupons are bought in steps of {step} points."
        ),
        "coupon.no_birthday_coupon": QCoreApplication.translate(
            "Errors", "{name} has no birthday coupon to take now (not the month, or already given)."
        ),
        "coupon.tier_not_eligible": QCoreApplication.translate(
            "Errors", "The member's tier does not qualify for this coupon."
        ),
        "coupon.limit_reached": QCoreApplication.translate(
            "Errors", "The member already holds as many of these coupons as allowed ({limit})."
        ),
        "coupon.template_ended": QCoreApplication.translate(
            "Errors", "This coupon campaign has ended."
        ),
        "coupon.no_template": QCoreApplication.translate(
            "Errors", "No active coupon of this kind is set up at this counter."
        ),
        "coupon.bad_batch": QCoreApplication.translate(
            "Errors", "A batch has 1 to {most} coupons."
        ),
        "coupon.not_redeemed": QCoreApplication.translate(
            "Errors", "Only a used coupon can have its redemption voided."
        ),
        "coupon.not_revocable": QCoreApplication.translate(
            "Errors", "Only an unused coupon can be revoked."
        ),
        "event.not_found": QCoreApplication.translate("Errors", "This event does not exist."),
        "points.redemption_blocked": QCoreApplication.translate(
            "Errors",
            "{name} used more points than they had across stores. Points cannot be redeemed "
            "until that is settled; earning goes on as usual.",
        ),
        "backup.failed": QCoreApplication.translate(
            "Errors", "The backup could not be written: {detail}"
        ),
        "backup.stopped": QCoreApplication.translate(
            "Errors", "The day's backup was stopped as the app closed; the next start makes it."
        ),
        "backup.not_found": QCoreApplication.translate("Errors", "This backup file is gone."),
        "backup.damaged": QCoreApplication.translate(
            "Errors", "This backup is damaged. Choose another one."
        ),
        "backup.would_lose_operations": QCoreApplication.translate(
            "Errors",
            "{count} operations recorded after this backup have not reached the central system.",
        ),
        "backup.database_not_damaged": QCoreApplication.translate(
            "Errors", "The database is not damaged: a manager restores backups from Settings."
        ),
        "nps.bad_score": QCoreApplication.translate(
            "Errors", "A rating is a whole number from 0 to 10."
        ),
        "csat.bad_score": QCoreApplication.translate(
            "Errors", "Satisfaction is a whole number from 1 to 5."
        ),
        "nps.comment_too_long": QCoreApplication.translate(
            "Errors", "A comment has at most {most} characters."
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
    params = {k: _format_param(k, v) for k, v in error.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _field_name(field: object) -> object:
    """A receipt code's field, named in the reader's language."""
    return {
        "receipt": QCoreApplication.translate("Errors", "receipt number"),
        "amount": QCoreApplication.translate("Errors", "amount"),
        "time": QCoreApplication.translate("Errors", "time"),
        "store": QCoreApplication.translate("Errors", "store"),
        "categories": QCoreApplication.translate("Errors", "item categories"),
    }.get(field, field)


def _format_param(key: str, value: object) -> object:
    if key == "field":
        return _field_name(value)
    if hasattr(value, "astimezone"):
        local = QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toLocalTime()
        if local.date() == QDateTime.currentDateTime().date():
            return QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)
    if key.endswith("_fen") and isinstance(value, int):
        return QCoreApplication.translate("Errors", "{yuan} yuan").format(yuan=yuan(value))
    return value
