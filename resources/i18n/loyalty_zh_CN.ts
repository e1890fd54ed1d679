<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about.py" line="24" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="34" />
        <source>Loyalty Counter</source>
        <translation>会员积分柜台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="36" />
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="38" />
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="51" />
        <source>Library</source>
        <translation>组件库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="51" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="51" />
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="62" />
        <source>Qt for Python (PySide6) is used under the LGPL 3.0: its libraries ship as separate files that can be replaced. Each library keeps its own licence.</source>
        <translation>Qt for Python（PySide6）依 LGPL 3.0 使用：其库以可替换的独立文件随附。各组件库保留其各自的许可证。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="73" />
        <source>Libraries this program ships with:</source>
        <translation>本程序随附的组件库：</translation>
    </message>
</context>
<context>
    <name>AdjustTab</name>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="129" />
        <source>Points (+ or −)</source>
        <translation>积分（+ 或 −）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="130" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="131" />
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="148" />
        <source>adjust points</source>
        <translation>调整积分</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="28" />
        <source>Manager approval</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="33" />
        <source>A manager must approve: %1</source>
        <translation>此操作需经理授权：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="37" />
        <location filename="../../ui/dialogs/approval.py" line="51" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="42" />
        <source>Manager PIN</source>
        <translation>经理 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="45" />
        <location filename="../../ui/dialogs/approval.py" line="53" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="47" />
        <source>Why is this needed? It is kept in the audit log.</source>
        <translation>为什么需要此操作？原因会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="52" />
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="57" />
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/approval.py" line="71" />
        <source>This store has no manager account.</source>
        <translation>本店没有经理账号。</translation>
    </message>
</context>
<context>
    <name>AtRiskTab</name>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="79" />
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="80" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="81" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="82" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="83" />
        <source>Last purchase</source>
        <translation>最近消费</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="84" />
        <source>Spend, last 6 months (yuan)</source>
        <translation>近 6 个月消费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="85" />
        <source>Spend, 6 months before (yuan)</source>
        <translation>此前 6 个月消费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="90" />
        <source>Give the chosen a win-back coupon…</source>
        <translation>为选中会员发放回归券…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="91" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="96" />
        <source>Champions</source>
        <translation>核心会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="97" />
        <source>Loyal</source>
        <translation>忠诚会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="98" />
        <source>Big spenders</source>
        <translation>高消费会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="99" />
        <source>New or occasional</source>
        <translation>新客或偶尔到店</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="100" />
        <source>Slipping champions</source>
        <translation>流失中的核心会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="101" />
        <source>Slipping</source>
        <translation>流失中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="102" />
        <source>Cannot lose them</source>
        <translation>重要挽留</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="103" />
        <source>Dormant</source>
        <translation>沉睡会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="132" />
        <source>Segments: %1</source>
        <translation>分群：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="159" />
        <source>Choose members in the list first.</source>
        <translation>请先在列表中选择会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="162" />
        <source>give win-back coupons</source>
        <translation>发放回归券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_at_risk.py" line="177" />
        <source>Win-back coupons given: %1 (members not yet six months quiet, or who already have one, are skipped).</source>
        <translation>已发放回归券：%1 张（未满六个月未消费或已领取过的会员已跳过）。</translation>
    </message>
</context>
<context>
    <name>AttendeesTab</name>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="77" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="78" />
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="79" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="80" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="81" />
        <source>Signed in at</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="82" />
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="83" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="88" />
        <source>Invite a member…</source>
        <translation>邀请会员…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="89" />
        <source>Add a guest…</source>
        <translation>添加嘉宾…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="90" />
        <source>Print tickets</source>
        <translation>打印入场券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="91" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="92" />
        <source>Attendance report (PDF)</source>
        <translation>出席报告（PDF）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="102" />
        <source>Walk-in</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="102" />
        <source>Invitation</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="116" />
        <source>Registered %1 · signed in %2 (walk-ins %3) · not come %4 · points given %5</source>
        <translation>已报名 %1 · 已签到 %2（现场报名 %3）· 未到 %4 · 发放积分 %5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="152" />
        <source>Invite a member</source>
        <translation>邀请会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="152" />
        <source>Member no. or mobile number:</source>
        <translation>会员号或手机号：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="178" />
        <source>Registered: %1</source>
        <translation>已报名：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="212" />
        <source>Tickets</source>
        <translation>入场券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="226" />
        <source>Show this code at the door. It is yours alone.</source>
        <translation>入场时出示此码，仅限本人使用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="234" />
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="244" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="258" />
        <source>Attendance report</source>
        <translation>出席报告</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="268" />
        <source>Attendance: %1</source>
        <translation>出席情况：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="271" />
        <source>Registered</source>
        <translation>已报名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="272" />
        <source>Signed in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="273" />
        <source>Walk-ins</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="274" />
        <source>Not come</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_attendees.py" line="275" />
        <source>Points given</source>
        <translation>发放积分</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <location filename="../../ui/backup_box.py" line="42" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_box.py" line="43" />
        <source>Keep daily backups for</source>
        <translation>每日备份保留</translation>
    </message>
    <message>
        <location filename="../../ui/backup_box.py" line="44" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/backup_box.py" line="45" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/backup_box.py" line="46" />
        <source>Backups…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_box.py" line="55" />
        <source>change how long backups are kept</source>
        <translation>更改备份保留天数</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="35" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="43" />
        <source>The counter's database is damaged. Choose a backup to put in its place (the newest is at the top); the damaged file is kept.</source>
        <translation>柜台数据库已损坏。请选择一个备份来替换它（最新的在最上面）；损坏的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="47" />
        <source>A backup is made every day and kept for the days set in Settings.</source>
        <translation>每天自动备份一次，保留天数可在“设置”中设定。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="57" />
        <source>Made</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="57" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="57" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="57" />
        <source>Operations</source>
        <translation>操作数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="62" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="66" />
        <source>Restore the chosen backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="81" />
        <source>before an update</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="83" />
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="84" />
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="85" />
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="126" />
        <source>Choose a backup in the list.</source>
        <translation>请在列表中选择一个备份。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="138" />
        <source>The backup is in place. Start the counter again.</source>
        <translation>备份已恢复。请重新启动柜台程序。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="152" />
        <source>%1 operations recorded after this backup have not reached the central system and will be lost. Restore anyway?</source>
        <translation>此备份之后记录的 %1 项操作尚未送达总部系统，恢复后将丢失。仍要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="162" />
        <source>restore a backup</source>
        <translation>恢复备份</translation>
    </message>
</context>
<context>
    <name>CardPrinting</name>
    <message>
        <location filename="../../ui/card_printing.py" line="20" />
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="72" />
        <location filename="../../ui/pages/checkin_page.py" line="119" />
        <source>Check-in</source>
        <translation>会员签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="125" />
        <source>Scan a member code, or type a mobile number, last 4 digits, member no. or name</source>
        <translation>扫描会员码，或输入手机号、手机号后 4 位、会员号或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="128" />
        <source>Scan or search</source>
        <translation>扫码或查找</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="129" />
        <source>New member  (Ctrl+N)</source>
        <translation>新会员  (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="130" />
        <source>Print card  (Ctrl+P)</source>
        <translation>打印会员卡  (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="131" />
        <source>Reissue card</source>
        <translation>补发会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="132" />
        <source>Camera  (F11)</source>
        <translation>摄像头扫码  (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="133" />
        <source>Several members match. Choose with ↑ ↓ and Enter:</source>
        <translation>找到多位会员，请用 ↑ ↓ 选择后按回车：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="134" />
        <source>Waiting for a scan. The scan field is always ready.</source>
        <translation>等待扫码。扫码框随时可用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="137" />
        <source>Only the first %1 are listed; more members match. Type more digits: the whole mobile number or the member number.</source>
        <translation>只列出前 %1 位，还有更多会员符合。请多输入几位：完整手机号或会员号。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="263" />
        <source>The visit was not saved: %1</source>
        <translation>到店记录未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="337" />
        <source>Birthday coupon: %1  (Ctrl+B)</source>
        <translation>生日券：%1（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checkin_page.py" line="354" />
        <source>Birthday coupon given: %1</source>
        <translation>生日券已发放：%1</translation>
    </message>
</context>
<context>
    <name>ColumnsBox</name>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="37" />
        <source>Column names in the POS export</source>
        <translation>收银机导出文件的列名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="39" />
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="40" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="41" />
        <source>Sale or refund</source>
        <translation>销售或退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="42" />
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="46" />
        <location filename="../../ui/pages/report_columns.py" line="47" />
        <source>(optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="48" />
        <source>Save columns</source>
        <translation>保存列名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="61" />
        <source>change the POS export's column names</source>
        <translation>修改收银机导出文件的列名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_columns.py" line="77" />
        <source>The column names are saved for this store.</source>
        <translation>本店的列名已保存。</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="95" />
        <source>%1 · counter %2</source>
        <translation>%1 · %2 号柜台</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="100" />
        <source>Signed out</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="104" />
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="104" />
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="109" />
        <source>Not connected to a centre</source>
        <translation>未连接总部系统</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="114" />
        <source>Waiting to sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="118" />
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="120" />
        <source>Last sync: never</source>
        <translation>上次同步：从未</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="125" />
        <source>Sync is stuck: operations wait too long</source>
        <translation>同步受阻：操作等待过久</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="135" />
        <source>Changes not applied: %1 (see Sync)</source>
        <translation>有 %1 条中心变更未能应用（见“同步”页）</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="159" />
        <source>Mark seen</source>
        <translation>标记为已阅</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="192" />
        <source>This counter's clock is %1 min ahead of the central system</source>
        <translation>本柜台时钟比中心系统快 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="196" />
        <source>This counter's clock is %1 min behind the central system</source>
        <translation>本柜台时钟比中心系统慢 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="144" />
        <source>Sync stopped: see Sync (F7)</source>
        <translation>同步已停止：请查看“同步”页（F7）</translation>
    </message>
    <message>
        <location filename="../../ui/messages_security.py" line="18" />
        <source>Offline since %1: no redemptions until the centre is reached</source>
        <translation>自 %1 起未连接中心：连上中心前不能兑换</translation>
    </message>
    <message>
        <location filename="../../ui/messages_security.py" line="31" />
        <source>Audit log rewritten (found by the centre %1)</source>
        <translation>审计日志被改写（中心于 %1 发现）</translation>
    </message>
    <message>
        <location filename="../../ui/messages_security.py" line="35" />
        <source>Audit log broken (found %1)</source>
        <translation>审计日志已损坏（%1 发现）</translation>
    </message>
</context>
<context>
    <name>CouponPrinting</name>
    <message>
        <location filename="../../ui/coupon_printing.py" line="33" />
        <source>{pct}% off</source>
        <translation>{zhe}折</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="36" />
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="41" />
        <source>No minimum spend</source>
        <translation>无门槛，全场通用</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="42" />
        <source>On a spend of {yuan} yuan or more</source>
        <translation>满 {yuan} 元可用</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="50" />
        <source>For member {name} only</source>
        <translation>仅限会员 {name} 本人使用</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="52" />
        <source>Bearer coupon</source>
        <translation>不记名券</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="59" />
        <source>Valid until {day}</source>
        <translation>有效期至 {day}</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="63" />
        <source>One use only. No change given; not exchangeable for cash. Void after the date above.</source>
        <translation>本券仅限使用一次，不找零，不兑换现金，逾期作废。</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="82" />
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="88" />
        <source>Preparing coupons…</source>
        <translation>正在生成优惠券…</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="89" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/coupon_printing.py" line="120" />
        <source>Printing cancelled; nothing was printed.</source>
        <translation>已取消打印，未打印任何内容。</translation>
    </message>
</context>
<context>
    <name>CouponsPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="93" />
        <location filename="../../ui/pages/coupons_page.py" line="128" />
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="132" />
        <source>Coupon code, member number, mobile or name</source>
        <translation>券码、会员号、手机号或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="134" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="134" />
        <location filename="../../ui/pages/coupons_page.py" line="166" />
        <source>Unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="134" />
        <location filename="../../ui/pages/coupons_page.py" line="145" />
        <location filename="../../ui/pages/coupons_page.py" line="167" />
        <location filename="../../ui/pages/coupons_page.py" line="174" />
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="134" />
        <location filename="../../ui/pages/coupons_page.py" line="168" />
        <location filename="../../ui/pages/coupons_page.py" line="176" />
        <source>Revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="139" />
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="140" />
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="141" />
        <source>Value</source>
        <translation>面值</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="142" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="143" />
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="144" />
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="149" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="149" />
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="149" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="149" />
        <source>Who and where</source>
        <translation>经办人与地点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="151" />
        <source>Member at the counter</source>
        <translation>当前会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="152" />
        <source> points</source>
        <translation> 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="153" />
        <source>Exchange for coupons</source>
        <translation>兑换优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="154" />
        <source>Gift exchange coupon</source>
        <translation>礼品兑换券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="155" />
        <source>Scan a gift coupon; Enter redeems it</source>
        <translation>扫描礼品兑换券，回车即兑换</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="156" />
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="157" />
        <source>Print slip (80 mm)</source>
        <translation>打印小票券（80 毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="158" />
        <source>Print A4 sheet</source>
        <translation>打印 A4 整页</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="159" />
        <source>Void redemption…</source>
        <translation>撤销核销…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="160" />
        <source>Revoke…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="161" />
        <source>Issue coupons…</source>
        <translation>发放优惠券…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="173" />
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="175" />
        <source>Redemption voided</source>
        <translation>核销已撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="177" />
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="183" />
        <source>bought with points</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="184" />
        <source>birthday coupon</source>
        <translation>生日券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="185" />
        <source>welcome back</source>
        <translation>回归礼</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="186" />
        <source>quarterly tier coupon</source>
        <translation>季度等级券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="187" />
        <source>event batch</source>
        <translation>活动批量发放</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="188" />
        <source>used</source>
        <translation>已核销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="189" />
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="232" />
        <source>Bearer</source>
        <translation>不记名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="274" />
        <source>Scan a member on Check-in (F1) first.</source>
        <translation>请先在“签到”（F1）扫描会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="277" />
        <source>%1 · balance %2 points</source>
        <translation>%1 · 积分余额 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="302" />
        <source>Give birthday coupon: %1</source>
        <translation>发放生日券：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="335" />
        <source>Coupons issued: %1</source>
        <translation>已发放优惠券：%1 张</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="374" />
        <source>✔ Coupon %1 accepted: hand over the gift.</source>
        <translation>✔ 券 %1 核销成功：请交付礼品。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="384" />
        <source>Choose the coupons to print in the list.</source>
        <translation>请在列表中选择要打印的优惠券。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="389" />
        <source>void a coupon redemption</source>
        <translation>撤销优惠券核销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="392" />
        <source>revoke a coupon</source>
        <translation>作废优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="397" />
        <source>Choose one coupon in the list.</source>
        <translation>请在列表中选择一张优惠券。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="399" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/coupons_page.py" line="423" />
        <source>issue coupons</source>
        <translation>发放优惠券</translation>
    </message>
</context>
<context>
    <name>DayCloseTab</name>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="117" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="118" />
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="119" />
        <source>Points redeemed</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="120" />
        <source>Coupons issued</source>
        <translation>发放优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="121" />
        <source>Coupons used</source>
        <translation>核销优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="122" />
        <source>Gifts given</source>
        <translation>兑出礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="123" />
        <source>Visits</source>
        <translation>到店</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="124" />
        <source>Sign-ins</source>
        <translation>活动签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="125" />
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="129" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="131" />
        <source>Print slip (80 mm)</source>
        <translation>打印小票（80 毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="132" />
        <source>Print A4</source>
        <translation>打印 A4</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="133" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="155" />
        <source>(no staff)</source>
        <translation>（无员工）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="159" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="166" />
        <source>Points expired: %1</source>
        <translation>今日过期积分：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="167" />
        <source>Operations waiting to sync: %1</source>
        <translation>待同步操作：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="189" />
        <source>Day's close · %1</source>
        <translation>日结单 · %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="193" />
        <source>Printed %1 by %2</source>
        <translation>%1 由 %2 打印</translation>
    </message>
</context>
<context>
    <name>DoorPanel</name>
    <message>
        <location filename="../../ui/pages/event_door.py" line="169" />
        <source>Scan a ticket or a member card</source>
        <translation>请扫描入场券或会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="170" />
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="171" />
        <source>Walk-in  (Ctrl+W)</source>
        <translation>现场报名  (Ctrl+W)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="172" />
        <source>No card?  (Ctrl+F)</source>
        <translation>没带卡？  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="173" />
        <source>Admit over capacity  (Ctrl+O)</source>
        <translation>超额放行  (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="174" />
        <source>Undo selected sign-in (manager)</source>
        <translation>撤销所选签到（经理）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="175" />
        <source>Last scans</source>
        <translation>最近扫码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="182" />
        <source>Choose an event</source>
        <translation>请选择活动</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="185" />
        <source>Ready</source>
        <translation>请扫码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="186" />
        <source>Waiting for a scan. The scan field is always ready.</source>
        <translation>等待扫码。扫码框随时可用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="207" />
        <source>undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="207" />
        <location filename="../../ui/pages/event_door.py" line="297" />
        <source>Admitted</source>
        <translation>准许入场</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="218" />
        <source>Signed in: %1 / %2</source>
        <translation>已签到：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="254" />
        <location filename="../../ui/pages/event_door.py" line="413" />
        <source>Choose an event first.</source>
        <translation>请先选择活动。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="295" />
        <source>Welcome, %1</source>
        <translation>欢迎，%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="301" />
        <source>Already signed in: %1</source>
        <translation>已签到过：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="303" />
        <source>First signed in at %1 at counter %2</source>
        <translation>首次签到：%1，%2 号柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="307" />
        <source>Already signed in</source>
        <translation>已签到过</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="322" />
        <source>Guest</source>
        <translation>嘉宾</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="324" />
        <source>+%1 points</source>
        <translation>+%1 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="326" />
        <source>walk-in</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="328" />
        <source>no card</source>
        <translation>未带卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="330" />
        <source>over capacity, approved</source>
        <translation>超额，已批准</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="335" />
        <source>Not registered</source>
        <translation>未报名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="336" />
        <source>Outside the sign-in time</source>
        <translation>不在签到时间内</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="337" />
        <source>Full</source>
        <translation>已满员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="338" />
        <source>Wrong tier</source>
        <translation>会员等级不符</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="339" />
        <location filename="../../ui/pages/event_door.py" line="374" />
        <location filename="../../ui/pages/event_door.py" line="377" />
        <source>Not accepted</source>
        <translation>无法签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="344" />
        <source>This ticket is for another event: %1</source>
        <translation>这张入场券属于另一个活动：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="346" />
        <source>Walk-ins are welcome: press Ctrl+W to register them.</source>
        <translation>欢迎现场报名：按 Ctrl+W 登记。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="347" />
        <source>This event is by invitation only.</source>
        <translation>本活动仅限受邀者参加。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="350" />
        <source>Sign-in is open from %1 to %2.</source>
        <translation>签到时间为 %1 至 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="356" />
        <source>%1 of %2 places are taken. A manager may admit one more: Ctrl+O.</source>
        <translation>%2 个名额已占 %1 个。经理可以再放行一位：Ctrl+O。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="361" />
        <source>This event is for %1 members and above.</source>
        <translation>本活动仅限%1及以上会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="425" />
        <source>admit %1 over the capacity</source>
        <translation>超额放行 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="431" />
        <source>Admit over capacity</source>
        <translation>超额放行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="439" />
        <source>Choose a sign-in in the list of last scans first.</source>
        <translation>请先在最近扫码列表中选择一条签到。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="441" />
        <source>undo the sign-in: %1</source>
        <translation>撤销签到：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="445" />
        <source>Undo sign-in</source>
        <translation>撤销签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="460" />
        <source>Sign-in undone</source>
        <translation>签到已撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_door.py" line="465" />
        <source>Reason (kept in the audit log):</source>
        <translation>原因（记入审计日志）：</translation>
    </message>
</context>
<context>
    <name>DrawScreen</name>
    <message>
        <location filename="../../ui/dialogs/event_draw_screen.py" line="24" />
        <location filename="../../ui/dialogs/event_draw_screen.py" line="49" />
        <source>Lucky draw</source>
        <translation>幸运抽奖</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_draw_screen.py" line="48" />
        <source>Space: draw the next round   ·   Esc: close</source>
        <translation>空格：抽下一轮   ·   Esc：关闭</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_draw_screen.py" line="61" />
        <source>Round %1: %2</source>
        <translation>第 %1 轮：%2</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="66" />
        <source>Prize</source>
        <translation>奖品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="67" />
        <source>Winners</source>
        <translation>中奖人数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="68" />
        <source>e.g. Bluetooth speaker</source>
        <translation>例如：蓝牙音箱</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="69" />
        <source>Draw</source>
        <translation>抽奖</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="70" />
        <source>Big screen</source>
        <translation>大屏显示</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="88" />
        <source>In the draw now: %1 people signed in who have not won</source>
        <translation>本轮可参与抽奖：%1 位已签到且未中奖的来宾</translation>
    </message>
    <message>
        <location filename="../../ui/pages/event_draw_tab.py" line="99" />
        <source>Round %1 · %2 · %3 of %4: %5 (seed %6)</source>
        <translation>第 %1 轮 · %2 · %4 人中抽 %3 人：%5（种子 %6）</translation>
    </message>
</context>
<context>
    <name>EarnTab</name>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="145" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="148" />
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="149" />
        <source>Scan the coupon or type its code (optional)</source>
        <translation>扫描优惠券或输入券码（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="150" />
        <location filename="../../ui/pages/points_slip.py" line="41" />
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="151" />
        <location filename="../../ui/pages/points_earn.py" line="155" />
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="152" />
        <source>e.g. 1234.56</source>
        <translation>例如 1234.56</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="153" />
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="154" />
        <source>From the till receipt; Enter confirms</source>
        <translation>收银小票上的号码；回车确认</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="156" />
        <source> points</source>
        <translation> 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="157" />
        <source>Confirm and award points  (Enter)</source>
        <translation>确认积分  (回车)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="158" />
        <source>Ask the customer for a rating  (Ctrl+R)</source>
        <translation>请顾客评分（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="159" />
        <source>Print slip  (Ctrl+P)</source>
        <translation>打印兑换单  (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="162" />
        <source>of which electronics (yuan)</source>
        <translation>其中电子产品（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="211" />
        <source>From the POS: sale %1</source>
        <translation>来自收银机：销售 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="213" />
        <source>Scanned receipt %1</source>
        <translation>已扫描小票 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="230" />
        <source>The POS confirmed sale %1.</source>
        <translation>收银机已确认销售 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="231" />
        <source>Sale %1 waited too long and expired.</source>
        <translation>销售 %1 等待过久，已失效。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="232" />
        <source>The POS cancelled sale %1.</source>
        <translation>收银机已取消销售 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="280" />
        <source>Amount: %1 yuan</source>
        <translation>消费金额：%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="281" />
        <source>Member discount (%1): −%2 yuan</source>
        <translation>会员折扣（%1）：−%2 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="287" />
        <source>Coupon %1: −%2 yuan</source>
        <translation>优惠券 %1：−%2 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="293" />
        <source>Points as cash: −%1 yuan (%2 points)</source>
        <translation>积分抵现：−%1 元（%2 积分）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="297" />
        <source>To pay: %1 yuan</source>
        <translation>应付：%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="304" />
        <source>Points earned: %1  (%2)</source>
        <translation>本次积分：%1  （%2）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="309" />
        <source>Birthday month</source>
        <translation>生日月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="357" />
        <source>Receipt %1: %2 points earned.</source>
        <translation>小票 %1：获得 %2 积分。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="360" />
        <source>New balance: %1 points</source>
        <translation>积分余额：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="365" />
        <source>Coupon %1 used: −%2 yuan</source>
        <translation>已使用优惠券 %1：−%2 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="374" />
        <source>%1 points expire first, at the end of %2</source>
        <translation>最早过期：%1 积分，于 %2 到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_earn.py" line="380" />
        <source>⬆ Upgraded to %1!</source>
        <translation>⬆ 升级为%1会员！</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="28" />
        <source>Amount</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="29" />
        <source>Member discount</source>
        <translation>会员折扣</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="34" />
        <source>Coupon %1</source>
        <translation>优惠券 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="46" />
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="48" />
        <source>Points earned</source>
        <translation>本次积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="51" />
        <source>Balance</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="63" />
        <source>Points slip</source>
        <translation>积分小票</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="64" />
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_slip.py" line="65" />
        <source>Member</source>
        <translation>会员</translation>
    </message>
</context>
<context>
    <name>EnrollmentBox</name>
    <message>
        <location filename="../../ui/sync_enrollment.py" line="42" />
        <source>Central system</source>
        <translation>总部系统</translation>
    </message>
    <message>
        <location filename="../../ui/sync_enrollment.py" line="43" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/sync_enrollment.py" line="44" />
        <source>One-time code</source>
        <translation>一次性登记码</translation>
    </message>
    <message>
        <location filename="../../ui/sync_enrollment.py" line="45" />
        <source>Enroll this counter</source>
        <translation>登记本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/sync_enrollment.py" line="48" />
        <source>Not enrolled: this counter works offline and keeps everything for sync.</source>
        <translation>未登记：本柜台离线工作，所有记录都保留待同步。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_enrollment.py" line="65" />
        <source>Enrolled with %1 as %2.</source>
        <translation>已登记到 %1，门店：%2。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/messages.py" line="14" />
        <source>Something went wrong; nothing was changed. ({detail})</source>
        <translation>出现错误，未做任何更改。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="19" />
        <source>The request was refused ({code}).</source>
        <translation>请求被拒绝（{code}）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="32" />
        <source>receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33" />
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="34" />
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35" />
        <source>store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>item categories</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49" />
        <source>{yuan} yuan</source>
        <translation>{yuan} 元</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="42" />
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="42" />
        <source>Edit event</source>
        <translation>修改活动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="49" />
        <source>e.g. POPUP-0612</source>
        <translation>例如：POPUP-0612</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="71" />
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="73" />
        <source>%1 and above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="74" />
        <source>By invitation only (no walk-ins)</source>
        <translation>仅限受邀（不接受现场报名）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="89" />
        <source>Code</source>
        <translation>活动编号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="90" />
        <source>Name</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="91" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="92" />
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="93" />
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="94" />
        <source>Capacity</source>
        <translation>人数上限</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="95" />
        <source>Who may come</source>
        <translation>参加资格</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="97" />
        <source>Points for coming</source>
        <translation>到场积分</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_form.py" line="98" />
        <source>Staff at the door (none ticked: anyone)</source>
        <translation>签到工作人员（不勾选则所有人可签到）</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="87" />
        <location filename="../../ui/pages/events_page.py" line="65" />
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="69" />
        <source>New event…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="70" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="71" />
        <source>Door sign-in</source>
        <translation>入场签到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="72" />
        <source>Attendees</source>
        <translation>参加者</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="73" />
        <source>Lucky draw</source>
        <translation>幸运抽奖</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="172" />
        <source>No events yet. A manager can create one: New event…</source>
        <translation>还没有活动。经理可以新建：新建活动…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="175" />
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="178" />
        <source>door open %1–%2</source>
        <translation>签到时间 %1–%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="181" />
        <source>capacity %1</source>
        <translation>限 %1 人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="184" />
        <source>%1 and above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="185" />
        <source>by invitation</source>
        <translation>仅限受邀</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="185" />
        <source>walk-ins welcome</source>
        <translation>欢迎现场报名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="187" />
        <source>%1 points for coming</source>
        <translation>到场送 %1 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/events_page.py" line="189" />
        <source>staff: %1</source>
        <translation>工作人员：%1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="37" />
        <location filename="../../ui/dialogs/first_run.py" line="41" />
        <source>Set up this counter</source>
        <translation>设置此柜台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="45" />
        <source>Welcome. Name the store this counter serves and create the first manager account. The manager can add cashiers and event staff later.</source>
        <translation>欢迎使用。请填写此柜台所属门店，并创建第一个经理账号。经理之后可以添加收银员和活动工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="52" />
        <source>e.g. 静安寺旗舰店</source>
        <translation>例如：静安寺旗舰店</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="53" />
        <source>e.g. SH-001, given by head office</source>
        <translation>例如 SH-001，由总部提供</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="54" />
        <source>e.g. 1</source>
        <translation>例如 1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="60" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="65" />
        <source>%1 to %2 digits, not all the same and not in a row (not 1111, 1234 or 4321).</source>
        <translation>%1 到 %2 位数字，不能全部相同，也不能是连续数字（如 1111、1234、4321）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="74" />
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="76" />
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="77" />
        <source>Store code</source>
        <translation>门店编号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="78" />
        <source>Counter number</source>
        <translation>柜台号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="79" />
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="80" />
        <source>First manager</source>
        <translation>第一位经理</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="82" />
        <source>Manager's name</source>
        <translation>经理姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="83" />
        <source>Manager's PIN</source>
        <translation>经理 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="85" />
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="90" />
        <source>Set up</source>
        <translation>完成设置</translation>
    </message>
</context>
<context>
    <name>GiftForm</name>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="44" />
        <source>Edit gift</source>
        <translation>编辑礼品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="44" />
        <source>New gift</source>
        <translation>新增礼品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="53" />
        <source> points</source>
        <translation> 积分</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="55" />
        <source>Every member</source>
        <translation>所有会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="57" />
        <source>%1 and above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="59" />
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="62" />
        <source>No picture</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="66" />
        <source>Offered at this counter</source>
        <translation>在本柜台上架</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="71" />
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="72" />
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="73" />
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="74" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="75" />
        <source>Points price</source>
        <translation>所需积分</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="76" />
        <source>For</source>
        <translation>适用会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="77" />
        <source>Per member, at most</source>
        <translation>每位会员限兑</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="78" />
        <source>Low-stock alert at</source>
        <translation>库存预警线</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="79" />
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="80" />
        <source>Offered from</source>
        <translation>上架日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="81" />
        <source>Offered until</source>
        <translation>下架日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_form.py" line="112" />
        <source>No date</source>
        <translation>不限日期</translation>
    </message>
</context>
<context>
    <name>GiftRedeemDialog</name>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="24" />
        <source>Redeem a gift</source>
        <translation>兑换礼品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="31" />
        <source>%1 for %2 points.
%3: %4 points now, %5 after.</source>
        <translation>%1，需 %2 积分。
%3：当前 %4 积分，兑换后 %5 积分。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="44" />
        <source>The books show none in stock. If the gift is in your hand, a manager may let it go: give the reason. The count will set the stock right.</source>
        <translation>账面显示已无库存。如果礼品就在您手中，经理可以批准发放：请填写原因。之后的盘点会校正库存。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="51" />
        <source>Reason, e.g. one more was on the display shelf</source>
        <translation>原因，例如：展示架上还有一件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="52" />
        <source>Reason for the override</source>
        <translation>越过库存限制的原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="59" />
        <source>Override and redeem  (Enter)</source>
        <translation>越过库存并兑换  (回车)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="61" />
        <source>Redeem  (Enter)</source>
        <translation>兑换  (回车)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_redeem.py" line="85" />
        <source>Give a reason; it is kept in the audit log.</source>
        <translation>请填写原因，它会记入审计日志。</translation>
    </message>
</context>
<context>
    <name>GiftSlip</name>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="20" />
        <source>Gift redemption slip</source>
        <translation>礼品兑换单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="27" />
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="28" />
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="29" />
        <source>Gift SKU</source>
        <translation>礼品货号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="30" />
        <source>Points used</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="32" />
        <source>Balance after</source>
        <translation>兑换后余额</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="35" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="37" />
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="40" />
        <source>Staff</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_slip.py" line="44" />
        <source>Stock override</source>
        <translation>越过库存</translation>
    </message>
</context>
<context>
    <name>GiftsPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="85" />
        <location filename="../../ui/pages/gifts_page.py" line="149" />
        <source>Gifts</source>
        <translation>礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="153" />
        <source>Catalog</source>
        <translation>礼品目录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="154" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="156" />
        <source>Find a gift by name or SKU; ↓ to choose, Enter to redeem</source>
        <translation>按名称或货号查找礼品；↓ 选择，回车兑换</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="158" />
        <source>Find a gift</source>
        <translation>查找礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="159" />
        <source>Only what the member can have  (Ctrl+F)</source>
        <translation>只显示该会员可兑换的  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="160" />
        <source>Print slip  (Ctrl+P)</source>
        <translation>打印兑换单  (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="168" />
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="170" />
        <source>In stock: %1</source>
        <translation>库存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="172" />
        <source>%1+</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="203" />
        <source>No member at the counter: scan one on Check-in (F1) to redeem.</source>
        <translation>柜台暂无会员：请先在会员签到（F1）扫码后再兑换。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="207" />
        <source>%1 · %2 · balance %3 points</source>
        <translation>%1 · %2 · 余额 %3 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="292" />
        <source>hand over a gift out of stock</source>
        <translation>发放账面无库存的礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gifts_page.py" line="314" />
        <source>%1 handed over for %2 points. New balance: %3 points. Left in stock: %4.</source>
        <translation>已兑换%1，扣除 %2 积分。新余额：%3 积分。剩余库存：%4。</translation>
    </message>
</context>
<context>
    <name>GrantDialog</name>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="28" />
        <source>Issue coupons</source>
        <translation>发放优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="35" />
        <source>One coupon by hand</source>
        <translation>手工发放一张</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="36" />
        <source>A batch for an event</source>
        <translation>为活动批量发放</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="37" />
        <source>This quarter's tier coupons</source>
        <translation>本季度等级券</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="53" />
        <source>bearer (no member)</source>
        <translation>不记名（无会员）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="55" />
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="56" />
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="57" />
        <source>For</source>
        <translation>适用会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="58" />
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="59" />
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="60" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/coupon_grant.py" line="108" />
        <source>Choose a coupon (and, for a batch, an event).</source>
        <translation>请选择优惠券（批量发放还需选择活动）。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="185" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="186" />
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="187" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="188" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="189" />
        <source>Who and where</source>
        <translation>经办人与地点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="195" />
        <source>Earned</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="196" />
        <source>Redeemed</source>
        <translation>兑换次数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="197" />
        <source>Expired</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="198" />
        <source>Adjusted</source>
        <translation>人工调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="199" />
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="200" />
        <source>Visit bonus</source>
        <translation>签到奖励</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="201" />
        <source>Event bonus</source>
        <translation>活动奖励</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="207" />
        <source>purchase</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="208" />
        <source>points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="209" />
        <source>refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="210" />
        <source>refund: points used as cash returned</source>
        <translation>退货：退还抵现积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="211" />
        <source>points expired</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="212" />
        <source>daily visit bonus</source>
        <translation>每日签到奖励</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="213" />
        <source>gift</source>
        <translation>兑换礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="214" />
        <source>points for a coupon</source>
        <translation>兑换优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="215" />
        <source>coupon revoked: points returned</source>
        <translation>优惠券作废：积分退回</translation>
    </message>
</context>
<context>
    <name>KpiTab</name>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="123" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="124" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="125" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="127" />
        <source>Active members (bought in the period)</source>
        <translation>活跃会员（期间内有消费）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="128" />
        <source>Repurchase rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="129" />
        <source>Coupon redemption rate</source>
        <translation>优惠券核销率</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="130" />
        <source>Points outstanding (value)</source>
        <translation>未兑积分（价值）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="131" />
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="132" />
        <source>NPS · satisfaction (CSAT)</source>
        <translation>NPS · 满意度（CSAT）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="136" />
        <source>Visits per day</source>
        <translation>每日到店</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="137" />
        <source>Members by tier</source>
        <translation>各等级会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="138" />
        <source>NPS by week</source>
        <translation>每周 NPS</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="139" />
        <source>Top gifts</source>
        <translation>热门礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="139" />
        <source>Redeemed</source>
        <translation>兑换次数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="146" />
        <source>The period must end after it starts.</source>
        <translation>结束日期须晚于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="149" />
        <source>Choose a period of at most a year.</source>
        <translation>请选择不超过一年的期间。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="174" />
        <source>%1 points · %2 yuan</source>
        <translation>%1 积分 · %2 元</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="181" />
        <source>%1 (%2 answers)</source>
        <translation>%1（%2 份回答）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="189" />
        <source>no satisfaction answers</source>
        <translation>暂无满意度回答</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="191" />
        <source>%1% satisfied (%2)</source>
        <translation>%1% 满意（%2 份）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="266" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_kpis.py" line="266" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="162" />
        <source>Loyalty Counter — %1</source>
        <translation>会员积分柜台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>Loyalty Counter</source>
        <translation>会员积分柜台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <source>Lock screen  (%1)</source>
        <translation>锁定屏幕  (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>Switch user  (%1)</source>
        <translation>切换用户  (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270" />
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272" />
        <source>The audit log has been changed outside this program (at entry %1). Tell the administrator; keep using the counter as usual.</source>
        <translation>审计日志在本程序之外被改动过（第 %1 条）。请告知管理员；柜台可照常使用。</translation>
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
        <location filename="../../ui/member_card.py" line="105" />
        <source>Birthday month</source>
        <translation>生日月</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="107" />
        <source>⚠ No purchase for 90 days</source>
        <translation>⚠ 90 天未消费</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="110" />
        <source>Coupons: %1</source>
        <translation>优惠券：%1</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="114" />
        <source>No coupons to use</source>
        <translation>暂无可用优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="116" />
        <source>Earlier visits</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="121" />
        <source>First visit — welcome!</source>
        <translation>首次到店，欢迎光临！</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="128" />
        <source> · counter %1</source>
        <translation> · %1 号柜台</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="32" />
        <source>Edit member</source>
        <translation>编辑会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="32" />
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="37" />
        <location filename="../../ui/dialogs/member_form.py" line="54" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="38" />
        <source>Mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="39" />
        <source>11 digits, e.g. 13800138000</source>
        <translation>11 位数字，例如 13800138000</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="40" />
        <source>Birth month</source>
        <translation>出生月</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="41" />
        <source>Birth day</source>
        <translation>出生日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="44" />
        <source>Birth year (optional)</source>
        <translation>出生年（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="45" />
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="46" />
        <source>Agrees to receive offers</source>
        <translation>同意接收优惠信息</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="48" />
        <location filename="../../ui/dialogs/member_form.py" line="58" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="55" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_form.py" line="56" />
        <source>Birthday (month, day, year)</source>
        <translation>生日（月、日、年）</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="34" />
        <source>Member without a card</source>
        <translation>会员未带卡</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="40" />
        <source>Ask for the mobile number (or its last four digits) and check the name.</source>
        <translation>请询问手机号（或后四位），并核对姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="47" />
        <source>Mobile, last 4 digits, name or member no.</source>
        <translation>手机号、后四位、姓名或会员号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="57" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="57" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="57" />
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="57" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="74" />
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/member_lookup.py" line="131" />
        <source>No member found. Check the number with them.</source>
        <translation>未找到会员。请与顾客核对号码。</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <location filename="../../ui/member_model.py" line="81" />
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="82" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="83" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="84" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="85" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="100" />
        <location filename="../../ui/pages/members_page.py" line="71" />
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="77" />
        <source>Search: mobile, last 4 digits, member number or name</source>
        <translation>查找：手机号、后 4 位、会员号或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="79" />
        <source>Search members</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="80" />
        <source>New member…</source>
        <translation>新会员…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="81" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="82" />
        <source>Print card</source>
        <translation>打印会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="83" />
        <source>Deactivate…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="114" />
        <source>Choose a member in the list first.</source>
        <translation>请先在列表中选择一位会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="141" />
        <source>Deactivate member</source>
        <translation>停用会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="142" />
        <source>Why is the membership of %1 deactivated?</source>
        <translation>为什么停用 %1 的会员资格？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="147" />
        <source>deactivate a member</source>
        <translation>停用会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/members_page.py" line="157" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>NpsPrompt</name>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="30" />
        <source>Your opinion</source>
        <translation>您的评价</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="38" />
        <source>How likely are you to recommend us to a friend?</source>
        <translation>您有多大可能向朋友推荐我们？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="42" />
        <source>How satisfied are you with your visit today?</source>
        <translation>您对本次到店的满意度如何？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="56" />
        <source>1 = very dissatisfied, 5 = very satisfied</source>
        <translation>1 = 非常不满意，5 = 非常满意</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="69" />
        <source>0 = not at all</source>
        <translation>0 = 完全不会</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="71" />
        <source>10 = certainly</source>
        <translation>10 = 一定会</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="75" />
        <source>Anything to tell us? (optional)</source>
        <translation>还有什么想告诉我们的？（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/nps_prompt.py" line="77" />
        <source>Skip  (Esc)</source>
        <translation>跳过（Esc）</translation>
    </message>
</context>
<context>
    <name>PendingTab</name>
    <message>
        <location filename="../../ui/pages/points_pending.py" line="29" />
        <source>Sales the POS sent that wait for a confirm. Enter takes one to Earn.</source>
        <translation>收银机发来、等待确认的销售。按回车将其带到“积分”页。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_pending.py" line="46" />
        <source>no member yet</source>
        <translation>尚无会员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_pending.py" line="48" />
        <source>Receipt %1 · %2 yuan · %3 · %4 points</source>
        <translation>小票 %1 · %2 元 · %3 · %4 积分</translation>
    </message>
</context>
<context>
    <name>PinForm</name>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="34" />
        <location filename="../../ui/dialogs/staff_form.py" line="41" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="38" />
        <location filename="../../ui/dialogs/staff_form.py" line="42" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="44" />
        <location filename="../../ui/dialogs/staff_form.py" line="47" />
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="46" />
        <source>New PIN again</source>
        <translation>再次输入新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/staff_form.py" line="48" />
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="81" />
        <location filename="../../ui/pages/points_page.py" line="81" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="86" />
        <source>Earn</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="86" />
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="86" />
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="86" />
        <source>History</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="162" />
        <source>POS sales</source>
        <translation>收银机销售</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="198" />
        <source>Scan a member on Check-in (F1) first.</source>
        <translation>请先在会员签到（F1）扫描会员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_page.py" line="202" />
        <source>%1 · %2 · balance %3 points</source>
        <translation>%1 · %2 · 积分余额 %3</translation>
    </message>
</context>
<context>
    <name>PrinterBox</name>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="60" />
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="62" />
        <source>Printer settings…</source>
        <translation>打印机设置…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="77" />
        <source>change the receipt printer</source>
        <translation>更改小票打印机</translation>
    </message>
</context>
<context>
    <name>PrinterSettings</name>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="95" />
        <source>Slips open as a PDF for the print dialog.</source>
        <translation>小票以 PDF 打开，经打印对话框打印。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="104" />
        <source>ESC/POS receipt printer at %1, %2 mm paper, %3</source>
        <translation>ESC/POS 小票打印机：%1，%2 毫米纸，%3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="293" />
        <location filename="../../ui/dialogs/printer_settings.py" line="296" />
        <source>Test print</source>
        <translation>打印测试</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="298" />
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="299" />
        <source>Paper</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="301" />
        <source>Code page</source>
        <translation>字符编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="307" />
        <source>A scanner reads the code above as LCTEST.</source>
        <translation>扫码枪扫上方二维码应读出 LCTEST。</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="181" />
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="185" />
        <source>PDF and the print dialog</source>
        <translation>PDF 和打印对话框</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="186" />
        <source>ESC/POS printer on USB</source>
        <translation>USB 接口的 ESC/POS 打印机</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="187" />
        <source>ESC/POS printer on a serial port</source>
        <translation>串口的 ESC/POS 打印机</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="188" />
        <source>ESC/POS printer on the network</source>
        <translation>网络 ESC/POS 打印机</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="192" />
        <source>%1 mm</source>
        <translation>%1 毫米</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="194" />
        <source>Slips print on</source>
        <translation>小票打印到</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="195" />
        <source>USB vendor id (hex)</source>
        <translation>USB 厂商 ID（十六进制）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="196" />
        <source>USB product id (hex)</source>
        <translation>USB 产品 ID（十六进制）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="197" />
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="198" />
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="199" />
        <source>Printer address</source>
        <translation>打印机地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="200" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="201" />
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="202" />
        <source>Chinese code page</source>
        <translation>中文编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="206" />
        <source>Test print</source>
        <translation>打印测试</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="273" />
        <source>Printing a test slip…</source>
        <translation>正在打印测试小票…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/printer_settings.py" line="279" />
        <source>The test slip was printed. Check that the Chinese and the QR code read.</source>
        <translation>测试小票已打印。请检查中文显示正常、二维码可以扫出。</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing.py" line="144" />
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="147" />
        <source>Print again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="150" />
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="183" />
        <source>Printed on the receipt printer.</source>
        <translation>已在小票打印机上打印。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="55" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="71" />
        <source>The PDF is ready: %1</source>
        <translation>PDF 已生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="74" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="77" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/i18n.py" line="25" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/i18n.py" line="23" />
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="24" />
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReconcileTab</name>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="99" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="100" />
        <source>Import POS export…</source>
        <translation>导入收银机导出文件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="101" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="102" />
        <source>Print A4</source>
        <translation>打印 A4</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="103" />
        <source>Send to head office</source>
        <translation>报送总部</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="104" />
        <source>Mark explained</source>
        <translation>标记为已说明</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="106" />
        <source>Why this line differs (kept in the audit log with your name)</source>
        <translation>此条不符的原因（连同您的姓名记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="125" />
        <source>The POS's daily export</source>
        <translation>收银机的每日导出文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="125" />
        <source>POS export (*.csv *.xlsx)</source>
        <translation>收银机导出文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="217" />
        <source>Choose a line to explain first.</source>
        <translation>请先选择要说明的条目。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="234" />
        <source>The explanation is kept in the audit log.</source>
        <translation>说明已记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="243" />
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="252" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_reconcile.py" line="297" />
        <source>The day's reconciliation goes to head office with the next sync.</source>
        <translation>当天的对账结果将在下次同步时报送总部。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="18" />
        <source>Earns with no POS sale</source>
        <translation>积分无对应收银销售</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="19" />
        <source>Amounts that differ</source>
        <translation>金额不一致</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="20" />
        <source>Refunded at the POS only</source>
        <translation>仅收银机有退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="21" />
        <source>Refunded in loyalty only</source>
        <translation>仅积分系统有退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="24" />
        <source>Member sales with no points</source>
        <translation>会员消费未积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="49" />
        <source>Receipt</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="50" />
        <source>POS amount</source>
        <translation>收银机金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="51" />
        <source>Loyalty amount</source>
        <translation>积分系统金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="52" />
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="59" />
        <source>Import the POS's export of the day to match it with the earns here.</source>
        <translation>导入收银机当天的导出文件，与本机的积分记录核对。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="65" />
        <source>Sales on the POS</source>
        <translation>收银机销售笔数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="66" />
        <source>Earns at this counter</source>
        <translation>本机积分笔数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="67" />
        <source>Matched by receipt</source>
        <translation>按小票号匹配</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="68" />
        <source>Lines that do not match</source>
        <translation>不符条目</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="69" />
        <source>Of them explained</source>
        <translation>其中已说明</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="74" />
        <source>Error rate %1 (target at most %2): within target</source>
        <translation>差错率 %1（目标不超过 %2）：达标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="78" />
        <source>Error rate %1 (target at most %2): above target</source>
        <translation>差错率 %1（目标不超过 %2）：超标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="104" />
        <source>POS reconciliation · %1</source>
        <translation>POS 对账 · %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="108" />
        <source>Printed %1 by %2</source>
        <translation>%1 由 %2 打印</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="116" />
        <source>Every sale and earn of the day matches.</source>
        <translation>当天的销售与积分全部相符。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reconcile_text.py" line="119" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>RefundTab</name>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="59" />
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="60" />
        <source>Refund amount (yuan)</source>
        <translation>退款金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="61" />
        <source>Record refund</source>
        <translation>登记退货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="87" />
        <source>Refund of %1 yuan recorded: %2 points taken back, %3 returned. Balance %4.</source>
        <translation>已登记退货 %1 元：扣回 %2 积分，退还 %3 积分。余额 %4。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="95" />
        <source>⚠ The balance is below zero; a manager has been flagged.</source>
        <translation>⚠ 积分余额已为负数，已提示经理处理。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/points_tabs.py" line="97" />
        <source>Tier now %1.</source>
        <translation>会员等级现为%1。</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../ui/report_tables.py" line="45" />
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/report_tables.py" line="53" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="109" />
        <location filename="../../ui/pages/reports_page.py" line="50" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="56" />
        <source>Day's close</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="57" />
        <source>KPIs</source>
        <translation>经营指标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="58" />
        <source>Members at risk</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="59" />
        <source>POS reconciliation</source>
        <translation>POS 对账</translation>
    </message>
</context>
<context>
    <name>ResolveConflictDialog</name>
    <message>
        <location filename="../../ui/dialogs/sync_resolve.py" line="10" />
        <source>Resolve conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_resolve.py" line="15" />
        <source>Reason (what was decided):</source>
        <translation>原因（处理决定）：</translation>
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
        <location filename="../../ui/page_registry.py" line="116" />
        <location filename="../../ui/pages/settings_page.py" line="162" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="166" />
        <source>This counter</source>
        <translation>本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="167" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="170" />
        <location filename="../../ui/pages/settings_page.py" line="174" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="171" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="172" />
        <source>Lock the screen after minutes without use</source>
        <translation>无操作多少分钟后锁定屏幕</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="173" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="175" />
        <source>Lock the screen after</source>
        <translation>无操作锁屏时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="176" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="178" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="178" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="178" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="180" />
        <source>Add staff…</source>
        <translation>添加员工…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="181" />
        <source>Reset PIN…</source>
        <translation>重置 PIN 码…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="182" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="183" />
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="184" />
        <source>Change my PIN…</source>
        <translation>修改我的 PIN 码…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="185" />
        <source>About this counter</source>
        <translation>关于本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="187" />
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="188" />
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="189" />
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="190" />
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="191" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="195" />
        <source>Link to the central system</source>
        <translation>与总部系统的连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="196" />
        <source>Use the system's proxy settings</source>
        <translation>使用系统代理设置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="217" />
        <source>Not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="219" />
        <source>INSECURE: plain HTTP to another machine (--insecure), for tests only</source>
        <translation>不安全：以明文 HTTP 连接其他机器（--insecure），仅供测试</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="221" />
        <source>Plain HTTP on this machine</source>
        <translation>本机明文 HTTP</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="223" />
        <source>HTTPS, certificate key pinned</source>
        <translation>HTTPS，已固定证书密钥</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="225" />
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="227" />
        <source>Centre key %1</source>
        <translation>总部密钥 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="260" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="260" />
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="269" />
        <source>Choose a person in the list first.</source>
        <translation>请先在列表中选择一个人。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="281" />
        <source>change the screen lock time</source>
        <translation>修改锁屏时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="296" />
        <source>Add staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="300" />
        <source>add a staff account</source>
        <translation>添加员工账号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="315" />
        <source>New PIN for %1</source>
        <translation>为 %1 设置新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="319" />
        <source>reset a PIN</source>
        <translation>重置 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="331" />
        <source>Change my PIN</source>
        <translation>修改我的 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="338" />
        <source>unlock an account</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="341" />
        <source>deactivate an account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="364" />
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
    <name>StockMoveDialog</name>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="36" />
        <source>Receive a delivery</source>
        <translation>到货入库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="37" />
        <source>Damaged, lost or found</source>
        <translation>损坏、丢失或找回</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="38" />
        <source>Transfer between stores</source>
        <translation>门店间调拨</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="46" />
        <source>Damaged (−)</source>
        <translation>损坏（−）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="47" />
        <source>Lost (−)</source>
        <translation>丢失（−）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="48" />
        <source>Found (+)</source>
        <translation>找回（+）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="50" />
        <source>Sent to another store (−)</source>
        <translation>调往其他门店（−）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="51" />
        <source>Received from another store (+)</source>
        <translation>从其他门店调入（+）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="61" />
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="62" />
        <source>Pieces</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="64" />
        <source>Delivery note no.</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="65" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="66" />
        <source>Other store's code</source>
        <translation>对方门店代码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/gift_stock.py" line="73" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="109" />
        <source>Receive…  (Ctrl+R)</source>
        <translation>入库…  (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="110" />
        <source>Damaged / lost / found…</source>
        <translation>损坏 / 丢失 / 找回…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="111" />
        <source>Transfer…</source>
        <translation>调拨…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="112" />
        <source>Stock count mode</source>
        <translation>盘点模式</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="113" />
        <source>Save count</source>
        <translation>保存盘点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="114" />
        <source>Export stock (CSV)…</source>
        <translation>导出库存（CSV）…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="115" />
        <source>Export moves (CSV)…</source>
        <translation>导出出入库明细（CSV）…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="116" />
        <source>New gift…</source>
        <translation>新增礼品…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="117" />
        <source>Edit gift…</source>
        <translation>编辑礼品…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="120" />
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="121" />
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="122" />
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="123" />
        <source>Alert at</source>
        <translation>预警线</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="124" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="125" />
        <location filename="../../ui/pages/gift_stock_tab.py" line="213" />
        <source>Counted</source>
        <translation>盘点数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="130" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="131" />
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="132" />
        <source>Pieces</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="133" />
        <source>On hand after</source>
        <translation>结存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="134" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="135" />
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="138" />
        <source>Moves of the selected gift</source>
        <translation>所选礼品的出入库记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="158" />
        <source>Low — reorder</source>
        <translation>库存不足，请补货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="158" />
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="160" />
        <source>Not offered</source>
        <translation>未上架</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="174" />
        <source>Low stock: %1</source>
        <translation>库存不足：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="202" />
        <source>approved by %1</source>
        <translation>由%1批准</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="210" />
        <source>Received</source>
        <translation>入库</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="211" />
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="212" />
        <source>Adjusted</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="214" />
        <source>Transferred out</source>
        <translation>调出</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="215" />
        <source>Transferred in</source>
        <translation>调入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="221" />
        <source>delivery</source>
        <translation>到货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="222" />
        <source>redemption</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="223" />
        <source>transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="224" />
        <source>stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="229" />
        <source>counted %1</source>
        <translation>盘点数 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="231" />
        <source>damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="232" />
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="233" />
        <source>found</source>
        <translation>找回</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="251" />
        <source>Count mode: type what is on the shelf in the Counted column (leave blank what you did not count), then Save count. Differences become moves.</source>
        <translation>盘点模式：在“盘点数”一栏填写货架上的实际数量（未盘点的留空），然后点“保存盘点”。差异将记为库存变动。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="284" />
        <source>save a stock count</source>
        <translation>保存盘点结果</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="302" />
        <source>Count saved: %1 gifts counted, %2 differed.</source>
        <translation>盘点已保存：共盘点 %1 种礼品，%2 种有差异。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="325" />
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="332" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/gift_stock_tab.py" line="344" />
        <source>change the gift catalog</source>
        <translation>修改礼品目录</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="33" />
        <source>Coupon redeemed at two counters</source>
        <translation>同一张券在两个柜台核销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="36" />
        <source>Coupon redeemed after it was revoked</source>
        <translation>券作废后又被核销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="39" />
        <source>Points over-redeemed across stores (arrears)</source>
        <translation>跨店超额兑换积分（欠分）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="42" />
        <source>Stock below zero: count this gift</source>
        <translation>库存低于零：请盘点此礼品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="43" />
        <source>Two members with one mobile number</source>
        <translation>两个会员使用同一手机号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="54" />
        <source>first at %1, again at %2</source>
        <translation>先在%1，后在%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="60" />
        <source>%1 (%2): arrears %3 points</source>
        <translation>%1（%2）：欠 %3 积分</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="66" />
        <source>on hand by the books: %1</source>
        <translation>账面库存：%1</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/page_registry.py" line="104" />
        <location filename="../../ui/pages/sync_page.py" line="130" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="137" />
        <source>This counter is not enrolled with the central system yet, so it works offline. Everything it records is kept, in order, for the first sync. Enroll it in Settings with the centre's address and a one-time code.</source>
        <translation>本柜台尚未登记到总部系统，因此离线工作。所记录的一切都按顺序保存，等待首次同步。请在“设置”中用总部地址和一次性登记码登记。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="144" />
        <source>Central system: %1 (%2).</source>
        <translation>总部系统：%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="146" />
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="146" />
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="150" />
        <source>Last successful sync: %1.</source>
        <translation>上次成功同步：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="160" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="162" />
        <source>Conflicts found by the central system</source>
        <translation>总部发现的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="163" />
        <source>Operations the central system refused</source>
        <translation>总部拒绝的操作</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="164" />
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="167" />
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="168" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="169" />
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="170" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="171" />
        <source>Opened</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="175" />
        <location filename="../../ui/pages/sync_page.py" line="183" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="175" />
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="175" />
        <location filename="../../ui/pages/sync_page.py" line="183" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="175" />
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="195" />
        <source>resolved: %1</source>
        <translation>已处理：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="197" />
        <source>resolution waiting to sync</source>
        <translation>处理结果等待同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="199" />
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="159" />
        <source>Operations waiting to sync: %1</source>
        <translation>待同步操作：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="178" />
        <source>Changes from the central system not applied here (%1 not yet seen)</source>
        <translation>未能在本柜台应用的中心变更（%1 条未查看）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="183" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="183" />
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="183" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="185" />
        <source>Mark as seen</source>
        <translation>标记为已查看</translation>
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
    <name>TillBox</name>
    <message>
        <location filename="../../ui/till_box.py" line="106" />
        <source>The till: receipt codes and the POS interface</source>
        <translation>收银机：小票码与收银机接口</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="108" />
        <source>Receipt patterns (JSON; fields receipt, amount, time, store, categories)</source>
        <translation>小票格式（JSON；字段 receipt 小票号、amount 金额、time 时间、store 门店、categories 商品类别）</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="110" />
        <source>Add preset</source>
        <translation>添加预设</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="111" />
        <source>Save patterns…</source>
        <translation>保存小票格式…</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="112" />
        <source>Test a scan</source>
        <translation>试扫一张小票</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="113" />
        <source>Scan a till receipt here to see how it reads</source>
        <translation>在此扫描收银小票，查看识别结果</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="114" />
        <source>POS interface</source>
        <translation>收银机接口</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="115" />
        <source>On (a till may post sales to this counter)</source>
        <translation>开启（允许收银机向本柜台发送销售）</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="116" />
        <source>Listen on address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="117" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="118" />
        <source>Save POS interface…</source>
        <translation>保存收银机接口…</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="119" />
        <source>New token…</source>
        <translation>生成新令牌…</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="161" />
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="162" />
        <source>amount %1</source>
        <translation>金额 %1</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="172" />
        <source>pattern %1</source>
        <translation>格式 %1</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="200" />
        <source>change the receipt patterns</source>
        <translation>修改小票格式</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="208" />
        <source>change the POS interface</source>
        <translation>修改收银机接口</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="222" />
        <source>POS interface token</source>
        <translation>收银机接口令牌</translation>
    </message>
    <message>
        <location filename="../../ui/till_box.py" line="223" />
        <source>Give this token to the till (it is shown only now):

%1</source>
        <translation>请将此令牌配置到收银机（仅显示这一次）：

%1</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="27" />
        <source>Add a guest</source>
        <translation>添加嘉宾</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="27" />
        <source>Walk-in</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="38" />
        <source>11 digits; optional for a guest</source>
        <translation>11 位数字；嘉宾可不填</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="39" />
        <source>Register as a new member</source>
        <translation>同时注册为新会员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="58" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="59" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="62" />
        <source>Birthday (month, day)</source>
        <translation>生日（月、日）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="67" />
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_walk_in.py" line="67" />
        <source>Register and sign in</source>
        <translation>登记并签到</translation>
    </message>
</context>
</TS>