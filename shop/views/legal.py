"""Placeholder: being built."""

from django.http import Http404


def legal_notice(request, *args, **kwargs):
    raise Http404
