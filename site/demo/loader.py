"""Load the demo region into the database, or take it out again.

Businesses are made the way an approved application makes them (a members
group, its own collection, an owner account, a storefront published by city
staff, then its English translation), through the same services, so the demo
exercises the real permission setup. Everything happens in one transaction.
"""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import post_save
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, ReferenceIndex
from wagtail.search import index
from wagtail.signal_handlers import disable_reference_index_auto_update

from businesses.hours import PUBLIC_HOLIDAY
from businesses.models import (
    Business,
    BusinessApplication,
    BusinessCategory,
    BusinessDirectoryPage,
    BusinessGalleryImage,
    BusinessPage,
    OpeningPeriod,
    PaymentMethod,
    SpecialOpeningDay,
    SpokenLanguage,
)
from businesses.services.owner_access import (
    add_member,
    create_business,
    sync_storefront_permissions,
)
from businesses.services.submit_application import submit_application
from machikado.models import HomePage, SiteIdentity
from machikado.setup import CITY_STAFF_GROUP
from shop.models import Order, Product
from tourism.models import Area

from . import content, tourism_loader
from .content import BusinessSpec, Person
from .pictures import picture
from .shop_loader import load_shops, remove_shops

SITE_COLLECTION = "Demo: site photos"
WEEKDAY_NUMBERS = {day: n for n, day in enumerate("月火水木金土日")} | {"祝": PUBLIC_HOLIDAY}
PREFECTURE, CITY = "群馬県", "藤岡市"


class DemoError(Exception):
    """The database is not ready for the demo."""


@dataclass(frozen=True)
class Account:
    username: str
    person: Person
    role: str


@dataclass(frozen=True)
class Summary:
    areas: int
    businesses: int
    storefronts: int
    images: int
    pending_applications: int
    in_review: int
    products: int
    orders: int


def accounts() -> list[Account]:
    result = [
        Account("admin", content.ADMIN, "superuser"),
        Account("staff", content.STAFF, CITY_STAFF_GROUP),
    ]
    for n, spec in enumerate(content.BUSINESSES, 1):
        result.append(Account(f"owner{n}", spec.owner, f"owner of {spec.name}"))
    return result


def demo_businesses():
    return Business.objects.filter(name__in=[spec.name for spec in content.BUSINESSES])


def is_loaded() -> bool:
    return demo_businesses().exists()


def summary() -> Summary:
    businesses = demo_businesses()
    pages = BusinessPage.objects.filter(business__in=businesses)
    return Summary(
        areas=Area.objects.filter(
            locale__language_code="ja", slug__in=[a.slug for a in content.AREAS]
        ).count(),
        businesses=businesses.count(),
        storefronts=pages.filter(locale__language_code="ja", live=True).count(),
        images=get_image_model().objects.filter(collection__business__in=businesses).count(),
        pending_applications=BusinessApplication.objects.filter(
            status=BusinessApplication.Status.PENDING,
            contact_email__in=[a.contact.email for a in content.APPLICATIONS],
        ).count(),
        in_review=sum(1 for page in pages if page.workflow_in_progress),
        products=Product.objects.filter(business__in=businesses).count(),
        orders=Order.objects.filter(business__in=businesses).count(),
    )


# -- loading -----------------------------------------------------------------


class _Loader:
    def __init__(self, today: dt.date):
        self.today = today
        self.ja = Locale.objects.filter(language_code="ja").first()
        self.en = Locale.objects.filter(language_code="en").first()
        self.directory = BusinessDirectoryPage.objects.filter(locale=self.ja).first()
        if self.directory is None or not HomePage.objects.filter(locale=self.en).exists():
            raise DemoError("The Japanese and English page trees are missing: run migrate first.")
        self.categories = {c.slug: c for c in BusinessCategory.objects.filter(locale=self.ja)}
        missing = {spec.category for spec in content.BUSINESSES} - set(self.categories)
        if missing:
            raise DemoError(f"Business categories missing: {', '.join(sorted(missing))}.")
        self.password = make_password(content.PASSWORD)  # hashed once for every account
        self.payments = {p.code: p for p in PaymentMethod.objects.all()}
        self.languages = {s.code: s for s in SpokenLanguage.objects.all()}
        self.areas: dict[str, Area] = {}

    def run(self):
        admin = self.user("admin", content.ADMIN, superuser=True)
        staff = self.user("staff", content.STAFF)
        staff.groups.add(Group.objects.get(name=CITY_STAFF_GROUP))
        for spec in content.AREAS:
            self.areas[spec.slug] = self.area(spec)
        pages = {}
        for n, spec in enumerate(content.BUSINESSES, 1):
            owner = self.user(f"owner{n}", spec.owner)
            pages[spec.slug] = self.storefront(spec, owner, reviewer=staff)
        load_shops({spec.slug: spec for spec in content.BUSINESSES}, pages)
        self.submit_edit(pages[content.EDIT_IN_REVIEW[0]], content.EDIT_IN_REVIEW[1])
        for application in content.APPLICATIONS:
            self.application(application)
        self.home(admin)

    def user(self, username: str, person: Person, superuser=False):
        user, _ = get_user_model().objects.update_or_create(
            username=username,
            defaults={
                "first_name": person.given,
                "last_name": person.family,
                "email": person.email,
                "password": self.password,
                "is_superuser": superuser,
                "is_staff": superuser,
                "is_active": True,
            },
        )
        return user

    def area(self, spec) -> Area:
        area, _ = Area.objects.update_or_create(
            locale=self.ja,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "name_kana": spec.kana,
                "latitude": Decimal(spec.latitude),
                "longitude": Decimal(spec.longitude),
            },
        )
        english = Area.objects.filter(translation_key=area.translation_key, locale=self.en).first()
        english = english or area.copy_for_translation(self.en)
        english.name, english.name_kana, english.slug = spec.name_en, "", spec.slug
        english.latitude, english.longitude = area.latitude, area.longitude
        english.save()
        return area

    def photos(self, spec: BusinessSpec, collection, owner):
        """The hero picture and gallery pictures, with their (ja, en) captions."""
        result = []
        for n, (caption, caption_en) in enumerate(content.CATEGORY_PHOTOS[spec.category]):
            data = picture(spec.name_en, caption_en, spec.category, f"{spec.slug}-{n}")
            image = get_image_model()(
                title=f"{spec.name} {caption}",
                description=f"{spec.name}「{caption}」のイメージ画像（デモ用）",
                collection=collection,
                uploaded_by_user=owner,
                file=ContentFile(data, name=f"{spec.slug}-{n + 1}.jpg"),
            )
            image.save()
            result.append((image, caption, caption_en))
        return result

    def special_days(self, spec: BusinessSpec, english: bool):
        days = []
        if spec.year_end:
            start = dt.date(self.today.year, 12, 31)
            if self.today <= dt.date(self.today.year, 1, 3):
                start = dt.date(self.today.year - 1, 12, 31)
            dates = [start + dt.timedelta(days=n) for n in range(4)]
            if spec.year_end == "short":
                dates = dates[1:3]
            note = "New Year holidays" if english else "年末年始休業"
            days += [SpecialOpeningDay(date=d, closed=True, note=note) for d in dates]
        for special in spec.special:
            date = dt.date(self.today.year, special.month, special.day)
            if date < self.today:
                date = date.replace(year=date.year + 1)
            days.append(
                SpecialOpeningDay(
                    date=date,
                    closed=not special.opens,
                    opens=_time(special.opens) if special.opens else None,
                    closes=_time(special.closes) if special.closes else None,
                    note=special.note_en if english else special.note,
                )
            )
        return sorted(days, key=lambda d: d.date)

    def body(self, spec: BusinessSpec, english: bool):
        area = next(a for a in content.AREAS if a.slug == spec.area)
        story, access = (spec.story_en, area.access_en) if english else (spec.story, area.access)
        questions = [*spec.questions, content.CATEGORY_QUESTIONS[spec.category]]
        return [
            {"type": "paragraph", "value": f"<p>{escape(story)}</p><p>{escape(access)}</p>"},
            {
                "type": "price_list",
                "value": {
                    "heading": spec.menu_heading_en if english else spec.menu_heading,
                    "items": [
                        {
                            "name": item.name_en if english else item.name,
                            "description": "",
                            "price": item.price,
                            "note": item.note_en if english else item.note,
                        }
                        for item in spec.menu
                    ],
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Questions and answers" if english else "よくある質問",
                    "questions": [
                        {
                            "question": q.question_en if english else q.question,
                            "answer": q.answer_en if english else q.answer,
                        }
                        for q in questions
                    ],
                },
            },
        ]

    def storefront(self, spec: BusinessSpec, owner, reviewer) -> BusinessPage:
        business = create_business(spec.name, spec.kana)
        add_member(business, owner)
        photos = self.photos(spec, business.collection, owner)
        page = BusinessPage(
            title=spec.name,
            slug=spec.slug,
            name_kana=spec.kana,
            business=business,
            category=self.categories[spec.category],
            area=self.areas[spec.area],
            summary=spec.summary,
            hero_image=photos[0][0],
            body=self.body(spec, english=False),
            postal_code=spec.postal_code,
            prefecture=PREFECTURE,
            city=CITY,
            street=spec.street,
            latitude=Decimal(spec.latitude),
            longitude=Decimal(spec.longitude),
            phone=spec.phone,
            email=f"info@{spec.slug}.example.jp",
            website=spec.website,
            instagram_url=spec.instagram,
            holiday_rule=spec.holiday_rule,
            hours_note=spec.hours_note,
            step_free_entrance=spec.step_free,
            accessible_toilet=spec.accessible_toilet,
            parking=spec.parking,
            accessibility_notes=spec.access_notes,
            live=False,
        )
        page.opening_periods = [
            OpeningPeriod(weekday=weekday, opens=_time(opens), closes=_time(closes))
            for days, opens, closes in spec.hours
            for weekday in _weekdays(days)
        ]
        page.special_days = self.special_days(spec, english=False)
        page.gallery_images = [
            BusinessGalleryImage(image=image, caption=caption) for image, caption, _ in photos[1:]
        ]
        page.payment_methods = [self.payments[code] for code in spec.payments]
        page.spoken_languages = [self.languages[code] for code in spec.languages]
        closure = None
        if spec.slug == content.TEMPORARILY_CLOSED[0]:
            _, days, message, message_en = content.TEMPORARILY_CLOSED
            until = self.today + dt.timedelta(days=days)
            closure = (until, message_en.format(date=f"{until:%B} {until.day}"))
            page.temporarily_closed, page.closed_until = True, until
            page.closure_message = message.format(date=f"{until.month}月{until.day}日")
        with translation.override("ja"):
            self.directory.add_child(instance=page)
        # The owner fills in the draft, the city approves its first publication.
        page.save_revision(user=owner).publish(user=reviewer)

        page = BusinessPage.objects.get(pk=page.pk)
        english = page.copy_for_translation(self.en)
        english.title = spec.name_en
        english.summary = spec.summary_en
        english.body = self.body(spec, english=True)
        english.hours_note = spec.hours_note_en
        english.accessibility_notes = spec.access_notes_en
        if closure:
            english.closure_message = closure[1]
        english.special_days = self.special_days(spec, english=True)
        english.gallery_images = [
            BusinessGalleryImage(image=image, caption=caption_en)
            for image, _, caption_en in photos[1:]
        ]
        with translation.override("en"):
            english.save_revision(user=owner).publish(user=reviewer)
        sync_storefront_permissions(business)
        return page

    def submit_edit(self, page: BusinessPage, summary: str):
        """An owner's edit of a live storefront, waiting for the city's approval."""
        page = BusinessPage.objects.get(pk=page.pk)
        owner = page.business.members.order_by("pk").first()
        page.summary = summary
        page.save_revision(user=owner)
        page.get_workflow().start(page, owner)

    def application(self, spec):
        application = BusinessApplication(
            business_name=spec.business_name,
            business_name_kana=spec.business_name_kana,
            category=self.categories[spec.category],
            area=self.areas[spec.area],
            postal_code=spec.postal_code,
            prefecture=PREFECTURE,
            city=CITY,
            street=spec.street,
            phone=spec.phone,
            description=spec.description,
            licence_number=spec.licence_number,
            contact_name=f"{spec.contact.family} {spec.contact.given}",
            contact_email=spec.contact.email,
            language=spec.language,
            accepted_terms=True,
        )
        application.full_clean()
        submit_application(application)

    def home(self, user):
        hero = get_image_model()(
            title="藤岡の風景",
            description="藤岡の山並みを描いたイメージ画像（デモ用）",
            collection=_site_collection(create=True),
            uploaded_by_user=user,
            file=ContentFile(
                picture("Fujioka, Gunma", "Machikado demo", "home", "home"), name="fujioka.jpg"
            ),
        )
        hero.save()
        for code, (headline, intro) in content.HOME.items():
            home = HomePage.objects.filter(locale__language_code=code).order_by("path").first()
            if home is None:
                continue
            home = home.get_latest_revision_as_object()
            home.headline, home.intro, home.hero_image = headline, intro, hero
            with translation.override(code):
                home.save_revision(user=user).publish(user=user)
            directory = BusinessDirectoryPage.objects.child_of(home).first()
            if directory is not None:
                directory = directory.get_latest_revision_as_object()
                directory.intro = content.DIRECTORY_INTRO[code]
                with translation.override(code):
                    directory.save_revision(user=user).publish(user=user)
        identity = SiteIdentity.load()
        identity.municipality_name, identity.municipality_name_en = "藤岡市", "Fujioka City"
        identity.contact_email = identity.contact_email or "machikado@example.jp"
        identity.save()


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _weekdays(days: str) -> list[int]:
    return list(range(7)) if days == "毎日" else [WEEKDAY_NUMBERS[d] for d in days]


def _site_collection(create=False):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=SITE_COLLECTION).first()
    if existing or not create:
        return existing
    return root.add_child(name=SITE_COLLECTION)


@contextmanager
def _indexing_deferred():
    """Each save of a page normally refreshes the search and reference indexes,
    four or five times per storefront here; refresh them once at the end instead."""
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def _demo_objects():
    businesses = demo_businesses()
    yield from BusinessPage.objects.filter(business__in=businesses)
    yield from HomePage.objects.all()
    yield from BusinessDirectoryPage.objects.all()
    yield from Area.objects.filter(slug__in=[a.slug for a in content.AREAS])
    yield from get_image_model().objects.filter(
        collection__in=[*Collection.objects.filter(business__in=businesses), _site_collection()]
    )
    yield from tourism_loader.demo_objects()


def load(today: dt.date | None = None) -> Summary:
    """Add the demo region. The caller checks `is_loaded()` first."""
    # The demo's people are fictional: its applications and review request mail no one.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic(), _indexing_deferred():
            today = today or timezone.localdate()
            _Loader(today).run()
            tourism_loader.load(today)
            for obj in _demo_objects():
                index.insert_or_update_object(obj)
                ReferenceIndex.create_or_update_for_object(obj)
    return summary()


def load_tourism(today: dt.date | None = None) -> tourism_loader.TourismSummary:
    """Add the tourism demo to a database loaded before it existed."""
    with transaction.atomic(), _indexing_deferred():
        tourism_loader.load(today or timezone.localdate())
        for obj in tourism_loader.demo_objects():
            index.insert_or_update_object(obj)
            ReferenceIndex.create_or_update_for_object(obj)
    return tourism_loader.summary()


# -- removal -----------------------------------------------------------------


def remove() -> None:
    """Take out everything `load` added (the home page text stays until the next load)."""
    with transaction.atomic():
        tourism_loader.remove()  # it points at the storefronts and areas
        businesses = list(demo_businesses().select_related("group", "collection"))
        remove_shops(businesses)
        for page in BusinessPage.objects.filter(business__in=businesses).order_by("-depth"):
            page.delete()
        BusinessApplication.objects.filter(
            contact_email__in=[a.contact.email for a in content.APPLICATIONS]
        ).delete()
        collections = [b.collection for b in businesses]
        site_collection = _site_collection()
        if site_collection is not None:
            collections.append(site_collection)
        for image in get_image_model().objects.filter(collection__in=collections):
            image.delete()
        for business in businesses:
            business.delete()
            business.group.delete()
            business.collection.delete()
        if site_collection is not None:
            site_collection.delete()
        get_user_model().objects.filter(username__in=[a.username for a in accounts()]).delete()
        for spec in content.AREAS:
            area = Area.objects.filter(locale__language_code="ja", slug=spec.slug).first()
            if area is None:
                continue
            try:
                with transaction.atomic():
                    Area.objects.filter(translation_key=area.translation_key).delete()
            except ProtectedError:
                pass  # still used by a storefront someone added; it is kept and reused
