"""The Japanese UI catalogue is complete, compiled, and used by the site."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUES = Path(settings.LOCALE_PATHS[0])
JA_PO = CATALOGUES / "ja" / "LC_MESSAGES" / "django.po"
JA_MO = CATALOGUES / "ja" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def ja_po():
    return polib.pofile(str(JA_PO))


def test_catalogues_live_in_locale_paths():
    assert JA_PO.exists()
    assert (CATALOGUES / "en" / "LC_MESSAGES" / "django.po").exists()


def test_japanese_catalogue_is_fully_translated(ja_po):
    assert len(ja_po) > 100
    assert [e.msgid for e in ja_po.untranslated_entries()] == []
    assert [e.msgid for e in ja_po.fuzzy_entries()] == []
    assert [e.msgid for e in ja_po.obsolete_entries()] == []
    assert ja_po.percent_translated() == 100


def test_translations_keep_their_placeholders(ja_po):
    wrong = []
    for entry in ja_po.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file(ja_po):
    """compilemessages was run after the last edit of the .po file."""
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(JA_MO))}
    stale = []
    for entry in ja_po.translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        if found is None:
            stale.append(entry.msgid)
        elif entry.msgid_plural:
            if found.msgstr_plural != entry.msgstr_plural:
                stale.append(entry.msgid)
        elif found.msgstr != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == []


def test_gettext_uses_the_catalogue():
    with translation.override("ja"):
        assert translation.gettext("Open now") == "営業中"
        assert translation.gettext("Temporarily closed") == "臨時休業"
        assert translation.pgettext("opening hours row", "D n/j") == "n/j（D）"
        assert (
            translation.ngettext("%(counter)s shop", "%(counter)s shops", 3) % {"counter": 3}
            == "3件のお店"
        )
    with translation.override("en"):
        assert translation.gettext("Open now") == "Open now"


@pytest.mark.django_db
def test_japanese_pages_show_the_japanese_interface(client):
    html = client.get("/ja/").content.decode()
    assert "メインコンテンツへ移動" in html
    assert "Skip to main content" not in html
    html = client.get("/en/").content.decode()
    assert "Skip to main content" in html
    assert "メインコンテンツへ移動" not in html


@pytest.mark.django_db
def test_japanese_storefront_uses_japanese_labels(client, storefront1):
    html = client.get(storefront1.url).content.decode()
    assert "営業時間" in html
    assert "バリアフリー情報" in html
    assert ("営業中" in html) or ("営業時間外" in html)
    assert "Opening hours" not in html
    assert "Barrier-free information" not in html
