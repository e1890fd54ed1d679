"""Error codes of the sync capability, told to the user in their language (see ui.messages).

Codes are the central system's own (docs/sync-protocol.md) and the counter's `sync.*`."""

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    return {
        "sync.offline": QCoreApplication.translate(
            "Errors",
            "The central system cannot be reached. Everything is kept and sent when it answers.",
        ),
        "sync.server_error": QCoreApplication.translate(
            "Errors", "The central system had a problem. Sync will try again by itself."
        ),
        "sync.protocol": QCoreApplication.translate(
            "Errors",
            "The central system's answer was not understood. This counter may need an update.",
        ),
        "sync.bad_url": QCoreApplication.translate(
            "Errors",
            "Enter the central system's address, starting with http:// or https://.",
        ),
        "sync.insecure_url": QCoreApplication.translate(
            "Errors",
            "The central system's address must start with https://. Plain http:// is only for"
            " this machine, or for tests with the --insecure option.",
        ),
        "sync.pin_mismatch": QCoreApplication.translate(
            "Errors",
            "The central system presented a different certificate key than at enrollment, so"
            " nothing was sent. Tell the administrator: this may be an impostor.",
        ),
        "sync.tls_untrusted": QCoreApplication.translate(
            "Errors",
            "The central system's certificate is not trusted by this counter, so nothing was"
            " sent. Tell the administrator.",
        ),
        "sync.bad_code_format": QCoreApplication.translate(
            "Errors", "Enter the one-time code you were given, e.g. ABCD-EFGH-JKLM."
        ),
        "sync.already_enrolled": QCoreApplication.translate(
            "Errors", "This counter is already enrolled with the central system."
        ),
        "sync.not_enrolled": QCoreApplication.translate(
            "Errors", "This counter is not enrolled with the central system yet."
        ),
        "sync.stalled": QCoreApplication.translate(
            "Errors",
            "Sync could not make progress; it will try again. Tell the administrator if it stays.",
        ),
        "sync.failed": QCoreApplication.translate(
            "Errors", "Sync did not finish; it will try again by itself."
        ),
        "sync.conflict_unknown": QCoreApplication.translate(
            "Errors", "This conflict is not known here."
        ),
        "sync.conflict_resolved": QCoreApplication.translate(
            "Errors", "This conflict is already resolved."
        ),
        "push.retry_later": QCoreApplication.translate(
            "Errors", "The central system is busy. Sync will try again by itself."
        ),
        "enroll.too_many_attempts": QCoreApplication.translate(
            "Errors", "Too many enrollment attempts. Wait a minute, then try again."
        ),
        "request.too_large": QCoreApplication.translate(
            "Errors", "The central system refused a request as too large. Sync will send less."
        ),
        "enroll.bad_code": QCoreApplication.translate(
            "Errors", "This enrollment code is not valid. Check it, or ask for a new one."
        ),
        "enroll.code_used": QCoreApplication.translate(
            "Errors", "This enrollment code was already used. Ask for a new one."
        ),
        "enroll.code_expired": QCoreApplication.translate(
            "Errors", "This enrollment code has expired. Ask for a new one."
        ),
        "enroll.bad_key": QCoreApplication.translate(
            "Errors", "The central system refused this counter's key."
        ),
        "enroll.bad_proof": QCoreApplication.translate(
            "Errors",
            "The central system could not confirm that this counter holds its key. "
            "Update the program, then try again.",
        ),
        "enroll.key_taken": QCoreApplication.translate(
            "Errors", "Another counter already has this counter's key. Call head office."
        ),
        "enroll.key_id_taken": QCoreApplication.translate(
            "Errors",
            "Another counter's key has the same number as this counter's. Call head office.",
        ),
        "enroll.device_exists": QCoreApplication.translate(
            "Errors", "This counter is already enrolled at the central system."
        ),
        "enroll.store_mismatch": QCoreApplication.translate(
            "Errors",
            "This code is for another store: the central system's store code is {store}, not "
            "this counter's. Ask head office for a code for this counter's store, or set the "
            "counter up again with store code {store}.",
        ),
        "enroll.label_taken": QCoreApplication.translate(
            "Errors",
            "Another counter of this store already has this counter's number ({label}).",
        ),
        "device.revoked": QCoreApplication.translate(
            "Errors",
            "The central system revoked this counter. Everything is kept; enroll it again to send.",
        ),
        "auth.bad_token": QCoreApplication.translate(
            "Errors", "The central system does not recognise this counter. Enroll it again."
        ),
        "auth.missing_token": QCoreApplication.translate(
            "Errors", "This counter is not enrolled with the central system yet."
        ),
        "op.id_reused": QCoreApplication.translate(
            "Errors",
            "Another operation with the same id already reached the central system.",
        ),
        "op.seq_taken": QCoreApplication.translate(
            "Errors",
            "The central system already holds a different operation with this number.",
        ),
        "op.hash_mismatch": QCoreApplication.translate(
            "Errors", "The operation arrived damaged (its fingerprint does not match)."
        ),
        "op.bad_payload": QCoreApplication.translate(
            "Errors", "The operation is incomplete or malformed."
        ),
        "op.unsupported_version": QCoreApplication.translate(
            "Errors", "The central system does not support this version of the operation."
        ),
        "op.unknown_type": QCoreApplication.translate(
            "Errors", "The central system does not know this kind of operation."
        ),
        "op.wrong_store": QCoreApplication.translate(
            "Errors", "The operation names a store this counter does not belong to."
        ),
        "op.wrong_device": QCoreApplication.translate(
            "Errors", "The operation names another device."
        ),
        "member.unknown": QCoreApplication.translate(
            "Errors", "The central system does not know this member."
        ),
        "rules.unknown_version": QCoreApplication.translate(
            "Errors",
            "The central system does not know the rule version this operation used.",
        ),
        "points.tier_not_held": QCoreApplication.translate(
            "Errors", "Points were earned at a tier the member never held."
        ),
        "points.bad_discount": QCoreApplication.translate(
            "Errors", "The member discount does not match the rules."
        ),
        "purchase.bad_amounts": QCoreApplication.translate(
            "Errors", "The purchase's amounts do not add up."
        ),
        "points.not_birthday_month": QCoreApplication.translate(
            "Errors", "Birthday points were given outside the member's birthday month."
        ),
        "points.not_earnable": QCoreApplication.translate(
            "Errors", "More points were given than the purchase earns ({earnable} at most)."
        ),
        "event.unknown": QCoreApplication.translate(
            "Errors", "The central system does not know this event."
        ),
        "event.ticket_code_taken": QCoreApplication.translate(
            "Errors", "Another registration at the central system already has this ticket code."
        ),
        "points.bad_amount": QCoreApplication.translate(
            "Errors", "The points spent do not match what the rules price the coupons or cash at."
        ),
        "refund.points_not_derivable": QCoreApplication.translate(
            "Errors",
            "The refund takes back or gives back more points than the purchase allows.",
        ),
        "points.bonus_not_derivable": QCoreApplication.translate(
            "Errors", "The bonus points are not what the rules or the event give."
        ),
        "points.bonus_day_future": QCoreApplication.translate(
            "Errors", "A bonus cannot be claimed for a day that has not come yet."
        ),
        "points.bonus_day_too_old": QCoreApplication.translate(
            "Errors", "A bonus cannot be claimed for a day more than 60 days ago."
        ),
        "points.expire_not_due": QCoreApplication.translate(
            "Errors",
            "Points were expired before their date by the central system's clock. "
            "Check this counter's clock.",
        ),
        "coupon.unknown": QCoreApplication.translate(
            "Errors", "The central system does not know this coupon in this chain."
        ),
        "coupon.points_not_derivable": QCoreApplication.translate(
            "Errors", "More points would come back than the coupon cost, or it was already used."
        ),
        "member.id_taken": QCoreApplication.translate(
            "Errors", "Another member at the central system already has this member's id."
        ),
        "member.tier_not_earned": QCoreApplication.translate(
            "Errors",
            "The member's spend at the central system does not qualify for this tier.",
        ),
        "store.unknown": QCoreApplication.translate(
            "Errors", "The central system does not know this store in this chain."
        ),
        "reference.not_yours": QCoreApplication.translate(
            "Errors",
            "Only the store that made it may change this; head office's are changed at the centre.",
        ),
        "conflict.unknown": QCoreApplication.translate(
            "Errors", "The central system does not know this conflict."
        ),
        "conflict.not_yours": QCoreApplication.translate(
            "Errors", "This conflict belongs to other stores."
        ),
    }
