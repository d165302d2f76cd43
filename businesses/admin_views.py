"""City staff's review of applications in the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic.models import IndexView, InspectView

from .forms import RejectApplicationForm
from .models import BusinessApplication
from .services.errors import BusinessServiceError
from .services.review_application import approve_application, reject_application

INSPECT_URL = "business_applications:inspect"


class ApplicationIndexView(IndexView):
    def get_edit_url(self, instance):
        # Staff open an application to review it, not to edit it.
        return reverse(INSPECT_URL, args=[instance.pk])


class ApplicationInspectView(InspectView):
    template_name = "businesses/admin/application_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.object
        context["can_review"] = (
            self.object.status == BusinessApplication.Status.PENDING
            and self.request.user.has_perm("businesses.change_businessapplication")
        )
        context["reject_form"] = RejectApplicationForm()
        return context


@require_POST
def approve(request, pk):
    application = get_object_or_404(BusinessApplication, pk=pk)
    try:
        business = approve_application(application, request.user)
    except BusinessServiceError as error:
        messages.error(request, error.message)
        return redirect(INSPECT_URL, pk)
    messages.success(
        request,
        _("“%(name)s” approved. The owner has been invited and a draft storefront created.")
        % {"name": business.name},
    )
    return redirect("business_applications:index")


@require_POST
def reject(request, pk):
    application = get_object_or_404(BusinessApplication, pk=pk)
    form = RejectApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the applicant a reason for the rejection."))
        return redirect(INSPECT_URL, pk)
    try:
        reject_application(application, request.user, form.cleaned_data["reason"])
    except BusinessServiceError as error:
        messages.error(request, error.message)
        return redirect(INSPECT_URL, pk)
    messages.success(request, _("Application rejected; the applicant has been told why."))
    return redirect("business_applications:index")
