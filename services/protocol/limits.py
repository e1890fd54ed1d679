"""Every bound of the sync protocol, in one place (docs/sync-protocol.md "Limits" lists them).

Lengths fit the narrowest column that stores the value, at the centre (central/models_*.py,
PostgreSQL enforces them) or at the counter (models/*.py); numbers fit the centre's BIGINT.
"""

# The wire -------------------------------------------------------------------------------
MAX_PAYLOAD_CHARS = 64 * 1024  # one operation's canonical JSON; the largest real one is a few KB
MAX_BATCH = 2000  # operations in one push

# Numbers --------------------------------------------------------------------------------
INT64_MAX = 2**63 - 1  # PostgreSQL BIGINT, SQLite INTEGER
INT64_MIN = -(2**63)  # the lowest signed number a column holds
MAX_FEN = 10**12  # ten billion yuan: far above any purchase (rules: 100,000,000 fen)
MAX_POINTS = 10**12  # points in one operation (a balance may be negative)
MAX_QUANTITY = 10**9  # gifts moved or counted at once (the counter refuses over 100,000)
MAX_RULE_VERSION = 2**31 - 1  # an INTEGER column at the counter and the centre
MAX_CARD_SERIAL = 2**31 - 1  # card reissues (an INTEGER column)
MAX_CAPACITY = 1_000_000  # seats at one event
MAX_SCORE = 10  # NPS answers are 0-10
MAX_PERCENT = 100  # a tier's member discount, in whole percent
MIN_BIRTH_YEAR, MAX_BIRTH_YEAR = 1900, 2100  # a birth year (a SMALLINT at the centre)

# Text -----------------------------------------------------------------------------------
ID_LENGTH = 36  # a UUID written as text, as every id is
NAME_MAX = 120  # names, places, prizes, store and label names: String(120) at the centre
CODE_MAX = 64  # member numbers, SKUs, event codes, receipt numbers, nonces: String(64)
TOKEN_MAX = 16  # enum-like words (tier, kind, source, method): String(16)
REASON_MAX = 200  # reasons: String(200) at the counter
REFERENCE_MAX = 120  # a coupon's or stock move's reference: String(120)
COMMENT_MAX = 500  # an NPS comment: String(500)
NOTE_MAX = 2000  # a member's note (a TEXT column, bounded so one payload stays small)
DESCRIPTION_MAX = 2000
COUPON_CODE_MAX = 16  # a coupon's short code: String(16)
TICKET_CODE_MAX = 32  # an event ticket's code: String(32)
SIGNED_CODE_MAX = 1000  # a coupon's signed QR text (about 200 symbols)
MOBILE_LENGTH = 11  # a mainland mobile number, digits only
TIMEZONE_MAX = 64
KEY_ID_LENGTH = 8  # four bytes in hex
PUBLIC_KEY_LENGTH = 64  # an Ed25519 public key in hex
HASH_LENGTH = 64  # a SHA-256 in hex
OWNER_MAX = 64
CATEGORY_MAX = 32  # a purchase category's name

# Collections ----------------------------------------------------------------------------
MAX_CATEGORIES = 64  # categories of one purchase
MAX_LIST = 1000  # ids in one operation (coupons bought at once, lots expired, door staff)
MAX_DRAW_ENTRANTS = 1500  # attendee keys in a draw (about 40 characters each, under 64 KB)
MAX_DETAIL_KEYS = 32  # a conflict's free-form detail
MAX_DETAIL_TEXT = 500
MAX_STORES = 64  # stores named in one conflict
MAX_PROMOTIONS = 100
MAX_RULE_ENTRIES = 32  # tiers and categories a rule set names
MAX_RECONCILE_ITEMS = 150  # a day's reconciliation lines listed (each up to ~400 characters)
MAX_RECEIPT_PATTERNS = 8  # a store's receipt patterns (services.rules.receipt_patterns)

# Time -----------------------------------------------------------------------------------
MIN_YEAR, MAX_YEAR = 2000, 2100  # a device clock outside this is broken
MAX_DAYS = 36_600  # a coupon's validity in days
