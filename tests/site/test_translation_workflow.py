"""City staff translate tourism pages with wagtail-localize in the admin:
submit a page for translation, translate its strings in the editor,
publish; see which translations a later change left out of date; and send
the text to a translator as a PO file and take it back."""

import re
from urllib.parse import urlencode

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from tests import factories
from tests.tourism.factories import make_attraction

pytestmark = pytest.mark.django_db

PATH = "visit/attractions/kanasana/"


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def temple():
    return make_attraction("金鑚神社", slug="kanasana", summary="古い神社。")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def submit(client, page, *codes):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale(code).pk for code in codes]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def translation_of(page, code):
    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale=locale(code))


def target(page, code):
    return page.get_translation(locale(code)).specific


def segment(translation, text):
    return StringSegment.objects.get(source=translation.source, string__data=text)


def translate_string(client, translation, text, value):
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment(translation, text).pk],
        ),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


def translate_all(client, translation, texts):
    """Every string of the page, as the editor would: the given translations,
    the rest (address lines, slug) kept as they are."""
    done = set(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of_id", flat=True
        )
    )
    for seg in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if seg.string_id in done:
            continue
        translate_string(
            client, translation, seg.string.data, texts.get(seg.string.data, seg.string.data)
        )


@pytest.fixture
def publish_translation(client, django_capture_on_commit_callbacks):
    """Publish from the translation editor (the page's edit view); the
    publication itself runs when the transaction commits."""

    def publish(page, as_client=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = (as_client or client).post(
                reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
            )
        assert response.status_code == 302, response.content.decode()[:2000]

    return publish


def test_staff_translate_a_tourism_page_in_the_admin(staff_client, temple, publish_translation):
    client = staff_client
    # The page's menu offers the translation; the form lists the four languages.
    form = client.get(reverse("wagtail_localize:submit_page_translation", args=[temple.pk]))
    assert form.status_code == 200
    for code in ["en", "zh-hans", "zh-hant", "ko"]:
        assert f'value="{locale(code).pk}"' in form.content.decode()

    response = submit(client, temple, "en")

    english = target(temple, "en")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english.pk])
    # A draft until translated: the English address still shows the Japanese page.
    assert not english.live
    page = client.get(f"/en/{PATH}").content.decode()
    assert "This page is not yet available in English" in page

    # The page's edit view is wagtail-localize's translation editor.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor.status_code == 200
    assert 'class="js-translation-editor"' in editor.content.decode()

    translation = translation_of(temple, "en")
    total, done = translation.get_progress()
    assert done == 0 and total >= 2
    translate_string(client, translation, "金鑚神社", "Kanasana Shrine")
    translate_string(client, translation, "古い神社。", "An old shrine.")
    assert translation.get_progress() == (total, 2)
    translate_all(client, translation, {})
    assert translation.get_progress() == (total, total)
    publish_translation(english)

    english.refresh_from_db()
    assert english.live
    assert english.title == "Kanasana Shrine"
    html = client.get(f"/en/{PATH}").content.decode()
    assert "Kanasana Shrine" in html
    assert "An old shrine." in html
    assert "not yet available" not in html
    assert '<link rel="alternate" hreflang="en"' in html


def test_a_change_to_the_source_shows_which_translations_are_out_of_date(
    staff_client, temple, publish_translation
):
    client = staff_client
    submit(client, temple, "en", "ko")
    for code, title in [("en", "Kanasana Shrine"), ("ko", "가나사나 신사")]:
        translate_all(
            client, translation_of(temple, code), {"金鑚神社": title, "古い神社。": f"{title}."}
        )
        publish_translation(target(temple, code))

    def waiting():
        report = client.get(
            reverse("wagtail_localize:translations_report_results"),
            {"waiting_for_translation": "true"},
        )
        assert report.status_code == 200
        return report.content.decode()

    def missing(code):
        total, done = translation_of(temple, code).get_progress()
        return total - done

    assert missing("en") == missing("ko") == 0
    assert "金鑚神社" not in waiting()

    # An editor changes the Japanese summary and publishes it.
    temple.summary = "千年の歴史がある古い神社。"
    temple.save_revision(user=factories.make_user("editor", staff=True)).publish()

    # Both translations now miss one string, in the report and in each editor.
    assert missing("en") == missing("ko") == 1
    report = waiting()
    assert "金鑚神社" in report
    assert report.count("金鑚神社") >= 2  # one row per language
    # The published translations keep their text until translated again.
    assert "Kanasana Shrine." in client.get(f"/en/{PATH}").content.decode()

    # Translating the new string and publishing brings English up to date.
    translation = translation_of(temple, "en")
    translate_string(
        client, translation, "千年の歴史がある古い神社。", "A thousand-year-old shrine."
    )
    publish_translation(target(temple, "en"))
    assert missing("en") == 0
    assert missing("ko") == 1
    assert "A thousand-year-old shrine." in client.get(f"/en/{PATH}").content.decode()


def test_po_file_round_trip_through_the_admin(staff_client, temple, publish_translation):
    client = staff_client
    submit(client, temple, "ko")
    translation = translation_of(temple, "ko")
    korean = target(temple, "ko")

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/x-gettext-translation")
    assert "attachment;" in download["Content-Disposition"]
    po = polib.pofile(download.content.decode())
    assert {entry.msgid for entry in po} >= {"金鑚神社", "古い神社。"}
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)

    # The translator fills in the file...
    for entry in po:
        entry.msgstr = {"金鑚神社": "가나사나 신사", "古い神社。": "오래된 신사."}.get(
            entry.msgid, entry.msgid
        )
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile(
                "kanasana-ko.po", str(po).encode(), "text/x-gettext-translation"
            ),
            "next": reverse("wagtailadmin_pages:edit", args=[korean.pk]),
        },
    )
    assert upload.status_code == 302
    assert StringTranslation.objects.filter(locale=locale("ko"), data="가나사나 신사").exists()

    # ...and staff publish the translation.
    publish_translation(korean)
    html = client.get(f"/ko/{PATH}").content.decode()
    assert "가나사나 신사" in html
    assert "오래된 신사." in html
    assert "notice--fallback" not in html
    assert re.search(r'<html lang="ko"', html)


def test_a_po_file_for_another_translation_is_refused(staff_client, temple):
    client = staff_client
    submit(client, temple, "en", "ko")
    english, korean = translation_of(temple, "en"), translation_of(temple, "ko")
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[english.pk])).content.decode()
    )
    for entry in po:
        entry.msgstr = "wrong"

    client.post(
        reverse("wagtail_localize:upload_pofile", args=[korean.pk]),
        {"file": SimpleUploadedFile("x.po", str(po).encode())},
    )

    assert not StringTranslation.objects.filter(data="wrong").exists()


def test_city_staff_hold_the_permissions_translation_needs(staff):
    assert staff.has_perm("wagtail_localize.submit_translation")
    temple = make_attraction("金鑚神社", slug="kanasana")
    perms = temple.permissions_for_user(staff)
    assert perms.can_edit() and perms.can_publish()


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard
    (and a message); wagtail-localize's API views with a 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_owners_cannot_translate_other_owners_storefronts(
    client, owner2, storefront1, storefront2, staff
):
    # Staff start a synced translation of storefront 1 into Korean.
    staff_client = type(client)()
    staff_client.force_login(staff)
    submit(staff_client, storefront1, "ko")
    translation = translation_of(storefront1, "ko")
    korean = target(storefront1, "ko")
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[storefront1.pk])

    client.force_login(owner2)  # a member of storefront 2's business
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert denied(client.get(submit_url))
    assert denied(client.post(submit_url, {"locales": [locale("zh-hans").pk]}))
    assert denied(client.get(reverse("wagtailadmin_pages:edit", args=[korean.pk])))
    assert denied(
        client.post(reverse("wagtailadmin_pages:edit", args=[korean.pk]), {"action": "publish"})
    )
    assert denied(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])))
    assert denied(
        client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
            {"file": SimpleUploadedFile("x.po", b"")},
        )
    )
    seg = StringSegment.objects.filter(source=translation.source).first()
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, seg.pk]),
        urlencode({"value": "hijacked"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert denied(response)
    assert not StringTranslation.objects.filter(data="hijacked").exists()
    assert not storefront1.get_translations().filter(locale__language_code="zh-hans").exists()
    assert not target(storefront1, "ko").live


def test_owners_work_on_their_own_storefronts_translation(client, owner1, storefront1, staff):
    """The same views answer the storefront's own owner (the refusals above
    are about whose storefront it is), who still cannot start translations."""
    staff_client = type(client)()
    staff_client.force_login(staff)
    submit(staff_client, storefront1, "ko")
    translation = translation_of(storefront1, "ko")

    client.force_login(owner1)
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    assert "喫茶まちかど" in download.content.decode()
    translate_string(client, translation, "喫茶まちかど", "마치카도 찻집")
    assert (
        client.get(
            reverse("wagtailadmin_pages:edit", args=[target(storefront1, "ko").pk])
        ).status_code
        == 200
    )
    assert denied(
        client.get(reverse("wagtail_localize:submit_page_translation", args=[storefront1.pk]))
    )
