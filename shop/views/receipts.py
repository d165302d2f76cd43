"""Placeholder: being built."""

from django.http import Http404


def receipt(request, *args, **kwargs):
    raise Http404
