"""The staff UI. Every page but login needs a signed-in user; scope comes from the selectors."""

from django.urls import include, path

from jiesu.ui.views import (
    auth,
    board,
    calls,
    exports,
    inbox,
    intake,
    orders,
    overview,
    queues,
    stats,
    warnings,
)

app_name = "ui"

urlpatterns = [
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("", auth.home, name="home"),
    path("intake/", intake.intake, name="intake"),
    path("intake/respondents/", intake.respondents, name="intake_respondents"),
    path("intake/caller/", intake.caller, name="intake_caller"),
    path("intake/suggest/", intake.suggest, name="intake_suggest"),
    path("dispatch/", queues.dispatch_queue, name="dispatch_queue"),
    path("dispatch/handlers/", queues.handler_options, name="handler_options"),
    path("my-work/", queues.my_work, name="my_work"),
    path("orders/", orders.orders, name="order_list"),
    path("orders/export.xlsx", exports.order_export, name="order_export"),
    path("orders/<str:number>/", orders.order_page, name="order_detail"),
    path("orders/<str:number>/actions/<str:action>/", orders.order_action, name="order_action"),
    path("orders/<str:number>/attachments/<int:pk>/", orders.attachment, name="attachment"),
    path("orders/<str:number>/directive-sheet.pdf", orders.directive_sheet, name="directive_sheet"),
    path("overview/", overview.overview, name="overview"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/bell/", inbox.bell, name="inbox_bell"),
    path("inbox/read/", inbox.mark_read, name="inbox_read"),
    path("board/", board.board, name="board"),
    path("board/print/", board.board_print, name="board_print"),
    path("board/export.xlsx", board.board_export, name="board_export"),
    path("warnings/", warnings.warnings, name="warnings"),
    path("stats/", stats.stats, name="stats"),
    path("stats/orders/", stats.stats_orders, name="stats_orders"),
    path("warnings/notify/", warnings.warning_notify, name="warning_notify"),
    path("calls/import/", calls.calls_import_page, name="calls_import"),
    path("callbacks/", calls.callbacks, name="callbacks"),
    path("callbacks/<int:pk>/outcome/", calls.callback_outcome, name="callback_outcome"),
    path("quality/", include("jiesu.ui.views.quality")),
    path("assessment/", include("jiesu.ui.views.assessment")),
    path("reports/", include("jiesu.ui.views.reports")),
    path("advisories/", include("jiesu.ui.views.advisories")),
]
