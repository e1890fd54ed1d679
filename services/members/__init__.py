"""Members: registration, cards and codes, look-up, segments and privacy."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "CANDIDATE_LIMIT": "accounts",
    "CheckIn": "accounts",
    "MemberCard": "accounts",
    "MemberRow": "accounts",
    "MemberSummary": "accounts",
    "NewMember": "accounts",
    "deactivate_member": "accounts",
    "list_members": "accounts",
    "look_up": "accounts",
    "member_card": "accounts",
    "member_code": "accounts",
    "member_details": "accounts",
    "printable_card": "accounts",
    "record_visit": "accounts",
    "register_member": "accounts",
    "reissue_card": "accounts",
    "update_member": "accounts",
    "AtRiskMember": "segments",
    "at_risk_members": "segments",
    "rfm_counts": "segments",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
