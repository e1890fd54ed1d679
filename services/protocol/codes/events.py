"""Error codes: events, sign-ins, lucky draws and registrations."""

from services.protocol.codes.registry import declare

DRAW_BAD_COUNT = declare(
    "draw.bad_count",
    en="A round has 1 to {most} winners.",
    zh="每轮中奖人数为 1 至 {most} 人。",
)
DRAW_NO_ENTRANTS = declare(
    "draw.no_entrants",
    en="Nobody is left to draw: no one signed in who has not won.",
    zh="没有可抽奖的人：已签到的来宾都已中奖。",
)
DRAW_NOT_FOUND = declare(
    "draw.not_found",
    en="This draw does not exist.",
    zh="该抽奖记录不存在。",
)
DRAW_PRIZE_EMPTY = declare(
    "draw.prize_empty",
    en="Name the prize.",
    zh="请输入奖品名称。",
)
DRAW_PRIZE_TOO_LONG = declare(
    "draw.prize_too_long",
    en="The prize's name is too long (at most 60 characters).",
    zh="奖品名称太长（最多 60 个字符）。",
)
DRAW_TOO_MANY = declare(
    "draw.too_many",
    en="Only {entrants} people are in the draw.",
    zh="本轮只有 {entrants} 人参与抽奖。",
)
EVENT_ALREADY_REGISTERED = declare(
    "event.already_registered",
    en="{name} is already registered for this event.",
    zh="{name} 已报名本活动。",
)
EVENT_ALREADY_UNDONE = declare(
    "event.already_undone",
    en="This sign-in was already undone.",
    zh="该签到已被撤销。",
)
EVENT_BAD_CODE = declare(
    "event.bad_code",
    en="Give the event a code of 1 to 64 characters.",
    zh="请为活动设置 1 至 64 个字符的编号。",
)
EVENT_BAD_NONCE = declare(
    "event.bad_nonce",
    en="The scan could not be identified; scan again.",
    zh="无法识别本次扫码，请重新扫描。",
)
EVENT_BAD_NUMBERS = declare(
    "event.bad_numbers",
    en="Capacity must be 1 to 100,000 and points 0 to 100,000.",
    zh="人数上限须为 1 至 100,000，积分须为 0 至 100,000。",
)
EVENT_BAD_SIGNIN_WINDOW = declare(
    "event.bad_signin_window",
    en="Sign-in must close after it opens.",
    zh="签到结束时间必须晚于开始时间。",
)
EVENT_BAD_TICKET = declare(
    "event.bad_ticket",
    en="This ticket code is damaged or mistyped.",
    zh="入场券码已损坏或输入有误。",
)
EVENT_BAD_WINDOW = declare(
    "event.bad_window",
    en="The event must end after it starts.",
    zh="活动结束时间必须晚于开始时间。",
)
EVENT_CAPACITY_BELOW_SIGNED_IN = declare(
    "event.capacity_below_signed_in",
    en="{signed_in} people are already signed in: the capacity cannot be lower.",
    zh="已有 {signed_in} 人签到，名额不能少于此数。",
)
EVENT_CODE_TAKEN = declare(
    "event.code_taken",
    en="Another event already has the code {event_code}.",
    zh="已有活动使用编号 {event_code}。",
)
EVENT_FROM_CENTRE = declare(
    "event.from_centre",
    en="{name} is the chain's event: it is changed at the central system.",
    zh="“{name}”是总部的活动，请在中心系统修改。",
)
EVENT_GUEST_EMPTY = declare(
    "event.guest_empty",
    en="Enter the guest's name.",
    zh="请输入嘉宾姓名。",
)
EVENT_GUEST_TOO_LONG = declare(
    "event.guest_too_long",
    en="The guest's name is too long (at most 60 characters).",
    zh="嘉宾姓名太长（最多 60 个字符）。",
)
EVENT_INVITATION_ONLY = declare(
    "event.invitation_only",
    en="This event is by invitation only: no walk-ins.",
    zh="本活动仅限受邀者，不接受现场报名。",
)
EVENT_NAME_EMPTY = declare(
    "event.name.empty",
    en="Enter the event's name.",
    zh="请输入活动名称。",
)
EVENT_NAME_TOO_LONG = declare(
    "event.name.too_long",
    en="The event's name is too long (at most 60 characters).",
    zh="活动名称太长（最多 60 个字符）。",
)
EVENT_NO_REGISTRATIONS = declare(
    "event.no_registrations",
    en="Nobody is registered for this event yet.",
    zh="本活动还没有人报名。",
)
EVENT_NOT_ASSIGNED = declare(
    "event.not_assigned",
    en="You are not on this event's door staff. Ask a manager.",
    zh="您不是本活动的签到工作人员，请联系经理。",
)
EVENT_NOT_FOUND = declare(
    "event.not_found",
    en="This event does not exist.",
    zh="此活动不存在。",
)
EVENT_OVER = declare(
    "event.over",
    en="{name} is over; its details are kept as they were.",
    zh="“{name}”已结束，活动信息保持原样。",
)
EVENT_PLACE_EMPTY = declare(
    "event.place_empty",
    en="Enter where the event is.",
    zh="请输入活动地点。",
)
EVENT_PLACE_TOO_LONG = declare(
    "event.place_too_long",
    en="The place is too long (at most 60 characters).",
    zh="地点太长（最多 60 个字符）。",
)
EVENT_SIGNIN_NOT_FOUND = declare(
    "event.signin_not_found",
    en="This sign-in does not exist.",
    zh="该签到记录不存在。",
)
EVENT_TICKET_CODE_TAKEN = declare(
    "event.ticket_code_taken",
    en="Another registration at the central system already has this ticket code.",
    zh="中心系统里已有另一份报名使用这个票码。",
)
EVENT_UNKNOWN = declare(
    "event.unknown",
    en="The central system does not know this event.",
    zh="中心系统不认识这个活动。",
)
EVENT_UNKNOWN_CODE = declare(
    "event.unknown_code",
    en="This is neither a ticket nor a member card.",
    zh="这既不是入场券，也不是会员卡。",
)
REGISTRATION_BAD_ENCODING = declare(
    "registration.bad_encoding",
    en="The file is neither UTF-8 nor GB18030.",
    zh="文件既不是 UTF-8 也不是 GB18030 编码。",
)
REGISTRATION_BAD_HEADER = declare(
    "registration.bad_header",
    en="Line {line}: the first line must name the columns ({expected}).",
    zh="第 {line} 行：首行须为列名（{expected}）。",
)
REGISTRATION_BAD_MOBILE = declare(
    "registration.bad_mobile",
    en="Line {line}: {mobile} is not a mainland mobile number.",
    zh="第 {line} 行：{mobile} 不是有效的大陆手机号。",
)
REGISTRATION_BAD_ROW = declare(
    "registration.bad_row",
    en="Line {line}: {problem}.",
    zh="第 {line} 行：{problem}。",
)
REGISTRATION_CODE_CLASH = declare(
    "registration.code_clash",
    en="No free ticket code could be drawn. Import again.",
    zh="未能生成不重复的门票码，请重新导入。",
)
REGISTRATION_EMPTY = declare(
    "registration.empty",
    en="The file has no registration rows.",
    zh="文件里没有报名行。",
)
REGISTRATION_INACTIVE_MEMBER = declare(
    "registration.inactive_member",
    en="Line {line}: member {member_no} is deactivated.",
    zh="第 {line} 行：会员 {member_no} 已停用。",
)
REGISTRATION_NOT_UTF8 = declare(
    "registration.not_utf8",
    en="{file} is not a UTF-8 text file. Save it as CSV UTF-8 and import it again.",
    zh="{file} 不是 UTF-8 文本文件。请另存为 CSV UTF-8 后重新导入。",
)
REGISTRATION_TOO_BIG = declare(
    "registration.too_big",
    en="The file is too big (at most {max_kb} KB).",
    zh="文件太大（最多 {max_kb} KB）。",
)
REGISTRATION_UNKNOWN_MEMBER = declare(
    "registration.unknown_member",
    en="Line {line}: there is no member {member_no}.",
    zh="第 {line} 行：没有会员号为 {member_no} 的会员。",
)
