"""Search analytics without personal data: what was asked and what was
clicked, never who asked (no user, session, IP or cookie)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.documents import KINDS


class SearchLog(models.Model):
    """One search as typed (normalised, capped), its language and how many
    results it had. Browsing with an empty query is not logged."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    results = models.PositiveIntegerField(_("results"))
    filtered = models.BooleanField(_("with filters"), default=False)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["query", "created_at"])]

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    """A result opened from a search: its kind and position only."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    search = models.ForeignKey(
        SearchLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="clicks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=[(k, k) for k in KINDS])
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("search click")
        verbose_name_plural = _("search clicks")

    def __str__(self):
        return f"{self.kind} #{self.position}"
