"""Factories for departments and staff; departments go through the service so paths are right."""

from functools import cache

import factory
from django.contrib.auth.hashers import make_password

from jiesu.organisations.models import Department, Staff
from jiesu.organisations.services import department_save

PASSWORD = "test-pass-123"


@cache
def _hashed(raw: str) -> str:
    """PBKDF2 at Django's work factor costs ~0.5 s a user; the `org` fixture makes a dozen per test.
    Hash each raw password once per run: logins with it still work, the salt is merely shared."""
    return make_password(raw)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"部门{n}")
    kind = "office"
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return department_save(department=model_class(*args, **kwargs))


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"人员{n}")
    department = factory.SubFactory(DepartmentFactory)
    roles = factory.LazyFunction(lambda: ["handler"])
    #: `StaffFactory(password="raw")` still takes the raw password; it is hashed before the insert.
    password = factory.Transformer(PASSWORD, transform=lambda raw: _hashed(raw or PASSWORD))


def org_tree():
    """The small organisation of the root conftest's `org` fixture (one person per role in a tree
    of a centre, two districts with offices, a fast-response team and an external department),
    as a plain function so module-scoped test data can be built from it too."""
    from types import SimpleNamespace

    city = DepartmentFactory(code="city", name="市市场监管局", kind="municipal_bureau")
    centre = DepartmentFactory(code="centre", name="12315中心", kind="centre", parent=city)
    district_a = DepartmentFactory(code="dist-a", name="西城区局", kind="district_bureau", parent=city)
    office_a1 = DepartmentFactory(code="office-a1", name="西长安街所", kind="office", parent=district_a)
    office_a2 = DepartmentFactory(code="office-a2", name="金融街所", kind="office", parent=district_a)
    district_b = DepartmentFactory(code="dist-b", name="东城区局", kind="district_bureau", parent=city)
    office_b1 = DepartmentFactory(code="office-b1", name="东华门所", kind="office", parent=district_b)
    fast_team = DepartmentFactory(code="fast-team", name="快反分队", kind="fast_response_team", parent=city)
    external = DepartmentFactory(code="housing", name="住建委", kind="external")
    ns = SimpleNamespace(
        city=city, centre=centre, district_a=district_a, office_a1=office_a1, office_a2=office_a2,
        district_b=district_b, office_b1=office_b1, fast_team=fast_team, external=external,
    )
    ns.operator = StaffFactory(username="operator", department=centre, roles=["operator"])
    ns.dispatcher = StaffFactory(username="dispatcher", department=centre, roles=["dispatcher"])
    ns.visitor = StaffFactory(username="visitor", department=centre, roles=["visitor"])
    ns.centre_leader = StaffFactory(username="centre_leader", department=centre, roles=["leader", "dispatcher"])
    ns.admin = StaffFactory(username="admin", department=centre, roles=["admin"], is_staff=True, is_superuser=True)
    ns.handler_a1 = StaffFactory(username="handler_a1", department=office_a1, roles=["handler"])
    ns.handler_a1b = StaffFactory(username="handler_a1b", department=office_a1, roles=["handler"])
    ns.leader_a1 = StaffFactory(username="leader_a1", department=office_a1, roles=["leader"])
    ns.leader_a = StaffFactory(username="leader_a", department=district_a, roles=["leader"])
    ns.handler_a2 = StaffFactory(username="handler_a2", department=office_a2, roles=["handler"])
    ns.handler_b1 = StaffFactory(username="handler_b1", department=office_b1, roles=["handler"])
    ns.leader_b = StaffFactory(username="leader_b", department=district_b, roles=["leader"])
    ns.fast_handler = StaffFactory(username="fast_handler", department=fast_team, roles=["handler"])
    return ns
