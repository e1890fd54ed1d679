"""The central system's tables, collected on one metadata: chains, stores, devices, the
operation ledger, members and their points ledger, coupons, conflicts, reference data, and
the change feed counters pull (defined by family in models_chain, models_ledger and
models_reference), and the console's and the programme's tables.

Money is integer fen, points are integers. Times are stored as UTC.
"""

from central.models_base import Base, Id, MaybeWhen, Ref, When  # noqa: F401
from central.models_chain import (  # noqa: F401
    AuditAnchor,
    AuditBreak,
    CentreSigningKey,
    Chain,
    Device,
    EnrollmentCode,
    Store,
    StoreAlias,
)
from central.models_ledger import (  # noqa: F401
    BonusClaim,
    Change,
    Conflict,
    Coupon,
    CouponRedemption,
    Member,
    Operation,
    PointsEntry,
    Purchase,
)
from central.models_reference import (  # noqa: F401
    EventRegistration,
    EventSignIn,
    GiftStock,
    Reference,
)

metadata = Base.metadata

# The console's and the programme's tables live beside it, on this metadata (imported
# last: they use Base).
import central.console.tables  # noqa: E402
import central.models_pos  # noqa: E402
import central.programme.tables  # noqa: E402, F401
