"""The classification jiesu ships with (../shared/taxonomy.md), as the data the first migration loads.

After that the tables in the admin are the truth and this module is only the seed, as
deadlines/defaults.py is for the deadline policies. Two readers besides the migration: the test
suite puts the rows back after a transactional test empties the tables, and the taxonomy selector
reads these lists when the database has no taxonomy tables at all (`jiesu classify` in a fresh data
folder, which needs no database).

Codes are those API v1 and the stored orders already carry: English codes for lines and
fast-response reasons, the Chinese terms themselves for categories, requests and issue natures
(api-v1.md's body sends "服装鞋帽" and "退货"). The English words intake has always accepted for
requests, and the demo uses for issue natures, stay accepted as aliases.
"""

# (code, name, description)
LINES = [
    ("food", "食品", "食品饮料、保健食品、餐饮外卖、单位食堂：安全、卫生、变质、异物、食品标签"),
    ("drug", "药品", "药品（含中药饮片）、药店、化妆品"),
    ("medical_device", "医疗器械", "医疗器械和体外诊断产品：血压计、血糖仪、口罩、隐形眼镜、助听器、理疗仪"),
    (
        "supermarket",
        "商超",
        "与商场、超市、百货及其专柜就非食品商品或门店服务发生的争议（退换、推诿、存包、积分、搜身）",
    ),
    (
        "professional_claim",
        "职业索赔",
        "以营利为目的的索赔：十倍赔偿、退一赔三、惩罚性赔偿、标签瑕疵、绝对化用语、索要奖励、模板化法律文书",
    ),
    (
        "general",
        "一般消费纠纷",
        "其他服务和消费纠纷：美容美发（非预付）、洗衣、摄影、家政、旅游住宿、快递、电信、驾校、网购退货",
    ),
    ("auto", "汽车", "新车二手车、4S店、维修保养、配件轮胎、车辆续航和质量"),
    ("real_estate", "房地产", "新房二手房、房产和租赁中介、家装和全屋定制合同"),
    (
        "price",
        "价格",
        "明码标价、价格欺诈（虚构原价、先涨后降）、结账多收、未公示或超标收费、停车、出租车、加油",
    ),
    ("quality", "产品质量", "缺陷产品、三包维修更换（手机、家电、电脑）、假冒伪劣、产品安全"),
    ("special_equipment", "特种设备", "电梯、扶梯、锅炉、压力容器、气瓶、索道、大型游乐设施"),
    ("prepaid", "预付式消费", "预付卡、储值卡、会员卡和预付课程：退费、停业、卷款跑路、新老板不认老卡"),
]

# taxonomy.md section 1's boundary rules in their order; rule 9 (everything else is general) is the
# model's job. (number, line, name, decides, boost, keywords, exceptions). The first three decide
# the line whatever the product; rules 4-8 only lean towards their line, because their words also
# appear in orders that belong elsewhere.
LINE_RULES = [
    (1, "professional_claim", "惩罚性赔偿", True, 0.0, (
        "十倍赔偿", "十倍的赔偿", "价款十倍", "十倍价款", "退一赔十", "退一赔三", "三倍赔偿", "三倍的赔偿",
        "惩罚性赔偿", "假一赔十", "举报奖励", "奖励", "第一百四十八条", "第148条", "第五十五条第一款",
        "第五十五条", "第55条",
    ), ("积分奖励", "奖励积分", "推荐奖励")),
    (2, "prepaid", "预付式消费", True, 0.0, (
        "预付", "储值", "会员卡", "办卡", "办了卡", "充值卡", "充值", "课时", "卷款跑路", "卷钱跑路",
        "次卡", "年卡", "季卡", "月卡", "健身卡", "美容卡", "美发卡", "洗车卡", "课程包", "余额不退",
        "不认老卡", "老卡",
    ), ("话费充值", "充值话费", "手机充值", "游戏充值", "会员积分", "积分")),
    (3, "special_equipment", "特种设备", True, 0.0, (
        "电梯", "扶梯", "锅炉", "压力容器", "气瓶", "液化气罐", "煤气罐", "索道", "游乐设施", "过山车",
        "摩天轮", "大摆锤", "蹦极",
    ), ("电梯房", "电梯广告", "电梯口", "电梯间广告")),
    (4, "food", "食品安全", False, 0.3, (
        "变质", "异物", "发霉", "过期食品", "吃出", "腹泻", "拉肚子", "食物中毒", "外卖", "餐厅", "饭店",
    ), ()),
    (4, "drug", "药品化妆品", False, 0.3, ("药店", "药房", "处方", "化妆品", "面霜", "口红"), ()),
    (4, "medical_device", "医疗器械", False, 0.3, (
        "血压计", "血糖仪", "助听器", "隐形眼镜", "医疗器械", "口罩", "理疗仪", "试剂盒",
    ), ()),
    (5, "price", "价格", False, 0.3, (
        "明码标价", "原价", "多收", "标价", "价格欺诈", "先涨后降", "虚构原价", "收费标准", "乱收费",
        "停车费", "加价",
    ), ()),
    (6, "auto", "汽车", False, 0.2, ("4S店", "汽车", "新车", "二手车", "车辆", "轮胎"), ()),
    (6, "real_estate", "房地产", False, 0.2, ("开发商", "物业", "中介", "装修", "租房", "房东", "交房", "全屋定制"), ()),
    (7, "supermarket", "商超", False, 0.2, ("超市", "商场", "百货", "专柜", "存包柜"), ()),
]  # fmt: skip

# First level from taxonomy.md section 2, each with the second level a 12315 centre reports by.
CATEGORIES = [
    ("服装鞋帽", ("男装", "女装", "童装", "鞋类", "箱包", "帽子及服饰配件")),
    ("手机及电子产品", ("手机", "电脑及配件", "平板电脑", "智能穿戴设备", "摄影摄像器材", "耳机音箱")),
    ("家用电器", ("空调", "冰箱", "洗衣机", "电视机", "热水器", "厨房电器", "小家电")),
    (
        "食品",
        (
            "乳制品",
            "肉及肉制品",
            "粮油调味品",
            "饮料酒水",
            "保健食品",
            "婴幼儿配方食品",
            "预包装零食",
            "生鲜果蔬",
        ),
    ),
    ("餐饮服务", ("餐馆", "外卖", "单位食堂", "饮品店")),
    ("药品", ("处方药", "非处方药", "中药饮片")),
    ("化妆品", ("护肤品", "彩妆", "洗护用品")),
    ("医疗器械", ("家用医疗器械", "医用耗材", "隐形眼镜及护理液", "体外诊断试剂")),
    ("汽车及配件", ("新车", "二手车", "汽车维修保养", "汽车配件", "电动自行车")),
    ("房屋及装修", ("新建商品房", "二手房", "房屋租赁", "家庭装修", "建材")),
    ("家具", ("成品家具", "定制家具")),
    ("日用百货", ("洗涤用品", "厨具餐具", "纸制品", "文具", "玩具")),
    ("珠宝首饰", ("黄金饰品", "珠宝玉石", "钟表眼镜")),
    ("美容美发", ("美容", "美发", "美甲", "医疗美容")),
    ("健身", ("健身房", "游泳馆", "体育培训")),
    ("教育培训", ("学科培训", "艺术培训", "职业技能培训", "驾校", "早教托育")),
    ("旅游住宿", ("旅行社", "酒店民宿", "景区")),
    ("交通出行", ("出租车网约车", "共享单车", "航空铁路", "停车服务")),
    ("电信网络", ("通信服务", "宽带", "网络购物平台", "网络游戏", "直播带货")),
    ("快递物流", ("快递", "搬家货运")),
    ("文化娱乐", ("影院剧场", "KTV", "游乐场所", "演出票务")),
    ("家政服务", ("保洁", "保姆月嫂", "家电清洗维修")),
    ("生活服务其他", ("洗衣", "摄影", "婚庆", "宠物服务", "殡葬服务", "物业服务")),
    ("其他商品", ()),
]

# (code, English alias, keywords stated in the text): taxonomy.md section 3. The keywords catch the
# plain words of each request so a request the caller states is never missed by the model.
REQUESTS = [
    ("退货", "return", ("退货", "要求退掉", "退回商品")),
    ("换货", "exchange", ("换货", "更换", "换新", "换一台", "换一个", "调换")),
    ("维修", "repair", ("维修", "修理", "保修", "返修")),
    ("退款", "refund", ("退款", "退钱", "退费", "退还", "退回费用", "返还")),
    ("赔偿", "compensation", ("赔偿", "赔付", "索赔", "损失")),
    ("履行约定", "perform", ("履行", "兑现", "按约定", "按合同", "如期交付", "交付", "发货")),
    ("赔礼道歉", "apology", ("道歉", "赔礼")),
    ("查处", "investigate", ("查处", "处罚", "查办", "依法处理", "严肃处理", "举报")),
    ("解答", "answer", ("咨询", "请问", "是否合法", "是否合规", "怎么办", "能否", "可不可以")),
]

# (code, English alias): taxonomy.md section 4.
ISSUES = [
    ("质量", "quality"), ("安全", "safety"), ("价格", "price"), ("计量", "measurement"),
    ("虚假宣传", "false_advertising"), ("合同", "contract"), ("售后服务", "after_sales"),
    ("人格尊严", "dignity"), ("个人信息", "personal_data"), ("假冒", "counterfeit"),
    ("格式条款", "unfair_terms"), ("无证无照", "unlicensed"), ("其他", "other"),
]  # fmt: skip

# (code, name, description): taxonomy.md section 5, the cases that make an order fast (seed 002).
FAST_RESPONSE_REASONS = [
    ("on_site", "消费现场发生争议且当场投诉", "争议正在消费场所发生，消费者在现场投诉"),
    ("evidence", "需要当下固定证据", "证据须立即固定，否则会灭失"),
    ("visitor", "外地消费者停留时间有限", "外地消费者短暂停留，须尽快处理"),
    (
        "safety",
        "人身或财产安全受到侵害",
        "人身或财产正在受到侵害或面临紧迫危险：电梯困人、燃气泄漏、群体食物中毒、受伤",
    ),
    ("group", "群访或重大舆情", "群访、多人同时投诉或重大舆情事件"),
    ("leader", "领导指定快速处置", "领导批示快速处置的其他事项"),
]

# (name, keywords, reasons, exceptions): the words that qualify an order for fast response and the
# reasons intake then shows. A reason listed first is not more important; intake lists reasons in
# the order of FAST_RESPONSE_REASONS.
DANGER_RULES = [
    ("人员被困", ("被困", "困在电梯", "电梯困人", "关在电梯", "困在里面", "困在轿厢", "电梯关人", "电悌关人",
                  "停在半空", "悬在半空", "卡在半空"),
     ("safety", "on_site"), ("被困了一个多小时", "后来")),
    ("燃气泄漏", ("燃气泄漏", "煤气泄漏", "天然气泄漏", "液化气泄漏", "燃气味", "煤气味"), ("safety",), ()),
    ("群体中毒", ("多人呕吐", "多人腹泻", "多人中毒", "集体中毒", "群体中毒", "多人食物中毒", "陆续出现",
                  "呕吐症状"),
     ("safety", "group"), ()),
    ("人身危险", ("中毒", "受伤", "起火", "冒烟", "爆炸", "触电", "电击", "夹住", "误食", "救护车", "叫了120",
                  "打了120", "打了119", "急诊", "呼吸困难", "送往医院"),
     ("safety",), ("轻度中毒", "缝了", "差点着火", "差点把")),
    ("现场投诉", ("正在现场", "人在现场", "现在就在", "现在在", "现正在", "正在店", "还在店里", "当场", "不让走",
                  "不让离开", "不让下车", "不让拿", "僵持", "正在争执", "到场", "现场"),
     ("on_site",), ("当场没发现", "当场没有发现", "当场未发现", "当场发现", "当场要求")),
    ("固定证据", ("监控会被覆盖", "监控被覆盖", "证据会被销毁", "马上销毁", "正在销毁", "正在卸", "还在卸货",
                  "还在后厨", "亲眼看到"),
     ("evidence",), ()),
    ("外地游客", ("外地游客", "外地人", "外地旅客", "来旅游", "出差", "明天就要离开", "明天就走", "马上要走",
                  "必须离开", "赶飞机", "赶火车", "的航班", "的火车", "返程"),
     ("visitor",), ()),
    ("群访舆情", ("群访", "集体投诉", "几十名", "上百名", "上百人", "聚集", "围堵", "舆情", "媒体曝光", "网上热传"),
     ("group",), ()),
    ("领导批示", ("领导批示", "领导批转", "领导交办", "批示要求"), ("leader",), ()),
]  # fmt: skip

#: How the admin's keyword boxes are written: one word per line, or separated by 、，, ; or spaces.
KEYWORD_SEPARATOR = "、"


def keywords_join(words) -> str:
    return KEYWORD_SEPARATOR.join(words)


def seed_defaults(get_model) -> int:
    """Create the default rows that are missing, by code (rules by name); an existing row, maybe
    edited in the admin, is left alone. `get_model(name)` returns the model, historical in a
    migration. Returns how many rows were created."""
    created = 0

    def make(model_name: str, lookup: dict, defaults: dict):
        nonlocal created
        row, was_created = get_model(model_name).objects.get_or_create(**lookup, defaults=defaults)
        created += was_created
        return row

    lines = {}
    for i, (code, name, description) in enumerate(LINES, start=1):
        lines[code] = make(
            "Line", {"code": code}, {"name": name, "description": description, "sort_order": i * 10}
        )
    for i, (number, line, name, decides, boost, words, unless) in enumerate(LINE_RULES, start=1):
        make("LineRule", {"line": lines[line], "name": name}, {
            "precedence": number, "decides": decides, "boost": boost, "keywords": keywords_join(words),
            "exceptions": keywords_join(unless), "sort_order": i * 10,
        })  # fmt: skip
    for i, (code, children) in enumerate(CATEGORIES, start=1):
        parent = make("Category", {"code": code}, {"name": code, "sort_order": i * 10})
        for j, child in enumerate(children, start=1):
            make("Category", {"code": child}, {"name": child, "parent": parent, "sort_order": j * 10})
    for i, (code, alias, words) in enumerate(REQUESTS, start=1):
        make(
            "Request",
            {"code": code},
            {"name": code, "alias": alias, "keywords": keywords_join(words), "sort_order": i * 10},
        )
    for i, (code, alias) in enumerate(ISSUES, start=1):
        make("IssueNature", {"code": code}, {"name": code, "alias": alias, "sort_order": i * 10})
    reasons = {}
    for i, (code, name, description) in enumerate(FAST_RESPONSE_REASONS, start=1):
        reasons[code] = make("FastResponseReason", {"code": code}, {
            "name": name, "description": description, "sort_order": i * 10,
        })  # fmt: skip
    for i, (name, words, codes, unless) in enumerate(DANGER_RULES, start=1):
        rule = make("DangerRule", {"name": name}, {
            "keywords": keywords_join(words), "exceptions": keywords_join(unless), "sort_order": i * 10,
        })  # fmt: skip
        if not rule.reasons.exists():
            rule.reasons.set([reasons[code] for code in codes])
    return created
