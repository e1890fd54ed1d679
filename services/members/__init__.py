"""Members: registration, cards and codes, look-up, segments and privacy."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "CANDIDATE_LIMIT": "check_in",
    "CheckIn": "check_in",
    "MemberCard": "check_in",
    "MemberRow": "check_in",
    "MemberSummary": "accounts",
    "NewMember": "accounts",
    "deactivate_member": "accounts",
    "list_members": "check_in",
    "look_up": "check_in",
    "member_card": "check_in",
    "member_code": "accounts",
    "member_details": "accounts",
    "printable_card": "accounts",
    "record_visit": "check_in",
    "register_member": "accounts",
    "reissue_card": "accounts",
    "update_member": "accounts",
    "AtRiskMember": "segments",
    "at_risk_members": "segments",
    "rfm_counts": "segments",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
