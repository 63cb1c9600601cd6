"""Writes on the organisation: department paths, staff, API tokens, the personal-data access log."""

import pytest

from jiesu.core.errors import InvalidInput, NotFound
from jiesu.organisations.models import ApiToken, Department, PersonalDataAccess, Staff
from jiesu.organisations.services import (
    api_token_authenticate,
    api_token_create,
    department_create,
    department_save,
    personal_data_access_record,
    staff_create,
)
from jiesu.organisations.tests.factories import PASSWORD, StaffFactory


class TestDepartments:
    def test_a_path_is_the_chain_of_ids(self, db):
        city = department_create(code="city", name="市局", kind="municipal_bureau")
        district = department_create(code="d", name="区局", kind="district_bureau", parent=city)
        office = department_create(code="o", name="所", kind="office", parent=district)

        assert city.path == f"/{city.pk}/"
        assert office.path == f"/{city.pk}/{district.pk}/{office.pk}/"
        assert Department.objects.get(pk=office.pk).depth == 3

    def test_moving_a_department_moves_its_whole_subtree(self, org):
        org.district_a.parent = org.district_b
        department_save(department=org.district_a)

        for department in (org.district_a, org.office_a1, org.office_a2):
            department.refresh_from_db()
            assert department.path.startswith(org.district_b.path), department
        assert org.office_a1.path == f"{org.district_b.path}{org.district_a.pk}/{org.office_a1.pk}/"

    @pytest.mark.parametrize("new_parent", ["district_a", "office_a1"])
    def test_a_department_cannot_sit_below_itself(self, org, new_parent):
        org.district_a.parent = getattr(org, new_parent)

        with pytest.raises(InvalidInput) as refused:
            department_save(department=org.district_a)

        assert "parent" in refused.value.fields
        assert Department.objects.get(pk=org.district_a.pk).parent == org.city

    def test_an_unknown_kind_is_refused(self, db):
        with pytest.raises(InvalidInput) as refused:
            department_create(code="x", name="x", kind="ministry")
        assert "kind" in refused.value.fields


class TestStaff:
    def test_creates_staff_with_roles_and_a_usable_password(self, org):
        staff = staff_create(username="new", password="s3cret-pass", full_name="新人", department=org.office_a1,
                             roles=["handler"])

        assert staff.check_password("s3cret-pass")
        assert (staff.roles, staff.is_staff) == (["handler"], False)

    def test_an_administrator_may_use_the_admin_site(self, org):
        staff = staff_create(username="root", password="s3cret-pass", full_name="", department=None, roles=["admin"])
        assert staff.is_staff and staff.is_superuser

    @pytest.mark.parametrize(("username", "roles", "field"), [("operator", ["handler"], "username"),
                                                              ("new", ["janitor"], "roles")])
    def test_refuses_a_taken_username_or_an_unknown_role(self, org, username, roles, field):
        count = Staff.objects.count()

        with pytest.raises(InvalidInput) as refused:
            staff_create(username=username, password="s3cret-pass", full_name="", department=None, roles=roles)

        assert field in refused.value.fields
        assert Staff.objects.count() == count

    def test_the_factory_password_logs_in(self, db):
        assert StaffFactory().check_password(PASSWORD)
        assert StaffFactory(password="other-pass-1").check_password("other-pass-1")

    def test_roles_and_the_admin_role(self, org):
        assert org.centre_leader.has_role("dispatcher") and org.centre_leader.has_role("leader")
        assert not org.handler_a1.has_role("leader", "dispatcher")
        assert org.admin.has_role("visitor")  # the administrator may take any role's action


class TestApiTokens:
    def test_a_token_authenticates_as_its_staff_and_only_its_digest_is_stored(self, org):
        raw = api_token_create(username="operator", name="12345 平台")

        assert raw.startswith("jsu_")
        assert api_token_authenticate(raw=raw) == org.operator
        token = ApiToken.objects.get()
        assert raw not in (token.digest, token.prefix) and token.digest == ApiToken.digest_of(raw)

    def test_a_wrong_revoked_or_inactive_users_token_does_not(self, org):
        raw = api_token_create(username="operator")
        assert api_token_authenticate(raw=raw + "x") is None
        assert api_token_authenticate(raw="") is None
        assert api_token_authenticate(raw="x" * 201) is None

        org.operator.is_active = False
        org.operator.save(update_fields=["is_active"])
        assert api_token_authenticate(raw=raw) is None

    def test_the_answer_is_cached_and_dropped_when_the_token_or_its_staff_change(
        self, org, django_assert_num_queries
    ):
        raw = api_token_create(username="operator")
        assert api_token_authenticate(raw=raw) == org.operator
        with django_assert_num_queries(0):
            assert api_token_authenticate(raw=raw) == org.operator
        token = ApiToken.objects.get()
        token.is_active = False
        token.save(update_fields=["is_active"])  # revoked in the admin
        assert api_token_authenticate(raw=raw) is None

    def test_a_role_change_reaches_the_cached_answer(self, org):
        raw = api_token_create(username="operator")
        assert api_token_authenticate(raw=raw).roles == ["operator"]
        org.operator.roles = ["operator", "dispatcher"]
        org.operator.save(update_fields=["roles"])
        assert api_token_authenticate(raw=raw).roles == ["operator", "dispatcher"]

    def test_no_cache_when_switched_off(self, org, settings, django_assert_num_queries):
        settings.JIESU_API_TOKEN_CACHE_SECONDS = 0
        raw = api_token_create(username="operator")
        api_token_authenticate(raw=raw)
        with django_assert_num_queries(1):
            assert api_token_authenticate(raw=raw) == org.operator

    def test_no_token_for_an_unknown_user(self, org):
        with pytest.raises(NotFound):
            api_token_create(username="nobody")


def test_a_personal_data_access_needs_the_fields_read(org):
    with pytest.raises(InvalidInput):
        personal_data_access_record(staff=org.operator, subject="20250303000001", fields=[], via="api")

    personal_data_access_record(staff=org.operator, subject="20250303000001", fields=["phone"], via="export")

    assert PersonalDataAccess.objects.get().fields == ["phone"]
