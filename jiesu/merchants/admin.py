from django.contrib import admin

from jiesu.merchants.models import Merchant


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "address", "department", "is_odr", "dual_commitment", "seven_day_return"]
    list_filter = ["is_odr", "dual_commitment", "seven_day_return", "is_active", "department"]
    search_fields = ["name", "credit_code", "address"]
    autocomplete_fields = ["department"]
