"""Admin forms as a browser would submit them, read from the real admin page."""

from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

FORM_ID = "w-editor-form"


def form_data(html, form_id=FORM_ID, **changes):
    """The form's fields with their current values; ticked checkboxes send
    "on" like a browser; ``changes`` set fields (True/False for checkboxes)."""
    data = querydict_from_html(html, form_id=form_id)
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    for key, values in list(data.lists()):
        # a textarea's first newline is not part of its value
        data.setlist(key, [value[1:] if value.startswith("\n") else value for value in values])
    form = BeautifulSoup(html, "html.parser").find(id=form_id)
    for box in form.find_all("input", type="checkbox"):
        name = box.get("name")
        if name and "__prefix__" not in name and box.has_attr("checked"):
            data[name] = box.get("value") or "on"
    for key, value in changes.items():
        if value is True:
            data[key] = "on"
        elif value is False or value is None:
            data.pop(key, None)
        else:
            data[key] = str(value)
    return data


def get_form(client, url, **changes):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return form_data(response.content.decode(), **changes)


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user
