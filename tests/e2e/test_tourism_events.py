"""Event calendar, listing and event page in a real browser: axe-core finds no
serious or critical violation in ja and en, and the calendar works by keyboard."""

import datetime as dt

from django.utils import timezone

from tests.e2e.test_accessibility import check_pages
from tests.tourism.factories import make_attraction, make_event, translate


def make_events():
    today = timezone.localdate()
    hall = make_attraction("公会堂")
    translate(hall, "en", title="Town Hall")
    later = today + dt.timedelta(days=1)
    market = make_event(
        "朝市",
        title_ruby="朝市《あさいち》",
        start_date=later,
        start_time=dt.time(23, 0),
        end_time=dt.time(23, 45),
        repeat="weekly",
        repeat_until=later + dt.timedelta(days=60),
        exceptions=[later + dt.timedelta(days=7)],
        venue_page=hall,
        price=0,
        organiser="町内会",
    )
    cancelled = make_event("中止の演奏会", start_date=later, status="cancelled", price=1000)
    english = translate(market, "en", title="Morning market", title_ruby="")
    cancelled_en = translate(cancelled, "en", title="Concert (cancelled)")
    return market, english, cancelled_en


def calendar_path(language):
    """The month of tomorrow's events (this month, unless today is its last day)."""
    day = timezone.localdate() + dt.timedelta(days=1)
    return f"/{language}/visit/events/calendar/{day.year}/{day.month}/"


def test_event_pages_have_no_serious_violations(page, axe_violations):
    market, english, _cancelled = make_events()
    paths = [
        calendar_path("ja"),
        calendar_path("en"),
        "/ja/visit/events/",
        "/en/visit/events/?when=someday",  # with a field error shown
        market.url,
        english.url,
    ]
    problems = check_pages(page, axe_violations, paths)
    assert not problems, "\n".join(problems)


def test_calendar_is_usable_by_keyboard(page):
    market, english, cancelled = make_events()
    page.goto("/en/visit/events/calendar/")
    assert page.locator('td[aria-current="date"]').count() == 1
    page.goto(calendar_path("en"))
    caption = page.locator("table.calendar caption")
    assert caption.inner_text().startswith("Events in")
    for _ in range(80):  # tab through the page until a day's event link has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('table.calendar')"):
            break
    else:
        raise AssertionError("no event link in the calendar could be reached with Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused in {english.url, cancelled.url}
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(focused)
    assert page.locator("h1").count() == 1
