"""Who sees which orders (style.md rule 7: outside the scope an order is "not found") and how much
of the complainant they see (style.md "Personal data": masked unless the viewer may see it, and
every unmasked read leaves an access-log row)."""

import pytest

from jiesu.core.errors import NotFound
from jiesu.orders.choices import Action
from jiesu.orders.selectors import OrderFilters, order_available_actions, order_detail, order_get, order_list
from jiesu.orders.tests.factories import register, walk
from jiesu.orders.workflow import actions
from jiesu.organisations.models import PersonalDataAccess
from jiesu.organisations.tests.factories import StaffFactory


def numbers(viewer) -> set[str]:
    return {o.number for o in order_list(viewer=viewer, filters=OrderFilters(), limit=200).items}


@pytest.fixture
def orders(org):
    """One order waiting at the centre, one with office A1, one with office A2, one with B1."""
    waiting = register(org.operator)
    a1 = walk(register(org.operator), org, "dispatch")
    a2 = actions.do_dispatch(order=register(org.operator), actor=org.dispatcher, department=org.office_a2)
    b1 = actions.do_dispatch(order=register(org.operator), actor=org.dispatcher, department=org.office_b1)
    return {"waiting": waiting.number, "a1": a1.number, "a2": a2.number, "b1": b1.number}


class TestScope:
    def test_the_centre_sees_every_order(self, org, orders):
        assert numbers(org.dispatcher) == set(orders.values())
        assert numbers(org.operator) == set(orders.values())

    def test_the_municipal_bureau_sees_every_order(self, org, orders):
        bureau = StaffFactory(username="bureau", department=org.city, roles=["leader"])
        assert numbers(bureau) == set(orders.values())

    def test_a_district_leader_sees_the_districts_orders_only(self, org, orders):
        assert numbers(org.leader_a) == {orders["a1"], orders["a2"]}
        assert numbers(org.leader_b) == {orders["b1"]}

    def test_an_office_sees_its_own_orders_only(self, org, orders):
        assert numbers(org.handler_a1) == {orders["a1"]}
        assert numbers(org.leader_a1) == {orders["a1"]}

    def test_a_district_sees_what_its_own_operators_registered(self, org, orders):
        operator_a = StaffFactory(username="operator_a", department=org.district_a, roles=["operator"])
        own = register(operator_a)

        assert own.number in numbers(org.leader_a)
        assert own.number not in numbers(org.leader_b)

    def test_a_co_handling_department_sees_the_order(self, org, orders):
        order = order_get(viewer=org.dispatcher, number=orders["a1"])
        actions.do_add_cohandler(order=order, actor=org.dispatcher, department=org.office_b1, reason="涉及东城门店")

        assert numbers(org.handler_b1) == {orders["b1"], orders["a1"]}
        assert order_get(viewer=org.leader_b, number=orders["a1"]).number == orders["a1"]

    def test_a_returned_order_goes_back_to_the_centres_view(self, org, orders):
        order = order_get(viewer=org.handler_a1, number=orders["a1"])
        actions.do_return(order=order, actor=org.handler_a1, reason="不属于本所辖区")

        assert orders["a1"] not in numbers(org.handler_a1)
        assert orders["a1"] in numbers(org.dispatcher)

    @pytest.mark.parametrize("viewer", ["handler_b1", "leader_b", "handler_a2"])
    def test_an_order_outside_the_scope_is_not_found(self, org, orders, viewer):
        with pytest.raises(NotFound):
            order_get(viewer=getattr(org, viewer), number=orders["a1"])
        with pytest.raises(NotFound):
            order_detail(viewer=getattr(org, viewer), number=orders["a1"])

    def test_an_unknown_number_is_not_found_either(self, org, orders):
        with pytest.raises(NotFound):
            order_get(viewer=org.dispatcher, number="20990101000001")

    def test_staff_without_a_department_see_nothing(self, org, orders):
        loose = StaffFactory(username="loose", department=None, roles=["leader"])
        assert numbers(loose) == set()

    def test_no_action_is_offered_on_an_order_outside_the_scope(self, org, orders):
        order = order_get(viewer=org.dispatcher, number=orders["a1"])
        assert order_available_actions(viewer=org.handler_b1, order=order) == []
        assert Action.ACCEPT in order_available_actions(viewer=org.handler_a1, order=order)


class TestMasking:
    @pytest.fixture
    def order(self, org):
        order = register(org.operator, complainant_id_number="11010519491231002X")
        return walk(order, org, "dispatch").number

    def test_a_leader_without_the_right_sees_masked_data_and_nothing_is_logged(self, org, order):
        detail = order_detail(viewer=org.leader_a, number=order)

        assert detail["complainant"]["phone"] == "138****8000"
        assert detail["complainant"]["id_number"] == "1101**********002X"
        assert detail["complainant"]["address"] == "西城区西长安****"
        assert detail["complainant"]["name"] == "张三"
        assert not PersonalDataAccess.objects.exists()

    def test_an_operator_sees_everything_and_the_read_is_logged(self, org, order):
        detail = order_detail(viewer=org.operator, number=order, via="ui")

        assert detail["complainant"]["phone"] == "13800138000"
        assert detail["complainant"]["id_number"] == "11010519491231002X"
        assert detail["complainant"]["address"] == "西城区西长安街1号院3号楼"
        access = PersonalDataAccess.objects.get()
        assert (access.staff, access.subject, access.via) == (org.operator, order, "ui")
        assert access.fields == ["phone", "id_number", "address"]

    def test_a_leader_granted_the_right_sees_everything_and_is_logged(self, org, order):
        org.leader_a.may_view_personal_data = True
        org.leader_a.save(update_fields=["may_view_personal_data"])

        detail = order_detail(viewer=org.leader_a, number=order)

        assert detail["complainant"]["phone"] == "13800138000"
        assert PersonalDataAccess.objects.get().staff == org.leader_a

    def test_each_unmasked_read_is_logged_separately(self, org, order):
        order_detail(viewer=org.handler_a1, number=order)
        order_detail(viewer=org.handler_a1, number=order)

        assert PersonalDataAccess.objects.filter(staff=org.handler_a1).count() == 2

    def test_an_anonymous_report_has_nothing_to_unmask_and_logs_nothing(self, org):
        order = register(org.operator, type="report", anonymous=True, complainant_phone="", complainant_name="",
                         complainant_address="", respondent_name="")

        detail = order_detail(viewer=org.operator, number=order.number)

        assert detail["complainant"] == {"name": None, "phone": None, "id_number": None, "address": None,
                                         "anonymous": True}
        assert not PersonalDataAccess.objects.exists()

    def test_the_detail_carries_the_events_and_deadlines(self, org, order):
        detail = order_detail(viewer=org.leader_a, number=order)

        assert [e["action"] for e in detail["events"]] == ["register", "dispatch"]
        assert {d["kind"] for d in detail["deadlines"]} == {"acknowledge", "accept_decision"}
        assert detail["department"] == "office-a1"
