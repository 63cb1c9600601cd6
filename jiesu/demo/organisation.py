"""The demo organisation: a Beijing-like city bureau, its 12315 centre, three district bureaus with
their market-supervision offices, the business sections, a fast-response team and the two
external departments seed 000 names as transfer targets (housing for rental deposits, culture for
mini KTV booths), plus one memorable user for every role.

Everything goes through organisations.services, so paths and role checks are the real ones, and
everything is get-or-create by code or username: loading twice adds nothing.
"""

import os
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from jiesu.orders.choices import Line
from jiesu.organisations.choices import DepartmentKind as Kind
from jiesu.organisations.choices import JurisdictionKind as Area
from jiesu.organisations.choices import Role
from jiesu.organisations.models import Department, JurisdictionArea, Staff
from jiesu.organisations.services import department_create, staff_create

DEFAULT_PASSWORD = "jiesu-demo-2025"
PASSWORD_ENV = "JIESU_DEMO_PASSWORD"

CITY = "city"
CENTRE = "centre"
FAST_TEAM = "fast-team"
HOUSING = "housing"
CULTURE = "culture-tourism"


def demo_password() -> str:
    return os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None
    line: str = ""
    phone: str = ""
    areas: tuple[tuple[str, str], ...] = ()
    #: The district's abbreviation in case numbers (京西市监立〔2026〕12号); offices inherit it.
    case_prefix: str = ""
    #: The fast-response team takes directives the moment a fast order is registered (seed 002).
    auto_dispatch: bool = False


def _areas(street: str, *, markets=(), communities=(), keywords=()) -> tuple[tuple[str, str], ...]:
    return (
        ((Area.STREET, street),)
        + tuple((Area.MARKET, m) for m in markets)
        + tuple((Area.COMMUNITY, c) for c in communities)
        + tuple((Area.KEYWORD, k) for k in keywords)
    )


# Tree order: a parent always comes before its children.
DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(CITY, "市市场监督管理局", Kind.MUNICIPAL_BUREAU, phone="010-12315", case_prefix="京市监"),
    DepartmentSpec(CENTRE, "12315投诉举报中心", Kind.CENTRE, CITY, phone="010-12315"),
    DepartmentSpec("xicheng", "西城区市场监督管理局", Kind.DISTRICT_BUREAU, CITY, phone="010-66012315", case_prefix="京西市监"),
    DepartmentSpec(
        "xichangan", "西长安街市场监管所", Kind.OFFICE, "xicheng", phone="010-66051234",
        areas=_areas(
            "西长安街街道", markets=("西单商业街", "西单商圈"), communities=("西单北社区", "府右街社区", "钟声社区"),
            keywords=("西单北大街", "西单", "西长安街", "宣武门内大街", "灵境胡同", "府右街", "横二条"),
        ),
    ),
    DepartmentSpec(
        "jinrongjie", "金融街市场监管所", Kind.OFFICE, "xicheng", phone="010-66082210",
        areas=_areas(
            "金融街街道", markets=("金融街购物中心商圈",), communities=("丰盛社区", "砖塔社区"),
            keywords=("金融街", "太平桥大街", "阜成门内大街", "复兴门内大街", "闹市口大街", "武定侯街"),
        ),
    ),
    DepartmentSpec(
        "shichahai", "什刹海市场监管所", Kind.OFFICE, "xicheng", phone="010-66183307",
        areas=_areas(
            "什刹海街道", markets=("什刹海酒吧街", "烟袋斜街商业区"), communities=("前海北沿社区", "旧鼓楼社区"),
            keywords=("地安门外大街", "鼓楼西大街", "烟袋斜街", "后海北沿", "前海西街", "德胜门内大街"),
        ),
    ),
    DepartmentSpec("dongcheng", "东城区市场监督管理局", Kind.DISTRICT_BUREAU, CITY, phone="010-64012315", case_prefix="京东市监"),
    DepartmentSpec(
        "donghuamen", "东华门市场监管所", Kind.OFFICE, "dongcheng", phone="010-65133120",
        areas=_areas(
            "东华门街道", markets=("王府井商业街", "王府井步行街"), communities=("多福巷社区", "韶九社区"),
            keywords=("王府井大街", "王府井", "东单北大街", "金鱼胡同", "灯市口大街", "东安门大街"),
        ),
    ),
    DepartmentSpec(
        "dongzhimen", "东直门市场监管所", Kind.OFFICE, "dongcheng", phone="010-64036651",
        areas=_areas(
            "东直门街道", markets=("簋街餐饮街",), communities=("东外社区", "清水苑社区"),
            keywords=("东直门内大街", "簋街", "东直门外大街", "东四十条", "香河园路"),
        ),
    ),
    DepartmentSpec(
        "qianmen", "前门市场监管所", Kind.OFFICE, "dongcheng", phone="010-67025518",
        areas=_areas(
            "前门街道", markets=("前门大街商业区",), communities=("草厂社区", "大江社区"),
            keywords=("前门大街", "鲜鱼口", "前门东大街", "长巷头条", "大江胡同"),
        ),
    ),
    DepartmentSpec("chaoyang", "朝阳区市场监督管理局", Kind.DISTRICT_BUREAU, CITY, phone="010-65012315", case_prefix="京朝市监"),
    DepartmentSpec(
        "jianwai", "建外市场监管所", Kind.OFFICE, "chaoyang", phone="010-65156302",
        areas=_areas(
            "建外街道", markets=("国贸商圈",), communities=("永安里社区", "光华里社区"),
            keywords=("建国门外大街", "国贸", "光华路", "东三环中路", "永安里"),
        ),
    ),
    DepartmentSpec(
        "sanlitun", "三里屯市场监管所", Kind.OFFICE, "chaoyang", phone="010-64166025",
        areas=_areas(
            "三里屯街道", markets=("三里屯商圈", "工体商圈"), communities=("幸福二村社区", "中纺里社区"),
            keywords=("三里屯路", "三里屯", "工人体育场北路", "工体", "幸福村中路", "新东路"),
        ),
    ),
    DepartmentSpec(
        "wangjing", "望京市场监管所", Kind.OFFICE, "chaoyang", phone="010-84725530",
        areas=_areas(
            "望京街道", markets=("望京商圈",), communities=("望京西园社区", "花家地社区"),
            keywords=("望京", "阜通东大街", "广顺北大街", "望京街", "宏昌路", "利泽中园"),
        ),
    ),
    DepartmentSpec("consumer-protection", "消费者权益保护科", Kind.SECTION, CITY, line=Line.PROFESSIONAL_CLAIM),
    DepartmentSpec("food", "食品经营安全监督管理科", Kind.SECTION, CITY, line=Line.FOOD),
    DepartmentSpec("drug", "药品化妆品监督管理科", Kind.SECTION, CITY, line=Line.DRUG),
    DepartmentSpec("medical-device", "医疗器械监督管理科", Kind.SECTION, CITY, line=Line.MEDICAL_DEVICE),
    DepartmentSpec("price", "价格监督检查科", Kind.SECTION, CITY, line=Line.PRICE),
    DepartmentSpec("special-equipment", "特种设备安全监察科", Kind.SECTION, CITY, line=Line.SPECIAL_EQUIPMENT),
    DepartmentSpec("quality", "产品质量安全监督管理科", Kind.SECTION, CITY, line=Line.QUALITY),
    DepartmentSpec(FAST_TEAM, "消费投诉快速响应分队", Kind.FAST_RESPONSE_TEAM, CITY, phone="010-66012399",
                   auto_dispatch=True),
    DepartmentSpec(HOUSING, "市住房和城乡建设委员会", Kind.EXTERNAL, phone="010-55597000"),
    DepartmentSpec(CULTURE, "市文化和旅游局", Kind.EXTERNAL, phone="010-85157000"),
)

OFFICES = tuple(spec.code for spec in DEPARTMENTS if spec.kind == Kind.OFFICE)
SECTION_BY_LINE = {spec.line: spec.code for spec in DEPARTMENTS if spec.kind == Kind.SECTION}


@dataclass(frozen=True)
class UserSpec:
    username: str
    full_name: str
    department: str
    roles: tuple[str, ...]
    is_duty: bool = False


R = Role
USERS: tuple[UserSpec, ...] = (
    UserSpec("admin", "刘建华", CENTRE, (R.ADMIN,)),
    UserSpec("operator", "王晓燕", CENTRE, (R.OPERATOR,), is_duty=True),
    UserSpec("operator2", "陈静", CENTRE, (R.OPERATOR,)),
    UserSpec("operator3", "张丽娟", CENTRE, (R.OPERATOR,)),
    UserSpec("dispatcher", "李明", CENTRE, (R.DISPATCHER,), is_duty=True),
    UserSpec("dispatcher2", "赵雪", CENTRE, (R.DISPATCHER,)),
    UserSpec("centre_leader", "孙立军", CENTRE, (R.LEADER, R.DISPATCHER)),
    UserSpec("visitor", "周婷", CENTRE, (R.VISITOR,)),
    UserSpec("visitor2", "吴楠", CENTRE, (R.VISITOR,)),
    UserSpec("director", "郑国强", CITY, (R.LEADER,)),
    UserSpec("leader_xc", "马卫东", "xicheng", (R.LEADER,)),
    UserSpec("leader_dc", "高文斌", "dongcheng", (R.LEADER,)),
    UserSpec("leader_cy", "何振华", "chaoyang", (R.LEADER,)),
    UserSpec("leader_xca", "黄志刚", "xichangan", (R.LEADER,)),
    UserSpec("handler_xca", "杨帆", "xichangan", (R.HANDLER,), is_duty=True),
    UserSpec("handler_xca2", "林晓雨", "xichangan", (R.HANDLER,)),
    UserSpec("handler_jrj", "徐磊", "jinrongjie", (R.HANDLER,), is_duty=True),
    UserSpec("handler_sch", "郭佳", "shichahai", (R.HANDLER,), is_duty=True),
    UserSpec("handler_dhm", "罗毅", "donghuamen", (R.HANDLER,), is_duty=True),
    UserSpec("handler_dhm2", "梁雪梅", "donghuamen", (R.HANDLER,)),
    UserSpec("handler_dzm", "宋健", "dongzhimen", (R.HANDLER,), is_duty=True),
    UserSpec("handler_qm", "谢芳", "qianmen", (R.HANDLER,), is_duty=True),
    UserSpec("handler_jw", "韩冰", "jianwai", (R.HANDLER,), is_duty=True),
    UserSpec("handler_slt", "唐悦", "sanlitun", (R.HANDLER,), is_duty=True),
    UserSpec("handler_slt2", "冯凯", "sanlitun", (R.HANDLER,)),
    UserSpec("handler_wj", "冯涛", "wangjing", (R.HANDLER,), is_duty=True),
    UserSpec("leader_xb", "董红", "consumer-protection", (R.LEADER,)),
    UserSpec("handler_xb", "于敏", "consumer-protection", (R.HANDLER,)),
    UserSpec("handler_food", "程亮", "food", (R.HANDLER,)),
    UserSpec("handler_drug", "曹丽", "drug", (R.HANDLER,)),
    UserSpec("handler_device", "袁博", "medical-device", (R.HANDLER,)),
    UserSpec("handler_price", "许诺", "price", (R.HANDLER,)),
    UserSpec("handler_tz", "傅强", "special-equipment", (R.HANDLER,)),
    UserSpec("handler_quality", "沈燕", "quality", (R.HANDLER,)),
    UserSpec("fast1", "曾勇", FAST_TEAM, (R.HANDLER,), is_duty=True),
    UserSpec("fast2", "彭飞", FAST_TEAM, (R.HANDLER,)),
)


@dataclass
class Organisation:
    """The loaded demo organisation with the look-ups the order replay needs."""

    departments: dict[str, Department]
    staff: dict[str, Staff]
    #: (area name, office code), longest name first: routing's "longest match wins".
    area_index: list[tuple[str, str]] = field(default_factory=list)

    def department(self, code: str) -> Department:
        return self.departments[code]

    def user(self, username: str) -> Staff:
        return self.staff[username]

    def handlers(self, code: str) -> list[Staff]:
        return [s for s in self.staff.values() if s.department_id == self.departments[code].pk and Role.HANDLER in s.roles]

    def leader_for(self, code: str) -> Staff:
        """Who approves extensions and takes cases over for a department: the district leader for
        an office, the centre leader for sections and the fast-response team."""
        spec = SPEC_BY_CODE[code]
        if spec.kind == Kind.OFFICE:
            return self.staff[DISTRICT_LEADER[spec.parent]]
        return self.staff["centre_leader"]

    def office_for_address(self, address: str) -> str | None:
        for name, code in self.area_index:
            if name in address:
                return code
        return None

    def case_prefix(self, code: str) -> str:
        spec = SPEC_BY_CODE[code]
        while not spec.case_prefix and spec.parent:
            spec = SPEC_BY_CODE[spec.parent]
        return spec.case_prefix


SPEC_BY_CODE = {spec.code: spec for spec in DEPARTMENTS}
DISTRICT_LEADER = {"xicheng": "leader_xc", "dongcheng": "leader_dc", "chaoyang": "leader_cy"}


def organisation_build(*, password: str) -> Organisation:
    """Create whatever part of the demo organisation is missing and return all of it."""
    existing = {d.code: d for d in Department.objects.filter(code__in=SPEC_BY_CODE)}
    for spec in DEPARTMENTS:
        if spec.code in existing:
            continue
        parent = existing[spec.parent] if spec.parent else None
        existing[spec.code] = department_create(
            code=spec.code, name=spec.name, kind=spec.kind, parent=parent, line=spec.line, phone=spec.phone,
            auto_dispatch=spec.auto_dispatch,
        )
    taken = set(JurisdictionArea.objects.values_list("kind", "name"))
    JurisdictionArea.objects.bulk_create(
        JurisdictionArea(department=existing[spec.code], kind=kind, name=name)
        for spec in DEPARTMENTS
        for kind, name in spec.areas
        if (kind, name) not in taken
    )

    staff = {s.username: s for s in Staff.objects.select_related("department").filter(username__in=[u.username for u in USERS])}
    created = []
    for spec in USERS:
        if spec.username in staff:
            continue
        # An unusable password here, the real one below: see _share_password.
        user = staff_create(
            username=spec.username, password=None, full_name=spec.full_name,
            department=existing[spec.department], roles=list(spec.roles), is_duty=spec.is_duty,
            may_view_personal_data=Role.LEADER in spec.roles,
        )
        staff[spec.username] = user
        created.append(user)
    _share_password(created, password)

    index = sorted(
        ((name, spec.code) for spec in DEPARTMENTS for _kind, name in spec.areas),
        key=lambda pair: -len(pair[0]),
    )
    ordered = {spec.username: staff[spec.username] for spec in USERS}
    return Organisation(departments=existing, staff=ordered, area_index=index)


def _share_password(users: list[Staff], password: str) -> None:
    """Every demo user has the one printed password. It is hashed once: PBKDF2 at Django's work
    factor costs most of a second here, and three dozen users would spend half a minute hashing the
    same string. Django still upgrades the hash on login if the hasher settings change."""
    if not users:
        return
    encoded = make_password(password)
    Staff.objects.filter(pk__in=[u.pk for u in users]).update(password=encoded)
    for user in users:
        user.password = encoded
