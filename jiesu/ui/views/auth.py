"""Login, logout and the landing page. Django's own auth views, with jiesu's templates."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

from jiesu.orders.choices import Status
from jiesu.organisations.choices import Role

login = auth_views.LoginView.as_view(template_name="ui/login.html", redirect_authenticated_user=True)
logout = auth_views.LogoutView.as_view()  # POST only (Django 5), so a prefetched link cannot log anyone out

#: Where each role starts its day. A person with several roles starts at their first one.
HOME_BY_ROLE = {
    Role.OPERATOR: "ui:intake",
    Role.DISPATCHER: "ui:dispatch_queue",
    Role.HANDLER: "ui:my_work",
    Role.LEADER: "ui:overview",
    Role.VISITOR: "ui:order_list",
}


@login_required
def home(request):
    for role in request.user.roles or ():
        if role in HOME_BY_ROLE:
            url = reverse(HOME_BY_ROLE[role])
            if role == Role.VISITOR:  # concluded orders are the ones waiting for a return visit
                url += f"?status={Status.CONCLUDED}"
            return redirect(url)
    return redirect("ui:order_list")
