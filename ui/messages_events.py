"""Error codes of the events capability, told to the user in their language (see ui.messages)."""

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    return {
        "event.name.empty": QCoreApplication.translate("Errors", "Enter the event's name."),
        "event.name.too_long": QCoreApplication.translate(
            "Errors", "The event's name is too long (at most 60 characters)."
        ),
        "event.place_empty": QCoreApplication.translate("Errors", "Enter where the event is."),
        "event.place_too_long": QCoreApplication.translate(
            "Errors", "The place is too long (at most 60 characters)."
        ),
        "event.bad_code": QCoreApplication.translate(
            "Errors", "Give the event a code of 1 to 64 characters."
        ),
        "event.from_centre": QCoreApplication.translate(
            "Errors", "{name} is the chain's event: it is changed at the central system."
        ),
        "event.over": QCoreApplication.translate(
            "Errors", "{name} is over; its details are kept as they were."
        ),
        "event.capacity_below_signed_in": QCoreApplication.translate(
            "Errors", "{signed_in} people are already signed in: the capacity cannot be lower."
        ),
        "event.code_taken": QCoreApplication.translate(
            "Errors", "Another event already has the code {event_code}."
        ),
        "event.bad_window": QCoreApplication.translate(
            "Errors", "The event must end after it starts."
        ),
        "event.bad_signin_window": QCoreApplication.translate(
            "Errors", "Sign-in must close after it opens."
        ),
        "event.bad_numbers": QCoreApplication.translate(
            "Errors", "Capacity must be 1 to 100,000 and points 0 to 100,000."
        ),
        "event.not_assigned": QCoreApplication.translate(
            "Errors", "You are not on this event's door staff. Ask a manager."
        ),
        "event.bad_ticket": QCoreApplication.translate(
            "Errors", "This ticket code is damaged or mistyped."
        ),
        "event.unknown_code": QCoreApplication.translate(
            "Errors", "This is neither a ticket nor a member card."
        ),
        "event.bad_nonce": QCoreApplication.translate(
            "Errors", "The scan could not be identified; scan again."
        ),
        "event.invitation_only": QCoreApplication.translate(
            "Errors", "This event is by invitation only: no walk-ins."
        ),
        "event.already_registered": QCoreApplication.translate(
            "Errors", "{name} is already registered for this event."
        ),
        "event.signin_not_found": QCoreApplication.translate(
            "Errors", "This sign-in does not exist."
        ),
        "event.already_undone": QCoreApplication.translate(
            "Errors", "This sign-in was already undone."
        ),
        "event.no_registrations": QCoreApplication.translate(
            "Errors", "Nobody is registered for this event yet."
        ),
        "event.guest_empty": QCoreApplication.translate("Errors", "Enter the guest's name."),
        "event.guest_too_long": QCoreApplication.translate(
            "Errors", "The guest's name is too long (at most 60 characters)."
        ),
        "draw.prize_empty": QCoreApplication.translate("Errors", "Name the prize."),
        "draw.prize_too_long": QCoreApplication.translate(
            "Errors", "The prize's name is too long (at most 60 characters)."
        ),
        "draw.bad_count": QCoreApplication.translate("Errors", "A round has 1 to {most} winners."),
        "draw.no_entrants": QCoreApplication.translate(
            "Errors", "Nobody is left to draw: no one signed in who has not won."
        ),
        "draw.too_many": QCoreApplication.translate(
            "Errors", "Only {entrants} people are in the draw."
        ),
        "draw.not_found": QCoreApplication.translate("Errors", "This draw does not exist."),
    }
