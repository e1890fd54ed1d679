"""Error codes: sync: enrollment, pushes, pulled changes and the centre's own refusals."""

from services.protocol.codes.registry import declare

CHANGE_BAD_BODY = declare(
    "change.bad_body",
    en="The change is incomplete or malformed.",
    zh="该变更不完整或格式有误。",
)
CHANGE_MALFORMED = declare(
    "change.malformed",
    en="The change could not be read.",
    zh="无法读取该变更。",
)
CHANGE_NOT_APPLIED = declare(
    "change.not_applied",
    en="This counter's database refused the change.",
    zh="本柜台的数据库拒绝了该变更。",
)
CHANGE_OTHER_STORE = declare(
    "change.other_store",
    en="This change is for another store; this counter did not take it.",
    zh="该变更属于其他门店，本柜台未采用。",
)
CHANGE_UNKNOWN_KIND = declare(
    "change.unknown_kind",
    en="This counter does not know this kind of change. It may need an update.",
    zh="本柜台不认识这类变更，可能需要升级。",
)
CONFLICT_NOT_YOURS = declare(
    "conflict.not_yours",
    en="This conflict belongs to other stores.",
    zh="这条冲突属于其他门店。",
)
CONFLICT_UNKNOWN = declare(
    "conflict.unknown",
    en="The central system does not know this conflict.",
    zh="总部系统不认识这条冲突。",
)
DEVICE_NOT_FOUND = declare(
    "device.not_found",
    en="There is no counter with this device id.",
    zh="没有此设备 ID 的柜台。",
)
DEVICE_REVOKED = declare(
    "device.revoked",
    en="The central system revoked this counter. Everything is kept; enroll it again to send.",
    zh="总部系统已吊销本柜台。所有记录均已保存，重新登记后才能发送。",
)
ENROLL_BAD_CODE = declare(
    "enroll.bad_code",
    en="This enrollment code is not valid. Check it, or ask for a new one.",
    zh="登记码无效。请核对，或申请新的登记码。",
)
ENROLL_BAD_KEY = declare(
    "enroll.bad_key",
    en="The central system refused this counter's key.",
    zh="总部系统拒绝了本柜台的密钥。",
)
ENROLL_BAD_PROOF = declare(
    "enroll.bad_proof",
    en=(
        "The central system could not confirm that this counter holds its key. Update "
        "the program, then try again."
    ),
    zh="总部系统无法确认本柜台持有自己的密钥。请更新程序后再试。",
)
ENROLL_CODE_EXPIRED = declare(
    "enroll.code_expired",
    en="This enrollment code has expired. Ask for a new one.",
    zh="此登记码已过期，请申请新的登记码。",
)
ENROLL_CODE_USED = declare(
    "enroll.code_used",
    en="This enrollment code was already used. Ask for a new one.",
    zh="此登记码已被使用，请申请新的登记码。",
)
ENROLL_DEVICE_EXISTS = declare(
    "enroll.device_exists",
    en="This counter is already enrolled at the central system.",
    zh="本柜台已在总部系统登记。",
)
ENROLL_KEY_ID_TAKEN = declare(
    "enroll.key_id_taken",
    en="Another counter's key has the same number as this counter's. Call head office.",
    zh="另一台柜台的密钥编号与本柜台相同。请联系总部。",
)
ENROLL_KEY_TAKEN = declare(
    "enroll.key_taken",
    en="Another counter already has this counter's key. Call head office.",
    zh="另一台柜台已使用本柜台的密钥。请联系总部。",
)
ENROLL_LABEL_TAKEN = declare(
    "enroll.label_taken",
    en="Another counter of this store already has this counter's number ({label}).",
    zh="本店已有其他柜台使用此柜台编号（{label}）。",
)
ENROLL_STORE_MISMATCH = declare(
    "enroll.store_mismatch",
    en=(
        "This code is for another store: the central system's store code is {store}, "
        "not this counter's. Ask head office for a code for this counter's store, or "
        "set the counter up again with store code {store}."
    ),
    zh=(
        "此登记码属于另一家门店：总部系统的门店编号是 {store}，与本柜台不同。请向总部索"
        "取本柜台门店的登记码，或用门店编号 {store} 重新设置本柜台。"
    ),
)
ENROLL_TOO_MANY_ATTEMPTS = declare(
    "enroll.too_many_attempts",
    en="Too many enrollment attempts. Wait a minute, then try again.",
    zh="登记尝试过多。请稍等一分钟再试。",
)
OP_BAD_PAYLOAD = declare(
    "op.bad_payload",
    en="The operation is incomplete or malformed.",
    zh="操作内容不完整或格式错误。",
)
OP_HASH_MISMATCH = declare(
    "op.hash_mismatch",
    en="The operation arrived damaged (its fingerprint does not match).",
    zh="操作在传输中损坏（指纹不符）。",
)
OP_ID_REUSED = declare(
    "op.id_reused",
    en="Another operation with the same id already reached the central system.",
    zh="总部已收到另一条相同编号的操作。",
)
OP_SEQ_TAKEN = declare(
    "op.seq_taken",
    en="The central system already holds a different operation with this number.",
    zh="总部已有另一条使用此序号的操作。",
)
OP_UNKNOWN_TYPE = declare(
    "op.unknown_type",
    en="The central system does not know this kind of operation.",
    zh="总部系统不认识这种操作。",
)
OP_UNSUPPORTED_VERSION = declare(
    "op.unsupported_version",
    en="The central system does not support this version of the operation.",
    zh="总部系统不支持此版本的操作。",
)
OP_WRONG_DEVICE = declare(
    "op.wrong_device",
    en="The operation names another device.",
    zh="操作所写的是另一台设备。",
)
OP_WRONG_STORE = declare(
    "op.wrong_store",
    en="The operation names a store this counter does not belong to.",
    zh="操作所写的门店不是本柜台所属门店。",
)
PUSH_RETRY_LATER = declare(
    "push.retry_later",
    en="The central system is busy. Sync will try again by itself.",
    zh="总部系统繁忙，同步会自动重试。",
)
REFERENCE_BAD_KIND = declare(
    "reference.bad_kind",
    en="Unknown kind of reference data: {kind}.",
    zh="未知的参考数据类型：{kind}。",
)
REFERENCE_FLOAT = declare(
    "reference.float",
    en="Amounts and points are whole numbers (fen, points): a decimal number was refused.",
    zh="金额和积分须为整数（分、积分）：含小数的数值被拒绝。",
)
REFERENCE_MISSING_KEY = declare(
    "reference.missing_key",
    en="Each item needs the field {field}.",
    zh="每一项都须有字段 {field}。",
)
REFERENCE_NOT_YOURS = declare(
    "reference.not_yours",
    en="Only the store that made it may change this; head office's are changed at the centre.",
    zh="只有创建它的门店可以修改；总部的资料请在总部修改。",
)
REQUEST_INVALID = declare(
    "request.invalid",
    en="The request was not understood: a field is missing or malformed.",
    zh="无法理解该请求：有字段缺失或格式不对。",
)
REQUEST_TOO_LARGE = declare(
    "request.too_large",
    en="The central system refused a request as too large. Sync will send less.",
    zh="总部系统拒绝了过大的请求。同步将分批发送。",
)
SYNC_ALREADY_ENROLLED = declare(
    "sync.already_enrolled",
    en="This counter is already enrolled with the central system.",
    zh="本柜台已登记到总部系统。",
)
SYNC_BAD_CODE_FORMAT = declare(
    "sync.bad_code_format",
    en="Enter the one-time code you were given, e.g. ABCD-EFGH-JKLM.",
    zh="请输入收到的一次性登记码，例如 ABCD-EFGH-JKLM。",
)
SYNC_BAD_SIGNATURE = declare(
    "sync.bad_signature",
    en=(
        "The change is not signed by the central system this counter enrolled with; it "
        "was not applied. Tell the administrator."
    ),
    zh="此变更没有本收银台注册的总部系统的签名，未应用。请告知管理员。",
)
SYNC_BAD_URL = declare(
    "sync.bad_url",
    en="Enter the central system's address, starting with http:// or https://.",
    zh="请输入总部系统地址，以 http:// 或 https:// 开头。",
)
SYNC_CONFLICT_RESOLVED = declare(
    "sync.conflict_resolved",
    en="This conflict is already resolved.",
    zh="这条冲突已处理。",
)
SYNC_CONFLICT_UNKNOWN = declare(
    "sync.conflict_unknown",
    en="This conflict is not known here.",
    zh="本柜台不知道这条冲突。",
)
SYNC_FAILED = declare(
    "sync.failed",
    en="Sync did not finish; it will try again by itself.",
    zh="同步未完成，将自动重试。",
)
SYNC_INSECURE_URL = declare(
    "sync.insecure_url",
    en=(
        "The central system's address must start with https://. Plain http:// is only "
        "for this machine, or for tests with the --insecure option."
    ),
    zh=(
        "总部系统的地址必须以 https:// 开头。明文 http:// 只能用于本机，或测试时加 --in"
        "secure 选项。"
    ),
)
SYNC_NOT_ENROLLED = declare(
    "sync.not_enrolled",
    en="This counter is not enrolled with the central system yet.",
    zh="本柜台尚未登记到总部系统。",
)
SYNC_OFFLINE = declare(
    "sync.offline",
    en="The central system cannot be reached. Everything is kept and sent when it answers.",
    zh="无法连接总部系统。所有记录均已保存，连通后发送。",
)
SYNC_PIN_MISMATCH = declare(
    "sync.pin_mismatch",
    en=(
        "The central system presented a different certificate key than at enrollment, "
        "so nothing was sent. Tell the administrator: this may be an impostor."
    ),
    zh=(
        "总部系统出示的证书密钥与注册时不同，因此没有发送任何数据。请告知管理员：对方可能是冒充者。"
    ),
)
SYNC_PROTOCOL = declare(
    "sync.protocol",
    en="The central system's answer was not understood. This counter may need an update.",
    zh="无法识别总部系统的回复，本柜台可能需要更新。",
)
SYNC_QUARANTINED = declare(
    "sync.quarantined",
    en=(
        "Some changes from the central system could not be applied here; they are "
        "listed below. Everything else was synced."
    ),
    zh="中心系统的部分变更无法在本柜台应用，已列在下方；其余内容均已同步。",
)
SYNC_SERVER_ERROR = declare(
    "sync.server_error",
    en="The central system had a problem. Sync will try again by itself.",
    zh="总部系统出现问题，同步会自动重试。",
)
SYNC_STALLED = declare(
    "sync.stalled",
    en="Sync could not make progress; it will try again. Tell the administrator if it stays.",
    zh="同步无法推进，将自动重试。如持续出现请告知管理员。",
)
SYNC_TLS_UNTRUSTED = declare(
    "sync.tls_untrusted",
    en=(
        "The central system's certificate is not trusted by this counter, so nothing "
        "was sent. Tell the administrator."
    ),
    zh="本收银台不信任总部系统的证书，因此没有发送任何数据。请告知管理员。",
)
