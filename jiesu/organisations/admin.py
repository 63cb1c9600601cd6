from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from jiesu.core.errors import DomainError
from jiesu.organisations.choices import Role
from jiesu.organisations.models import ApiToken, Department, JurisdictionArea, PersonalDataAccess, Staff
from jiesu.organisations.services import department_save


class JurisdictionAreaInline(admin.TabularInline):
    model = JurisdictionArea
    extra = 1


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "code", "kind", "line", "auto_dispatch", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    inlines = [JurisdictionAreaInline]
    ordering = ["path"]

    @admin.display(description=_("名称"))
    def indented_name(self, obj: Department) -> str:
        return "　" * max(obj.depth - 1, 0) + obj.name

    def save_model(self, request, obj, form, change):
        """Through the service, so the materialised path of this node and its subtree stays right."""
        try:
            department_save(department=obj)
        except DomainError as exc:
            messages.error(request, exc.detail)
            raise


class StaffRolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class StaffForm(UserChangeForm):
    """Django's user change form (the password shown as a hash with a reset link), with roles as
    checkboxes of the role codes."""

    roles = StaffRolesField(label=_("角色"), choices=Role.choices, required=False)

    class Meta(UserChangeForm.Meta):
        model = Staff
        fields = ["username", "password", "full_name", "phone", "department", "roles", "is_duty",
                  "may_view_personal_data", "is_active", "is_staff", "is_superuser", "last_login", "date_joined"]


class StaffCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = Staff
        fields = ["username"]


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    form = StaffForm
    add_form = StaffCreationForm
    list_display = ["username", "full_name", "department", "role_list", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["username", "full_name", "phone"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("人员信息"), {"fields": ("full_name", "phone", "department", "roles", "is_duty", "may_view_personal_data")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("登录记录"), {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(description=_("角色"))
    def role_list(self, obj: Staff) -> str:
        return "、".join(obj.role_labels)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "staff", "name", "created_at", "last_used_at", "is_active"]
    list_filter = ["is_active"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["staff", "name", "prefix", "created_at", "last_used_at", "is_active"]

    def has_add_permission(self, request):
        return False  # tokens are minted by `jiesu token create`, which shows the secret once


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "staff", "subject", "fields", "via"]
    list_filter = ["via"]
    search_fields = ["subject", "staff__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
