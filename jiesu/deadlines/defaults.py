"""domain.md's table of default deadlines, as the data the first migration loads into
DeadlinePolicy. After that the table in the admin is the truth; this list is only the seed."""

# (kind, order_type, channel, urgency, length, unit, note)
DEFAULT_POLICIES = [
    ("acknowledge", "", "", "", 24, "hours", "24小时内回应受理情况（首接负责制）"),
    ("accept_decision", "complaint", "", "", 7, "working_days", "《市场监督管理投诉举报处理暂行办法》第十八条"),
    ("conclude", "complaint", "", "", 45, "working_days", "《市场监督管理投诉举报处理暂行办法》第二十四条"),
    ("verify", "report", "", "", 15, "working_days", "举报自收到之日起15个工作日内作出是否立案决定"),
    ("notify_reporter", "report", "", "", 5, "working_days", "立案后5个工作日内告知举报人"),
    ("conclude_12345", "", "transfer_12345", "", 5, "calendar_days", "接诉即办：自来电之日起5日"),
    ("conclude_12345", "", "hotline_12345", "", 5, "calendar_days", "接诉即办：自来电之日起5日"),
    ("odr", "complaint", "", "", 10, "working_days", "ODR企业自行处理，超期转回"),
    ("dispatch_fast", "", "", "fast", 15, "minutes", "快速响应：15分钟内发出指令"),
    ("respond_fast", "", "", "fast", 45, "minutes", "快速响应：45分钟内回应"),
    ("arrive_fast", "", "", "fast", 90, "minutes", "快速响应：确需到场的90分钟内到达"),
    ("feedback_fast", "", "", "fast", 24, "hours", "快速响应：办结后24小时内反馈"),
    ("return_window", "", "", "fast", 20, "hours", "收到后20小时内可退单"),
    ("re_respond", "", "", "", 2, "hours", "接受退单后2小时内回应诉求人"),
    ("visit", "complaint", "", "", 5, "working_days", "办结后回访（jiesu 默认5个工作日，可调整）"),
]


def seed_default_policies(policy_model) -> int:
    """Create the defaults that are missing; an existing row (maybe edited) is left alone."""
    created = 0
    for kind, order_type, channel, urgency, length, unit, note in DEFAULT_POLICIES:
        _, was_created = policy_model.objects.get_or_create(
            kind=kind, order_type=order_type, channel=channel, urgency=urgency,
            defaults={"length": length, "unit": unit, "note": note},
        )
        created += was_created
    return created


#: The default ladder rules: seed 001's channels (the 3-day urge to the work group, the 2-day urge as
#: a platform message, the due-day urge as a phone task for the supervisor), supervision to the
#: department's leader, the fast-response directive to the whole team. A channel the deployment has
#: not switched on is skipped, so these work out of the box on the inbox alone, which also writes
#: every message it delivers to the log.
DEFAULT_REMINDER_RULES = [
    ("reminder", ["handler"], ["inbox"], "过半提醒承办人"),
    ("urge_3wd", ["handler", "duty"], ["webhook", "inbox"], "到期前3个工作日：工作群催办"),
    ("urge_2wd", ["handler", "duty"], ["inbox"], "到期前2个工作日：平台消息催办"),
    ("urge_due_day", ["handler", "duty"], ["sms", "inbox"], "到期当日：电话督促（短信任务）"),
    ("urge_80", ["handler", "duty"], ["sms", "inbox"], "短时限（快反）80%催办"),
    ("supervise", ["leader", "handler"], ["email", "inbox"], "超期督办：部门领导"),
    ("directive", ["handler", "duty"], ["webhook", "sms", "inbox"], "快反指令：快反分队全体"),
]


def seed_default_reminder_rules(rule_model) -> int:
    created = 0
    for step, recipients, channels, note in DEFAULT_REMINDER_RULES:
        _, was_created = rule_model.objects.get_or_create(
            step=step, defaults={"recipients": recipients, "channels": channels, "note": note}
        )
        created += was_created
    return created
