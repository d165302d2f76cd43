"""Placeholder: being built."""

from django.http import Http404


def checkout(request, *args, **kwargs):
    raise Http404


def pay(request, *args, **kwargs):
    raise Http404


def confirm_card(request, *args, **kwargs):
    raise Http404


def complete(request, *args, **kwargs):
    raise Http404
