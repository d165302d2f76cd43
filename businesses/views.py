from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from .forms import BusinessApplicationForm
from .services.submit_application import submit_application


def _message_language() -> str:
    """The language the applicant used, for every e-mail we send them."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@never_cache
def apply(request):
    form = BusinessApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.language = _message_language()
        submit_application(application)
        return redirect("businesses:apply_thanks")
    return render(
        request, "businesses/apply.html", {"form": form}, status=400 if form.errors else 200
    )


def apply_thanks(request):
    return render(request, "businesses/apply_thanks.html")
