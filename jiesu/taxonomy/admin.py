"""系统配置 for the taxonomy. A code is typed once when the entry is created and read-only afterwards:
orders, the API, the classifier's corpus and exports refer to it. Entries are retired with 启用
rather than deleted, so old orders keep their labels; deleting is left to the superuser."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jiesu.taxonomy.models import (
    Category,
    DangerRule,
    FastResponseReason,
    IssueNature,
    Line,
    LineRule,
    Request,
)


class EntryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "description"]

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class LineRuleInline(admin.StackedInline):
    model = LineRule
    extra = 0
    fields = [
        ("name", "precedence", "decides", "boost"),
        "keywords",
        "exceptions",
        ("sort_order", "is_active"),
    ]


@admin.register(Line)
class LineAdmin(EntryAdmin):
    inlines = [LineRuleInline]


@admin.register(LineRule)
class LineRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "line", "precedence", "decides", "boost", "is_active"]
    list_filter = ["decides", "is_active", "line"]
    search_fields = ["name", "keywords"]


class CategoryChildInline(admin.TabularInline):
    """Existing children at a glance, their codes fixed like every code; a new second-level category
    is added on its own page with this one as its parent, where its code is typed once."""

    model = Category
    fk_name = "parent"
    extra = 0
    verbose_name = _("二级类别")
    verbose_name_plural = _("二级类别")
    fields = ["code", "name", "sort_order", "is_active"]
    readonly_fields = ["code"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Category)
class CategoryAdmin(EntryAdmin):
    list_display = ["__str__", "code", "parent", "sort_order", "is_active"]
    list_filter = ["is_active", ("parent", admin.EmptyFieldListFilter)]
    inlines = [CategoryChildInline]

    def get_inlines(self, request, obj):
        """Children are edited on their first-level category; a second-level one has none."""
        return self.inlines if obj is None or obj.parent_id is None else []


@admin.register(Request)
class RequestAdmin(EntryAdmin):
    list_display = ["name", "code", "alias", "sort_order", "is_active"]


@admin.register(IssueNature)
class IssueNatureAdmin(EntryAdmin):
    list_display = ["name", "code", "alias", "sort_order", "is_active"]


@admin.register(FastResponseReason)
class FastResponseReasonAdmin(EntryAdmin):
    pass


@admin.register(DangerRule)
class DangerRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "reason_names", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active", "reasons"]
    search_fields = ["name", "keywords"]
    filter_horizontal = ["reasons"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reasons")

    @admin.display(description=_("对应情形"))
    def reason_names(self, obj: DangerRule) -> str:
        return "、".join(reason.name for reason in obj.reasons.all())
