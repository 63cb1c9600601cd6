"""Mounts the interfaces; nothing else."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "接诉即办 jiesu 系统配置"
admin.site.site_title = "jiesu 系统配置"
admin.site.index_title = "配置与数据维护"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("jiesu.api.v1.urls")),
    path("public/", include("jiesu.portals.urls")),
    path("", include("jiesu.ui.urls")),
]
if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
