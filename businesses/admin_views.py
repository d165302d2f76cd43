"""City staff's review of applications, and business membership, in the Wagtail admin."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.log_actions import log

from .forms import RejectApplicationForm
from .models import BusinessApplication
from .services import membership
from .services.errors import BusinessServiceError
from .services.owner_access import create_business
from .services.review_application import REVIEW_PERMISSION, approve_application, reject_application

INSPECT_URL = "business_applications:inspect"
ALL_STATUSES = "all"


class StatusFilter(django_filters.ChoiceFilter):
    """Pending applications unless staff ask for others."""

    def filter(self, qs, value):
        if value == ALL_STATUSES:
            return qs
        return qs.filter(status=value or BusinessApplication.Status.PENDING)


class ApplicationFilterSet(WagtailFilterSet):
    status = StatusFilter(
        label=gettext_lazy("Status"),
        choices=[*BusinessApplication.Status.choices, (ALL_STATUSES, gettext_lazy("All"))],
        empty_label=None,
        initial=BusinessApplication.Status.PENDING,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = BusinessApplication
        fields = ["status", "possible_duplicate"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("status"):
            data["status"] = BusinessApplication.Status.PENDING
        super().__init__(data, *args, **kwargs)


class ApplicationIndexView(IndexView):
    """The review queue: pending applications, oldest first."""

    filterset_class = ApplicationFilterSet
    default_ordering = "submitted_at"

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
            and self.request.user.has_perm(REVIEW_PERMISSION)
        )
        context["reject_form"] = RejectApplicationForm()
        return context


def _require_reviewer(request):
    # The services check again; refusing here gives a 403 instead of a
    # message on a page the user may not even see.
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


@require_POST
def approve(request, pk):
    _require_reviewer(request)
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
    _require_reviewer(request)
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


# -- businesses and their members ------------------------------------------------


class _MembershipFormMixin:
    """Hands the form's membership fields to the membership service."""

    def apply_membership_changes(self, business):
        data = self.form.cleaned_data
        removed = list(data.get("remove_members") or [])
        if removed:
            membership.remove_members(business, removed, actor=self.request.user)
        email = data.get("invite_email")
        if email:
            result = membership.invite_member(business, email, actor=self.request.user)
            if result.created:
                message = _("%(email)s has been invited to edit %(business)s.")
            else:
                message = _("%(email)s can now edit %(business)s.")
            messages.success(self.request, message % {"email": email, "business": business.name})
        if removed:
            messages.success(
                self.request,
                _("Removed from %(business)s: %(names)s.")
                % {
                    "business": business.name,
                    "names": ", ".join(u.get_full_name() or u.get_username() for u in removed),
                },
            )


class BusinessCreateView(_MembershipFormMixin, CreateView):
    def save_instance(self):
        # A business needs its members group and media collection.
        business = create_business(
            self.form.cleaned_data["name"], self.form.cleaned_data.get("name_kana", "")
        )
        log(business, "wagtail.create", user=self.request.user)
        self.apply_membership_changes(business)
        return business


class BusinessEditView(_MembershipFormMixin, EditView):
    def save_instance(self):
        business = super().save_instance()
        self.apply_membership_changes(business)
        return business
