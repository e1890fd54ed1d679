"""Error codes: the till's reconciliation as the centre receives it."""

from services.protocol.codes.registry import declare

POS_RECONCILIATION_WRONG_STORE = declare(
    "pos.reconciliation_wrong_store",
    en="A counter reports the reconciliation of its own store only.",
    zh="收银台只能上报本门店的对账结果。",
)
POS_RECONCILIATION_IN_FUTURE = declare(
    "pos.reconciliation_in_future",
    en="The reconciliation is of a day that has not ended yet, or dated in the future.",
    zh="对账日期在未来，或对账时间晚于当前时间。",
)
POS_RECONCILIATION_OLDER = declare(
    "pos.reconciliation_older",
    en="A newer reconciliation of this store's day is already kept; this one was recorded only.",
    zh="总部已有该门店当日更新的对账结果，本次结果仅作记录。",
)
POS_ERROR_RATE_DIFFERS = declare(
    "pos.error_rate_differs",
    en="The central system counted the error rate itself; the counter's figure was not used.",
    zh="差错率由总部系统自行计算，未采用收银台上报的数值。",
)
