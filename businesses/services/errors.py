"""Errors the business services raise, with messages fit for the user."""

from django.utils.translation import gettext_lazy as _


class BusinessServiceError(Exception):
    code = "error"
    message = _("The action could not be completed.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        self.message = message or self.message


class AlreadyReviewed(BusinessServiceError):
    code = "already_reviewed"
    message = _("This application has already been reviewed.")


class NotAllowed(BusinessServiceError):
    code = "not_allowed"
    message = _("You do not have permission to do this.")


class NoDirectory(BusinessServiceError):
    code = "no_directory"
    message = _("There is no business directory page to put the storefront in.")
