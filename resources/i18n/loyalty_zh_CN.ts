<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="30" />
        <source>Manager approval</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="35" />
        <source>A manager must approve: %1</source>
        <translation>此操作需经理授权：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="39" />
        <location filename="../../ui/dialogs/approval.py" line="53" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="44" />
        <source>Manager PIN</source>
        <translation>经理 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="47" />
        <location filename="../../ui/dialogs/approval.py" line="55" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="49" />
        <source>Why is this needed? It is kept in the audit log.</source>
        <translation>为什么需要此操作？原因会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="54" />
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="59" />
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="73" />
        <source>This store has no manager account.</source>
        <translation>本店没有经理账号。</translation>
    </message>
</context>
<context>
    <name>CardPrinting</name>
    <message>
        <location filename="../../ui/card_printing.py" line="19" />
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="99" />
        <source>Check-in</source>
        <translation>会员签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="105" />
        <source>Scan a member code, or type a mobile number, last 4 digits, member no. or name</source>
        <translation>扫描会员码，或输入手机号、手机号后 4 位、会员号或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="108" />
        <source>Scan or search</source>
        <translation>扫码或查找</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="109" />
        <source>New member  (Ctrl+N)</source>
        <translation>新会员  (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="110" />
        <source>Print card  (Ctrl+P)</source>
        <translation>打印会员卡  (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="111" />
        <source>Reissue card</source>
        <translation>补发会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="112" />
        <source>Camera  (F11)</source>
        <translation>摄像头扫码  (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="113" />
        <source>Several members match. Choose with ↑ ↓ and Enter:</source>
        <translation>找到多位会员，请用 ↑ ↓ 选择后按回车：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="114" />
        <source>Waiting for a scan. The scan field is always ready.</source>
        <translation>等待扫码。扫码框随时可用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="221" />
        <source>The visit was not saved: %1</source>
        <translation>到店记录未保存：%1</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="54" />
        <source>%1 · counter %2</source>
        <translation>%1 · %2 号柜台</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="59" />
        <source>Signed out</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="62" />
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="62" />
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67" />
        <source>Waiting to sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/messages.py" line="11" />
        <source>Wrong PIN. {attempts_left} attempts left before the account locks.</source>
        <translation>PIN 码错误。再错 {attempts_left} 次账号将被锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="14" />
        <source>Too many wrong PINs. This account is locked until {until}.</source>
        <translation>PIN 码错误次数过多，账号已锁定至 {until}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="17" />
        <source>Your role may not do this. Ask a manager to approve it.</source>
        <translation>您的角色无权执行此操作，请经理授权。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="20" />
        <source>Only a manager can approve this.</source>
        <translation>只有经理可以授权此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="23" />
        <source>This staff account does not exist or was deactivated.</source>
        <translation>该员工账号不存在或已停用。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26" />
        <source>Choose a role for the new account.</source>
        <translation>请为新账号选择角色。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="29" />
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="32" />
        <source>The store's last manager cannot be deactivated.</source>
        <translation>不能停用本店最后一位经理。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35" />
        <source>A PIN is made of digits only.</source>
        <translation>PIN 码只能由数字组成。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>A PIN has 4 to 6 digits.</source>
        <translation>PIN 码为 4 至 6 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37" />
        <source>This PIN is too easy to guess (repeated or consecutive digits).</source>
        <translation>此 PIN 码太容易被猜到（重复或连续数字）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40" />
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43" />
        <source>Enter a name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44" />
        <location filename="../../ui/messages.py" line="112" />
        <source>The name is too long (at most 60 characters).</source>
        <translation>名称过长（最多 60 个字符）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47" />
        <source>Enter the store's name.</source>
        <translation>请输入门店名称。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="48" />
        <source>The store's name is too long (at most 60 characters).</source>
        <translation>门店名称过长（最多 60 个字符）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51" />
        <source>A store code has 2 to 16 letters, digits or dashes, e.g. SH-001.</source>
        <translation>门店编号为 2 至 16 位字母、数字或短横线，例如 SH-001。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="54" />
        <source>Unknown time zone.</source>
        <translation>未知的时区。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55" />
        <source>Give a reason; it is kept in the audit log.</source>
        <translation>请填写原因，原因会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="58" />
        <source>Choose a value from {low} to {high}.</source>
        <translation>请选择 {low} 至 {high} 之间的值。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61" />
        <source>This value is not allowed here.</source>
        <translation>此处不允许该值。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64" />
        <source>This counter is already set up.</source>
        <translation>此柜台已完成设置。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="67" />
        <source>This counter has not been set up yet.</source>
        <translation>此柜台尚未设置。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="70" />
        <source>The disk is full. Nothing was saved; free some space and try again.</source>
        <translation>磁盘已满，未保存任何内容。请释放空间后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="73" />
        <source>The data folder cannot be written. Nothing was saved; check its permissions.</source>
        <translation>数据文件夹无法写入，未保存任何内容。请检查文件夹权限。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="76" />
        <source>The disk could not be read or written. Nothing was saved; check the disk.</source>
        <translation>无法读写磁盘，未保存任何内容。请检查磁盘。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="79" />
        <source>This approval is not valid for this action. Ask the manager again.</source>
        <translation>此授权对该操作无效，请重新请经理授权。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="82" />
        <source>This approval was already used. Each approval covers one action.</source>
        <translation>此授权已使用过。每次授权只对一个操作有效。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85" />
        <source>This is not a member code of ours. Scan again, or type the mobile number.</source>
        <translation>这不是本系统的会员码。请重新扫码，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="88" />
        <source>This code has been altered or forged. It was refused; nothing was recorded.</source>
        <translation>此码已被篡改或伪造，已拒绝，未做任何记录。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="91" />
        <source>This code was signed by a key this counter does not trust. Nothing was recorded.</source>
        <translation>此码的签名密钥不受本柜台信任，未做任何记录。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="95" />
        <source>This code comes from a newer version of the system. Update this counter.</source>
        <translation>此码来自更新版本的系统，请升级本柜台。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="98" />
        <source>This card of {name} was replaced by a newer one. Ask for the new card.</source>
        <translation>{name} 的这张卡已被新卡取代，请出示新卡。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="101" />
        <source>The membership of {name} is deactivated.</source>
        <translation>{name} 的会员资格已停用。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="104" />
        <source>No member found.</source>
        <translation>未找到会员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="105" />
        <source>A mobile number has 11 digits and starts with 1.</source>
        <translation>手机号为以 1 开头的 11 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108" />
        <source>Another member already has this mobile number.</source>
        <translation>该手机号已被其他会员使用。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="111" />
        <source>Enter the member's name.</source>
        <translation>请输入会员姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="115" />
        <source>Choose a birth month.</source>
        <translation>请选择出生月份。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="116" />
        <source>This day does not exist in that month.</source>
        <translation>该月份没有这一天。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="119" />
        <source>The birth year is not plausible.</source>
        <translation>出生年份不合理。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="122" />
        <source>Nothing was scanned. Scan the member's code or type a mobile number.</source>
        <translation>没有扫到内容。请扫描会员码或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="125" />
        <source>That was far too long for a member code. It was ignored.</source>
        <translation>内容过长，不是会员码，已忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="128" />
        <source>Type the amount in yuan, e.g. 128 or 1234.56 (more than 0, at most 1,000,000).</source>
        <translation>请输入金额（元），例如 128 或 1234.56（大于 0，最多 1,000,000）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="132" />
        <source>A category amount must be a yuan amount no larger than the purchase.</source>
        <translation>品类金额须为不超过消费总额的元金额。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="135" />
        <source>Type the receipt number from the till (letters and digits).</source>
        <translation>请输入收银小票号（字母和数字）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="138" />
        <source>Receipt {receipt} already earned {points} points for {name} at {at}. Nothing was added.</source>
        <translation>小票 {receipt} 已于 {at} 为 {name} 积 {points} 分，本次未重复积分。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="143" />
        <source>No purchase with receipt {receipt} at this store.</source>
        <translation>本店没有小票号为 {receipt} 的消费。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="146" />
        <source>The refund must be more than 0 and at most what is left to refund.</source>
        <translation>退款金额须大于 0，且不超过剩余可退金额。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="149" />
        <source>Not enough points: the balance is {balance}.</source>
        <translation>积分不足：当前余额为 {balance}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="152" />
        <source>Points are used as cash in steps of 100 (100 points = 1 yuan).</source>
        <translation>积分抵现须以 100 为单位（100 积分 = 1 元）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="155" />
        <source>That is more points than the amount to pay.</source>
        <translation>抵现积分超过了应付金额。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="158" />
        <source>Type a number of points to add (+) or take away (−).</source>
        <translation>请输入要增加（+）或扣减（−）的积分数。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="161" />
        <source>The database is busy. Nothing was saved; try again in a moment.</source>
        <translation>数据库正忙，未保存任何内容。请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="164" />
        <source>The database file is damaged. Restore it from a backup.</source>
        <translation>数据库文件已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="167" />
        <source>The data folder cannot be created: {path}</source>
        <translation>无法创建数据文件夹：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="170" />
        <source>The database cannot be opened: {detail}</source>
        <translation>无法打开数据库：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="173" />
        <source>Saving failed; nothing was changed. ({detail})</source>
        <translation>保存失败，未做任何更改。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="181" />
        <source>Something went wrong; nothing was changed. ({detail})</source>
        <translation>出现错误，未做任何更改。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="186" />
        <source>The request was refused ({code}).</source>
        <translation>请求被拒绝（{code}）。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="36" />
        <source>Set up this counter</source>
        <translation>设置此柜台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="42" />
        <source>Welcome. Name the store this counter serves and create the first manager account. The manager can add cashiers and event staff later.</source>
        <translation>欢迎使用。请填写此柜台所属门店，并创建第一个经理账号。经理之后可以添加收银员和活动工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="48" />
        <source>e.g. 静安寺旗舰店</source>
        <translation>例如：静安寺旗舰店</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="49" />
        <source>e.g. SH-001, given by head office</source>
        <translation>例如 SH-001，由总部提供</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="50" />
        <source>e.g. 1</source>
        <translation>例如 1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="56" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="62" />
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="63" />
        <source>Store code</source>
        <translation>门店编号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="64" />
        <source>Counter number</source>
        <translation>柜台号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="65" />
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="66" />
        <source>Manager's name</source>
        <translation>经理姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="67" />
        <source>Manager's PIN</source>
        <translation>经理 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="68" />
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="72" />
        <source>Set up</source>
        <translation>完成设置</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="142" />
        <source>Loyalty Counter — %1</source>
        <translation>会员积分柜台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144" />
        <source>Loyalty Counter</source>
        <translation>会员积分柜台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147" />
        <source>Lock screen  (%1)</source>
        <translation>锁定屏幕  (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148" />
        <source>Switch user  (%1)</source>
        <translation>切换用户  (%1)</translation>
    </message>
</context>
<context>
    <name>MemberCardPanel</name>
    <message>
        <location filename="../../ui/member_card.py" line="84" />
        <source>Member name</source>
        <translation>会员姓名</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="90" />
        <source>Points balance</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="96" />
        <source>%1 points expire on %2</source>
        <translation>%1 积分将于 %2 过期</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="101" />
        <source>No points expire in the next 60 days</source>
        <translation>未来 60 天内没有积分过期</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="102" />
        <source>🎂 Birthday month</source>
        <translation>🎂 生日月</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="104" />
        <source>⚠ No purchase for 90 days</source>
        <translation>⚠ 90 天未消费</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="107" />
        <source>Coupons: %1</source>
        <translation>优惠券：%1</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="109" />
        <source>No coupons to use</source>
        <translation>暂无可用优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="111" />
        <source>Earlier visits</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="116" />
        <source>First visit — welcome!</source>
        <translation>首次到店，欢迎光临！</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="123" />
        <source> · counter %1</source>
        <translation> · %1 号柜台</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="33" />
        <source>Edit member</source>
        <translation>编辑会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="33" />
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="38" />
        <location filename="../../ui/dialogs/member_form.py" line="55" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="39" />
        <source>Mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="40" />
        <source>11 digits, e.g. 13800138000</source>
        <translation>11 位数字，例如 13800138000</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="41" />
        <source>Birth month</source>
        <translation>出生月</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="42" />
        <source>Birth day</source>
        <translation>出生日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="45" />
        <source>Birth year (optional)</source>
        <translation>出生年（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="46" />
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="47" />
        <source>Agrees to receive offers</source>
        <translation>同意接收优惠信息</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="49" />
        <location filename="../../ui/dialogs/member_form.py" line="59" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="56" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="57" />
        <source>Birthday (month, day, year)</source>
        <translation>生日（月、日、年）</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <location filename="../../ui/member_model.py" line="79" />
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="80" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="81" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="82" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="83" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <location filename="../../ui/pages/members_page.py" line="71" />
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="76" />
        <source>Search: mobile, last 4 digits, member number, name — or scan a card</source>
        <translation>查找：手机号、后 4 位、会员号、姓名，或扫描会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="78" />
        <source>Search members</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="79" />
        <source>New member…</source>
        <translation>新会员…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="80" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="81" />
        <source>Print card</source>
        <translation>打印会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="82" />
        <source>Deactivate…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="113" />
        <source>Choose a member in the list first.</source>
        <translation>请先在列表中选择一位会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="140" />
        <source>Deactivate member</source>
        <translation>停用会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="141" />
        <source>Why is the membership of %1 deactivated?</source>
        <translation>为什么停用 %1 的会员资格？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="146" />
        <source>deactivate a member</source>
        <translation>停用会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="156" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>PinForm</name>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="33" />
        <location filename="../../ui/dialogs/staff_form.py" line="40" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="37" />
        <location filename="../../ui/dialogs/staff_form.py" line="41" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="43" />
        <location filename="../../ui/dialogs/staff_form.py" line="46" />
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="45" />
        <source>New PIN again</source>
        <translation>再次输入新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="47" />
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
</context>
<context>
    <name>PlannedPages</name>
    <message>
        <location filename="../../ui/pages/planned.py" line="14" />
        <source>Gifts</source>
        <translation>礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="15" />
        <source>The gift catalog, the store's stock, and gifts redeemed for points.</source>
        <translation>礼品目录、门店库存和积分兑换礼品。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="19" />
        <source>A catalog filtered by what the member can afford</source>
        <translation>按会员积分可兑换范围筛选礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="22" />
        <source>Stock received, redeemed, counted and transferred, with low-stock alerts</source>
        <translation>入库、兑换、盘点和调拨记录，低库存提醒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="26" />
        <source>Redeem a gift: points and stock change together or not at all</source>
        <translation>兑换礼品：积分与库存同时变动，绝不只动其一</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="35" />
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="36" />
        <source>Sign attendees in at the door by QR, with or without a network.</source>
        <translation>在活动入口扫码签到，有网无网均可。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="40" />
        <source>Large, coloured answers: admitted, already signed in, full, wrong tier</source>
        <translation>醒目的彩色结果：准入、已签到、已满员、等级不符</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="44" />
        <source>Capacity, invitations, walk-ins, and attendance points once per member</source>
        <translation>名额、邀请、现场报名，每位会员出席积分仅发一次</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="48" />
        <source>A lucky draw among those signed in, and attendee lists to export</source>
        <translation>在已签到者中抽奖，导出出席名单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="57" />
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="58" />
        <source>Issue, print, validate and redeem coupons that cannot be forged.</source>
        <translation>发放、打印、验证和核销无法伪造的优惠券。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="62" />
        <source>Coupons for points, birthdays, win-back and events, each with a signed QR</source>
        <translation>积分兑换券、生日券、召回券和活动券，均带签名二维码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="66" />
        <source>Print on receipt paper or A4 sheets</source>
        <translation>可打印在小票纸或 A4 纸上</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="67" />
        <source>A coupon used twice is caught, even across offline counters</source>
        <translation>重复使用的优惠券会被发现，即使发生在不同的离线柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="76" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="77" />
        <source>How the programme is doing at this store, and what to act on.</source>
        <translation>本店会员计划的运行情况，以及需要跟进的事项。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="81" />
        <source>The day's close per staff member, on screen and printed</source>
        <translation>按员工统计的日结，可查看也可打印</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="84" />
        <source>Repurchase rate, active members, points liability, NPS</source>
        <translation>复购率、活跃会员、积分负债、NPS</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="87" />
        <source>Members at risk, with a one-click win-back coupon</source>
        <translation>流失风险会员，一键发放召回券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/planned.py" line="132" />
        <source>Not yet available on this counter. It will:</source>
        <translation>此功能尚未在本柜台开放。它将：</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <location filename="../../ui/pages/points_page.py" line="173" />
        <location filename="../../ui/pages/points_page.py" line="202" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="178" />
        <source>Earn</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="178" />
        <location filename="../../ui/pages/points_page.py" line="219" />
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="178" />
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="178" />
        <source>History</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="181" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="184" />
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="185" />
        <location filename="../../ui/pages/points_page.py" line="189" />
        <location filename="../../ui/pages/points_page.py" line="192" />
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="186" />
        <source>e.g. 1234.56</source>
        <translation>例如 1234.56</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="187" />
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="188" />
        <source>From the till receipt; Enter confirms</source>
        <translation>收银小票上的号码；回车确认</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="190" />
        <source> points</source>
        <translation> 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="191" />
        <source>Confirm and award points  (Enter)</source>
        <translation>确认积分  (回车)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="193" />
        <source>Refund amount (yuan)</source>
        <translation>退款金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="194" />
        <source>Record refund</source>
        <translation>登记退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="195" />
        <source>Points (+ or −)</source>
        <translation>积分（+ 或 −）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="196" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="197" />
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="200" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="201" />
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="203" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="204" />
        <source>Who and where</source>
        <translation>经办人与地点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="210" />
        <source>of which electronics (yuan)</source>
        <translation>其中电子产品（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="215" />
        <source>Earned</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="216" />
        <source>Redeemed</source>
        <translation>积分使用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="217" />
        <source>Expired</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="218" />
        <source>Adjusted</source>
        <translation>人工调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="220" />
        <source>Visit bonus</source>
        <translation>签到奖励</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="221" />
        <source>Event bonus</source>
        <translation>活动奖励</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="227" />
        <source>purchase</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="228" />
        <source>points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="229" />
        <source>refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="230" />
        <source>refund: points used as cash returned</source>
        <translation>退货：退还抵现积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="231" />
        <source>points expired</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="232" />
        <source>daily visit bonus</source>
        <translation>每日签到奖励</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="261" />
        <source>Scan a member on Check-in (F1) first.</source>
        <translation>请先在会员签到（F1）扫描会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="265" />
        <source>%1 · %2 · balance %3 points</source>
        <translation>%1 · %2 · 积分余额 %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="310" />
        <source>Amount: %1 yuan</source>
        <translation>消费金额：%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="311" />
        <source>Member discount (%1): −%2 yuan</source>
        <translation>会员折扣（%1）：−%2 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="317" />
        <source>Points as cash: −%1 yuan (%2 points)</source>
        <translation>积分抵现：−%1 元（%2 积分）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="321" />
        <source>To pay: %1 yuan</source>
        <translation>应付：%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="328" />
        <source>Points earned: %1  (%2)</source>
        <translation>本次积分：%1  （%2）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="333" />
        <source>🎂 Birthday month</source>
        <translation>🎂 生日月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="361" />
        <source>Receipt %1: %2 points earned.</source>
        <translation>小票 %1：获得 %2 积分。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="364" />
        <source>New balance: %1 points</source>
        <translation>积分余额：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="370" />
        <source>%1 points expire first, at the end of %2</source>
        <translation>最早过期：%1 积分，于 %2 到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="375" />
        <source>⬆ Upgraded to %1!</source>
        <translation>⬆ 升级为%1会员！</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="406" />
        <source>Refund of %1 yuan recorded: %2 points taken back, %3 returned. Balance %4.</source>
        <translation>已登记退货 %1 元：扣回 %2 积分，退还 %3 积分。余额 %4。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="414" />
        <source>⚠ The balance is below zero; a manager has been flagged.</source>
        <translation>⚠ 积分余额已为负数，已提示经理处理。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="427" />
        <source>adjust points</source>
        <translation>调整积分</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/labels.py" line="8" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="9" />
        <source>Event staff</source>
        <translation>活动工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="10" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="133" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="137" />
        <source>This counter</source>
        <translation>本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="138" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="141" />
        <location filename="../../ui/pages/settings_page.py" line="145" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="142" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="143" />
        <source>Lock the screen after minutes without use</source>
        <translation>无操作多少分钟后锁定屏幕</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="144" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="146" />
        <source>Lock the screen after</source>
        <translation>无操作锁屏时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="147" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="149" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="149" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="149" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="151" />
        <source>Add staff…</source>
        <translation>添加员工…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="152" />
        <source>Reset PIN…</source>
        <translation>重置 PIN 码…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="153" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="154" />
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="155" />
        <source>Change my PIN…</source>
        <translation>修改我的 PIN 码…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="156" />
        <source>About this counter</source>
        <translation>关于本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="158" />
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="159" />
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="160" />
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="161" />
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="162" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="191" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="191" />
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="200" />
        <source>Choose a person in the list first.</source>
        <translation>请先在列表中选择一个人。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="212" />
        <source>change the screen lock time</source>
        <translation>修改锁屏时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="229" />
        <source>Add staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="233" />
        <source>add a staff account</source>
        <translation>添加员工账号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="248" />
        <source>New PIN for %1</source>
        <translation>为 %1 设置新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="252" />
        <source>reset a PIN</source>
        <translation>重置 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="264" />
        <source>Change my PIN</source>
        <translation>修改我的 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="271" />
        <source>unlock an account</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="274" />
        <source>deactivate an account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="301" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../../ui/sign_in.py" line="84" />
        <source>Screen locked. Type your PIN, or choose another person.</source>
        <translation>屏幕已锁定。请输入您的 PIN 码，或选择其他人员。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="86" />
        <source>Who is at the counter?</source>
        <translation>请问谁在值班？</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="88" />
        <source>Choose your name with ↑ ↓, then type your PIN and press Enter.</source>
        <translation>用 ↑ ↓ 选择您的姓名，输入 PIN 码后按回车。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="89" />
        <source>&amp;PIN</source>
        <translation>PIN 码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="90" />
        <source>4 to 6 digits</source>
        <translation>4 至 6 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="91" />
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="92" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="93" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="134" />
        <source>Choose who you are first.</source>
        <translation>请先选择您的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="138" />
        <source>Type your PIN.</source>
        <translation>请输入 PIN 码。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="32" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="38" />
        <source>This counter is not enrolled with the central system yet, so it works offline. Everything it records is kept, in order, for the first sync.</source>
        <translation>本柜台尚未接入总部系统，目前离线运行。所有记录都会按顺序保存，待首次同步时上传。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="43" />
        <source>Operations waiting to sync: %1</source>
        <translation>待同步操作：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="46" />
        <source>Enrollment with a one-time code, sending operations exactly once, pulling members, rules and catalog, and a conflict list for managers arrive with the sync feature.</source>
        <translation>同步功能上线后将提供：一次性接入码注册、操作恰好上传一次、拉取会员、规则和礼品目录，以及供经理处理的冲突列表。</translation>
    </message>
</context>
<context>
    <name>Tiers</name>
    <message>
        <location filename="../../ui/labels.py" line="17" />
        <source>Bronze</source>
        <translation>青铜</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18" />
        <source>Silver</source>
        <translation>白银</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19" />
        <source>Gold</source>
        <translation>黄金</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20" />
        <source>Platinum</source>
        <translation>铂金</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/printing.py" line="45" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="58" />
        <source>The PDF is ready: %1</source>
        <translation>PDF 已生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="59" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="60" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
</TS>